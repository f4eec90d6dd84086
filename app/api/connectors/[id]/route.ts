import { withAccount } from '@/lib/auth/route';
import { parseBody } from '@/lib/http/errors';
import { connectorUpdateSchema } from '@/lib/connectors/schema';
import { deleteConnector, getConnector, updateConnector } from '@/lib/connectors/service';

export const GET = withAccount(async ({ accountId, params }) => ({ connector: await getConnector(accountId, params.id) }));

export const PATCH = withAccount(async ({ req, accountId, params }) => ({
  connector: await updateConnector(accountId, params.id, await parseBody(req, connectorUpdateSchema)),
}));

export const DELETE = withAccount(async ({ accountId, params }) => {
  await deleteConnector(accountId, params.id);
});
