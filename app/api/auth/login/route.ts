import { withPublic } from '@/lib/auth/route';
import { parseBody, ApiError } from '@/lib/http/errors';
import { loginSchema } from '@/lib/auth/schema';
import { consumeLoginAttempt, resetLoginAttempts } from '@/lib/auth/rate-limit';
import { authenticateUser, listUserAccounts } from '@/lib/accounts/service';
import { getSession } from '@/lib/auth/session';
import { forgetDemoLogin } from '@/lib/demo-login';

export const POST = withPublic(async ({ req }) => {
  const { email, password } = await parseBody(req, loginSchema);
  await consumeLoginAttempt(req, email);
  const user = await authenticateUser(email, password);
  if (!user) throw new ApiError('unauthorized', 'Wrong email or password');
  const [first] = await listUserAccounts(user.id);
  if (!first) throw new ApiError('forbidden', 'This user belongs to no account');
  await resetLoginAttempts(req, email);
  const session = await getSession();
  session.userId = user.id;
  session.accountId = first.id;
  await session.save();
  forgetDemoLogin(); // the first sign-in ends the demo login file's job
  return { user: { id: user.id, email: user.email, name: user.name }, account: first };
});
