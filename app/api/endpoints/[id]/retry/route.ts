import { withAccount } from '@/lib/auth/route';
import { retryEndpointNow } from '@/lib/endpoints/service';

export const POST = withAccount(async ({ accountId, params }) => ({ endpoint: await retryEndpointNow(accountId, params.id) }));
