import { withUser } from '@/lib/auth/route';
import { endAllSessions, listSessions } from '@/lib/auth/sessions';
import { clearedSessionCookie } from '@/lib/auth/session';

export const GET = withUser(async ({ user, sessionId }) => ({ sessions: await listSessions(user.id, sessionId) }));

/** Sign out everywhere: every session of the user, this one included. */
export const DELETE = withUser(async ({ user }) => {
  const ended = await endAllSessions(user.id);
  return Response.json({ ended }, { headers: { 'set-cookie': clearedSessionCookie() } });
});
