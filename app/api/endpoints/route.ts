// The screens' endpoint routes (session); the same services as /api/v1/endpoints (API key).
import { withAccount } from '@/lib/auth/route';
import { parseBody, parseQuery } from '@/lib/http/errors';
import { endpointCreateSchema, endpointListQuerySchema } from '@/lib/endpoints/schema';
import { createEndpoint, listEndpoints } from '@/lib/endpoints/service';

export const GET = withAccount(async ({ req, accountId }) => ({
  endpoints: await listEndpoints(accountId, parseQuery(req, endpointListQuerySchema).kind),
}));

export const POST = withAccount(async ({ req, accountId }) =>
  Response.json(await createEndpoint(accountId, await parseBody(req, endpointCreateSchema)), { status: 201 }),
);
