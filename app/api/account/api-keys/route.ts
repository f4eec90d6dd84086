import { withAccount } from '@/lib/auth/route';
import { parseBody } from '@/lib/http/errors';
import { createApiKeySchema } from '@/lib/api-keys/schema';
import { createApiKey, listApiKeys } from '@/lib/api-keys/service';

export const GET = withAccount(async ({ account }) => ({ apiKeys: await listApiKeys(account.id) }));

export const POST = withAccount(async ({ req, account }) => {
  const created = await createApiKey(account.id, await parseBody(req, createApiKeySchema));
  return Response.json(created, { status: 201 });
});
