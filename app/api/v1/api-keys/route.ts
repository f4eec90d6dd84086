import { withApiKey } from '@/lib/auth/route';
import { listApiKeys } from '@/lib/api-keys/service';

export const GET = withApiKey(async ({ accountId }) => ({ apiKeys: await listApiKeys(accountId) }));
