// Accounts (tenants), their users and memberships.
import { db } from '@/lib/db';
import { generatePassword, hashPassword, verifyPassword } from '@/lib/auth/password';
import { createApiKey } from '@/lib/api-keys/service';
import { endAllSessions } from '@/lib/auth/sessions';
import { ApiError } from '@/lib/http/errors';
import type { AccountSummary, CreateAccountInput } from './schema';

export const DEMO_EMAIL = 'demo@hookline.local';

export type CreatedAccount = {
  account: AccountSummary;
  email: string;
  /** Set when a new user was created; an existing user keeps their password. */
  password: string | null;
  apiKey: string;
};

/** Creates an account with an admin user (new, or an existing user by email) and a first API key. */
export async function createAccount(input: CreateAccountInput): Promise<CreatedAccount> {
  const existing = await db().user.findUnique({ where: { email: input.email } });
  const password = existing ? null : generatePassword();
  const passwordHash = password ? await hashPassword(password) : null;
  const account = await db().$transaction(async (tx) => {
    const acc = await tx.account.create({ data: { name: input.name } });
    const user =
      existing ??
      (await tx.user.create({
        data: { email: input.email, name: input.userName || input.email.split('@')[0], passwordHash: passwordHash! },
      }));
    await tx.membership.create({ data: { userId: user.id, accountId: acc.id, role: 'admin' } });
    return acc;
  });
  const { key } = await createApiKey(account.id, { name: 'Default key' });
  return { account: { id: account.id, name: account.name }, email: input.email, password, apiKey: key };
}

/** On the first start with an empty database: a demo account whose login is printed once. */
export async function ensureDemoAccount(): Promise<CreatedAccount | null> {
  if ((await db().account.count()) > 0) return null;
  return createAccount({ name: 'Demo', email: DEMO_EMAIL, userName: 'Demo user' });
}

/** A new random password; every session signed in with the old one ends in the same transaction. */
export async function resetPassword(email: string): Promise<string> {
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  await db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email }, select: { id: true } });
    if (!user) throw new ApiError('not_found', `No user with email ${email}`);
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await endAllSessions(user.id, tx);
  });
  return password;
}

export async function authenticateUser(email: string, password: string) {
  const user = await db().user.findUnique({ where: { email } });
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  return ok ? user : null;
}

export async function listUserAccounts(userId: string): Promise<AccountSummary[]> {
  const memberships = await db().membership.findMany({
    where: { userId },
    include: { account: { select: { id: true, name: true } } },
    orderBy: { account: { name: 'asc' } },
  });
  return memberships.map((m) => m.account);
}

export async function isMember(userId: string, accountId: string): Promise<boolean> {
  return (await db().membership.count({ where: { userId, accountId } })) > 0;
}

export async function addMember(accountId: string, userId: string): Promise<void> {
  await db().membership.upsert({
    where: { userId_accountId: { userId, accountId } },
    create: { userId, accountId },
    update: {},
  });
}
