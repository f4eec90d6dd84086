import { withAccount } from '@/lib/auth/route';
import { rotateSigningSecret } from '@/lib/endpoints/service';

export const POST = withAccount(async ({ account, params }) => rotateSigningSecret(account.id, params.id));
