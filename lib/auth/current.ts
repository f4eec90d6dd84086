// Who is signed in, and in which account: shared by the admin layout and the route wrappers.
import { db } from '@/lib/db';
import { listUserAccounts } from '@/lib/accounts/service';
import type { AccountSummary } from '@/lib/accounts/schema';
import { getSession } from './session';

export type CurrentUser = {
  user: { id: string; email: string; name: string };
  account: AccountSummary;
  accounts: AccountSummary[];
};

/** The signed-in user and current account, or null. A session whose account membership was removed
 *  falls back to the user's first account. */
export async function currentUser(): Promise<CurrentUser | null> {
  const session = await getSession();
  if (!session.userId) return null;
  const user = await db().user.findUnique({ where: { id: session.userId }, select: { id: true, email: true, name: true } });
  if (!user) return null;
  const accounts = await listUserAccounts(user.id);
  const account = accounts.find((a) => a.id === session.accountId) ?? accounts[0];
  if (!account) return null;
  return { user, account, accounts };
}
