import { withPublic } from '@/lib/auth/route';
import { clearedSessionCookie, sessionIdFromRequest } from '@/lib/auth/session';
import { endSession } from '@/lib/auth/sessions';

// Public so that a browser whose session already ended can still clear its cookie.
export const POST = withPublic(async ({ req }) => {
  const sessionId = await sessionIdFromRequest(req);
  if (sessionId) await endSession(sessionId);
  return Response.json({ ok: true }, { headers: { 'set-cookie': clearedSessionCookie() } });
});
