import { withAccount } from '@/lib/auth/route';
import { parseBody } from '@/lib/http/errors';
import { endpointUpdateSchema } from '@/lib/endpoints/schema';
import { deleteEndpoint, getEndpoint, updateEndpoint } from '@/lib/endpoints/service';

export const GET = withAccount(async ({ account, params }) => ({ endpoint: await getEndpoint(account.id, params.id) }));

export const PATCH = withAccount(async ({ req, account, params }) => ({
  endpoint: await updateEndpoint(account.id, params.id, await parseBody(req, endpointUpdateSchema)),
}));

export const DELETE = withAccount(async ({ account, params }) => {
  await deleteEndpoint(account.id, params.id);
});
