import { withAccount } from '@/lib/auth/route';
import { retryEndpointNow } from '@/lib/endpoints/service';

export const POST = withAccount(async ({ account, params }) => ({ endpoint: await retryEndpointNow(account.id, params.id) }));
