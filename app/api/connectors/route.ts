import { withAccount } from '@/lib/auth/route';
import { parseBody } from '@/lib/http/errors';
import { connectorSchema } from '@/lib/connectors/schema';
import { createConnector, listConnectors } from '@/lib/connectors/service';

export const GET = withAccount(async ({ accountId }) => ({ connectors: await listConnectors(accountId) }));

export const POST = withAccount(async ({ req, accountId }) =>
  Response.json({ connector: await createConnector(accountId, await parseBody(req, connectorSchema)) }, { status: 201 }),
);
