import { withUser } from '@/lib/auth/route';
import { parseBody, notFound } from '@/lib/http/errors';
import { switchAccountSchema } from '@/lib/auth/schema';
import { isMember } from '@/lib/accounts/service';
import { getSession } from '@/lib/auth/session';

export const POST = withUser(async ({ req, user }) => {
  const { accountId } = await parseBody(req, switchAccountSchema);
  if (!(await isMember(user.id, accountId))) throw notFound('Account');
  const session = await getSession();
  session.accountId = accountId;
  await session.save();
  return { accountId };
});
