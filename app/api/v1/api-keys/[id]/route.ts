import { withApiKey } from '@/lib/auth/route';
import { getApiKey } from '@/lib/api-keys/service';

export const GET = withApiKey(async ({ accountId, params }) => ({ apiKey: await getApiKey(accountId, params.id) }));
