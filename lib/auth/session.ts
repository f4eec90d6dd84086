// Browser sessions: iron-session's sealed, httpOnly, SameSite=Lax cookie holding the user id and the
// current account id. Chosen over better-auth because Hookline needs only email+password login over
// its own users table; iron-session is small, maintained, and keeps no session table to sweep.
import { getIronSession, type SessionOptions } from 'iron-session';
import { cookies } from 'next/headers';
import { config } from '@/lib/config';

export type SessionData = { userId?: string; accountId?: string };

const TWO_WEEKS = 60 * 60 * 24 * 14;

export function sessionOptions(): SessionOptions {
  const { HOOKLINE_SECRET, HOOKLINE_PUBLIC_URL } = config();
  return {
    password: HOOKLINE_SECRET,
    cookieName: 'hookline_session',
    ttl: TWO_WEEKS,
    cookieOptions: {
      httpOnly: true,
      sameSite: 'lax',
      secure: HOOKLINE_PUBLIC_URL?.startsWith('https://') ?? false,
      path: '/',
    },
  };
}

export async function getSession() {
  return getIronSession<SessionData>(await cookies(), sessionOptions());
}
