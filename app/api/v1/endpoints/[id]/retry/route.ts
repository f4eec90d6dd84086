import { withApiKey } from '@/lib/auth/route';
import { retryEndpointNow } from '@/lib/endpoints/service';

export const POST = withApiKey(async ({ accountId, params }) => ({ endpoint: await retryEndpointNow(accountId, params.id) }));
