import { withAccount } from '@/lib/auth/route';
import { parseBody } from '@/lib/http/errors';
import { createApiKeySchema } from '@/lib/api-keys/schema';
import { createApiKey, listApiKeys } from '@/lib/api-keys/service';

export const GET = withAccount(async ({ accountId }) => ({ apiKeys: await listApiKeys(accountId) }));

/** Signed-in users only: a leaked key must not be able to mint its successor. */
export const POST = withAccount(
  async ({ req, accountId }) => {
    const created = await createApiKey(accountId, await parseBody(req, createApiKeySchema));
    return Response.json(created, { status: 201 });
  },
  { apiKey: false },
);
