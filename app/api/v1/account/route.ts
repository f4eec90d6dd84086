import { withAccount } from '@/lib/auth/route';
import { db } from '@/lib/db';

export const GET = withAccount(async ({ accountId }) => ({
  account: await db().account.findUniqueOrThrow({ where: { id: accountId }, select: { id: true, name: true, createdAt: true } }),
}));
