import { withUser } from '@/lib/auth/route';
import { parseBody, notFound } from '@/lib/http/errors';
import { switchAccountSchema } from '@/lib/auth/schema';
import { isMember } from '@/lib/accounts/service';
import { setSessionAccount } from '@/lib/auth/sessions';

export const POST = withUser(async ({ req, user, sessionId }) => {
  const { accountId } = await parseBody(req, switchAccountSchema);
  if (!(await isMember(user.id, accountId))) throw notFound('Account');
  await setSessionAccount(sessionId, accountId);
  return { accountId };
});
