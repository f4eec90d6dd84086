import { withAccount } from '@/lib/auth/route';
import { revokeApiKey } from '@/lib/api-keys/service';

export const DELETE = withAccount(async ({ account, params }) => ({ apiKey: await revokeApiKey(account.id, params.id) }));
