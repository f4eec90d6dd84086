import { withAccount } from '@/lib/auth/route';
import { parseBody } from '@/lib/http/errors';
import { connectorUpdateSchema } from '@/lib/connectors/schema';
import { deleteConnector, getConnector, updateConnector } from '@/lib/connectors/service';

export const GET = withAccount(async ({ account, params }) => ({ connector: await getConnector(account.id, params.id) }));

export const PATCH = withAccount(async ({ req, account, params }) => ({
  connector: await updateConnector(account.id, params.id, await parseBody(req, connectorUpdateSchema)),
}));

export const DELETE = withAccount(async ({ account, params }) => {
  await deleteConnector(account.id, params.id);
});
