import { withAccount } from '@/lib/auth/route';
import { rotateSigningSecret } from '@/lib/endpoints/service';

export const POST = withAccount(async ({ accountId, params }) => rotateSigningSecret(accountId, params.id));
