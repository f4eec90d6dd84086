import { withPublic } from '@/lib/auth/route';
import { parseBody } from '@/lib/http/errors';
import { loginSchema } from '@/lib/auth/schema';
import { signIn } from '@/lib/auth/login';

export const POST = withPublic(async ({ req }) => {
  const { cookie, ...signedIn } = await signIn(req, await parseBody(req, loginSchema));
  return Response.json(signedIn, { headers: { 'set-cookie': cookie } });
});
