// The sign-in flow, beside the rules it uses: throttle, check the password, pick the first account,
// start a server-side session. The route handler only parses the body and sets the cookie.
import { authenticateUser, listUserAccounts } from '@/lib/accounts/service';
import { ApiError } from '@/lib/http/errors';
import { recordSignIn } from '@/lib/audit/sign-in';
import { forgetDemoLogin } from '@/lib/demo-login';
import { clientAddress } from '@/lib/http/forwarded';
import type { AccountSummary } from '@/lib/accounts/schema';
import type { LoginInput } from './schema';
import { consumeLoginAttempt, resetLoginAttempts } from './rate-limit';
import { startSession } from './sessions';
import { sessionCookie } from './session';

export type SignedIn = {
  user: { id: string; email: string; name: string };
  account: AccountSummary;
  /** The Set-Cookie value for the new session. */
  cookie: string;
};

export async function signIn(req: Request, { email, password }: LoginInput): Promise<SignedIn> {
  await consumeLoginAttempt(req, email);
  const user = await authenticateUser(email, password);
  const [first] = user ? await listUserAccounts(user.id) : [];
  // The audit trail: a success in the account signed into, a failure in each of the user's accounts.
  await recordSignIn(req, email, user && first ? { userId: user.id, accountId: first.id } : null);
  if (!user) throw new ApiError('unauthorized', 'Wrong email or password');
  if (!first) throw new ApiError('forbidden', 'This user belongs to no account');
  await resetLoginAttempts(req, email);
  const session = await startSession({ userId: user.id, accountId: first.id, ip: clientAddress(req), userAgent: req.headers.get('user-agent') });
  forgetDemoLogin(); // the first sign-in ends the demo login file's job (scripts/start.ts)
  return { user: { id: user.id, email: user.email, name: user.name }, account: first, cookie: await sessionCookie(session.id) };
}
