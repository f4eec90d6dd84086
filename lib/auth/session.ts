// The browser's session cookie: iron-session's sealed, httpOnly, SameSite=Lax cookie holding only the
// id of a row in `sessions` (lib/auth/sessions.ts). The row is the truth: revoking it ends the session
// even if the cookie is replayed. Sealing keeps the cookie unforgeable without the secret.
import { sealData, unsealData } from 'iron-session';
import { cookies } from 'next/headers';
import { config } from '@/lib/config';

export const SESSION_COOKIE = 'hookline_session';

type SessionCookie = { sid: string };

function cookieAttributes(maxAge: number): string {
  const secure = config().HOOKLINE_PUBLIC_URL?.startsWith('https://') ? '; Secure' : '';
  return `Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure}`;
}

/** The Set-Cookie value that signs this browser in to the session. */
export async function sessionCookie(sessionId: string): Promise<string> {
  const { HOOKLINE_SECRET, HOOKLINE_SESSION_MAX_AGE_SECONDS } = config();
  const seal = await sealData({ sid: sessionId } satisfies SessionCookie, { password: HOOKLINE_SECRET, ttl: HOOKLINE_SESSION_MAX_AGE_SECONDS });
  return `${SESSION_COOKIE}=${seal}; ${cookieAttributes(HOOKLINE_SESSION_MAX_AGE_SECONDS)}`;
}

/** The Set-Cookie value that removes the cookie (logout). */
export const clearedSessionCookie = () => `${SESSION_COOKIE}=; ${cookieAttributes(0)}`;

async function unseal(value: string | undefined): Promise<string | null> {
  if (!value) return null;
  const { HOOKLINE_SECRET, HOOKLINE_SESSION_MAX_AGE_SECONDS } = config();
  const data = await unsealData<Partial<SessionCookie>>(value, { password: HOOKLINE_SECRET, ttl: HOOKLINE_SESSION_MAX_AGE_SECONDS }).catch(() => ({}) as Partial<SessionCookie>);
  return typeof data.sid === 'string' ? data.sid : null;
}

/** The session id in a request's Cookie header (route handlers), or null. */
export function sessionIdFromRequest(req: Request): Promise<string | null> {
  const header = req.headers.get('cookie') ?? '';
  const pair = header.split(';').find((p) => p.trim().startsWith(`${SESSION_COOKIE}=`));
  return unseal(pair?.trim().slice(SESSION_COOKIE.length + 1));
}

/** The session id of the request being rendered (server components, pages). */
export async function sessionIdFromCookies(): Promise<string | null> {
  return unseal((await cookies()).get(SESSION_COOKIE)?.value);
}
