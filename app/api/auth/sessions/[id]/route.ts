import { withUser } from '@/lib/auth/route';
import { endUserSession } from '@/lib/auth/sessions';
import { clearedSessionCookie } from '@/lib/auth/session';
import { notFound } from '@/lib/http/errors';

/** Sign out one of the user's sessions (another user's id is simply not found). */
export const DELETE = withUser(async ({ user, sessionId, params }) => {
  if (!(await endUserSession(user.id, params.id))) throw notFound('Session');
  const headers: HeadersInit = params.id === sessionId ? { 'set-cookie': clearedSessionCookie() } : {};
  return Response.json({ ended: 1, current: params.id === sessionId }, { headers });
});
