import { withAccount } from '@/lib/auth/route';
import { parseBody } from '@/lib/http/errors';
import { connectorSchema } from '@/lib/connectors/schema';
import { createConnector, listConnectors } from '@/lib/connectors/service';

export const GET = withAccount(async ({ account }) => ({ connectors: await listConnectors(account.id) }));

export const POST = withAccount(async ({ req, account }) =>
  Response.json({ connector: await createConnector(account.id, await parseBody(req, connectorSchema)) }, { status: 201 }),
);
