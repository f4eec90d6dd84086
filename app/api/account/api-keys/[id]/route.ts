import { withAccount } from '@/lib/auth/route';
import { getApiKey, revokeApiKey } from '@/lib/api-keys/service';

export const GET = withAccount(async ({ accountId, params }) => ({ apiKey: await getApiKey(accountId, params.id) }));

export const DELETE = withAccount(async ({ accountId, params }) => ({ apiKey: await revokeApiKey(accountId, params.id) }), { apiKey: false });
