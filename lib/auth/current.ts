// Who is signed in, and in which account: shared by the admin layout and the route wrappers.
import { listUserAccounts } from '@/lib/accounts/service';
import type { AccountSummary } from '@/lib/accounts/schema';
import { sessionIdFromCookies, sessionIdFromRequest } from './session';
import { resolveSession } from './sessions';

export type CurrentUser = {
  user: { id: string; email: string; name: string };
  account: AccountSummary;
  accounts: AccountSummary[];
};

/** CurrentUser plus the session it came from (server side only: never handed to client components). */
export type CurrentSession = CurrentUser & { sessionId: string };

/** The signed-in user and current account, or null: from the request's cookie in route handlers, from
 *  next/headers in pages. A session whose account membership was removed falls back to the user's
 *  first account. */
export async function currentUser(req?: Request): Promise<CurrentSession | null> {
  const sessionId = req ? await sessionIdFromRequest(req) : await sessionIdFromCookies();
  if (!sessionId) return null;
  const session = await resolveSession(sessionId);
  if (!session) return null;
  const accounts = await listUserAccounts(session.userId);
  const account = accounts.find((a) => a.id === session.accountId) ?? accounts[0];
  if (!account) return null;
  return { user: session.user, account, accounts, sessionId };
}
