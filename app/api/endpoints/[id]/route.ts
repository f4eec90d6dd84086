import { withAccount } from '@/lib/auth/route';
import { parseBody } from '@/lib/http/errors';
import { endpointUpdateSchema } from '@/lib/endpoints/schema';
import { deleteEndpoint, getEndpoint, updateEndpoint } from '@/lib/endpoints/service';

export const GET = withAccount(async ({ accountId, params }) => ({ endpoint: await getEndpoint(accountId, params.id) }));

export const PATCH = withAccount(async ({ req, accountId, params }) => ({
  endpoint: await updateEndpoint(accountId, params.id, await parseBody(req, endpointUpdateSchema)),
}));

export const DELETE = withAccount(async ({ accountId, params }) => {
  await deleteEndpoint(accountId, params.id);
});
