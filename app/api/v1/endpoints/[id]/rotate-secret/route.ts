import { withApiKey } from '@/lib/auth/route';
import { rotateSigningSecret } from '@/lib/endpoints/service';

export const POST = withApiKey(async ({ accountId, params }) => rotateSigningSecret(accountId, params.id));
