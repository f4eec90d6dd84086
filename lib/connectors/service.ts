// Connectors: secrets encrypted at rest, shown masked, refused deletion while a webhook uses them.
import { db } from '@/lib/db';
import { tenantDb } from '@/lib/db/tenant';
import { recordAudit } from '@/lib/audit/service';
import { decryptSecret, encryptSecret, maskSecret } from '@/lib/crypto/secrets';
import { connectorAuth } from '@/lib/request-webhooks/resolve';
import { ApiError, isUniqueViolation, nameTaken, notFound } from '@/lib/http/errors';
import { activeWorkflowsUsing, quoteNames } from '@/lib/workflows/service';
import type { Connector } from '@/lib/generated/prisma/client';
import type { ConnectorInput, ConnectorType, ConnectorUpdate, ConnectorView } from './schema';

const secretOf = (input: ConnectorInput | ConnectorUpdate) =>
  input.type === 'basic' ? input.password : input.type === 'bearer' ? input.token : input.key;

type WithUse = Connector & { webhooks: { id: string; name: string; deletedAt: Date | null }[] };

function toView(c: WithUse): ConnectorView {
  return {
    id: c.id,
    name: c.name,
    type: c.type as ConnectorType,
    login: c.login,
    headerName: c.headerName,
    secretMasked: maskSecret(decryptSecret(c.secretEnc)),
    usedBy: c.webhooks.map((w) => ({ id: w.id, name: w.name, deleted: w.deletedAt !== null })),
  };
}
const withUse = { webhooks: { select: { id: true, name: true, deletedAt: true }, orderBy: { name: 'asc' as const } } };

export async function listConnectors(accountId: string): Promise<ConnectorView[]> {
  const rows = await tenantDb(accountId).connector.findMany({ include: withUse, orderBy: { name: 'asc' } });
  return rows.map(toView);
}

export async function getConnector(accountId: string, id: string): Promise<ConnectorView> {
  const row = await tenantDb(accountId).connector.findUnique({ where: { id }, include: withUse });
  if (!row) throw notFound('Connector');
  return toView(row);
}

export async function createConnector(accountId: string, input: ConnectorInput): Promise<ConnectorView> {
  try {
    const row = await db().$transaction(async (tx) => {
      const created = await tx.connector.create({
        data: {
          accountId,
          name: input.name,
          type: input.type,
          login: input.type === 'basic' ? input.login : null,
          headerName: input.type === 'api_key' ? input.headerName : null,
          secretEnc: encryptSecret(secretOf(input)!),
        },
        include: withUse,
      });
      await recordAudit(tx, { accountId, action: 'created', target: { kind: 'connector', id: created.id, name: created.name } });
      return created;
    });
    return toView(row);
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken('connector', input.name);
    throw err;
  }
}

export async function updateConnector(accountId: string, id: string, input: ConnectorUpdate): Promise<ConnectorView> {
  const t = tenantDb(accountId);
  const current = await t.connector.findUnique({ where: { id } });
  if (!current) throw notFound('Connector');
  const secret = secretOf(input);
  if (!secret && current.type !== input.type) {
    throw new ApiError('unprocessable_entity', 'Some fields are invalid', { [input.type === 'basic' ? 'password' : input.type === 'bearer' ? 'token' : 'key']: ['Enter the new secret for the new type'] });
  }
  try {
    const row = await db().$transaction(async (tx) => {
      const updated = await tx.connector.update({
        where: { id, accountId },
        data: {
          name: input.name,
          type: input.type,
          login: input.type === 'basic' ? input.login : null,
          headerName: input.type === 'api_key' ? input.headerName : null,
          ...(secret ? { secretEnc: encryptSecret(secret) } : {}),
        },
        include: withUse,
      });
      // Which fields changed, by name; a new secret is recorded as "secret", never its value.
      const fields: string[] = (['name', 'type', 'login', 'headerName'] as const).filter((k) => updated[k] !== current[k]);
      if (secret) fields.push('secret');
      await recordAudit(tx, { accountId, action: 'changed', target: { kind: 'connector', id, name: updated.name }, fields });
      return updated;
    });
    return toView(row);
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken('connector', input.name);
    throw err;
  }
}

/** Refused while any webhook (deleted ones too: they can be restored) uses the connector; the
 *  answer also names the active workflows that send those webhooks. */
export async function deleteConnector(accountId: string, id: string): Promise<void> {
  const c = await getConnector(accountId, id);
  if (c.usedBy.length > 0) {
    const names = c.usedBy.map((w) => `“${w.name}”${w.deleted ? ' (deleted)' : ''}`).join(', ');
    const workflows = await activeWorkflowsUsing(db(), accountId, c.usedBy.map((w) => w.id));
    const inWorkflows = workflows.length > 0 ? `, which the active workflow${workflows.length > 1 ? 's' : ''} ${quoteNames(workflows)} ${workflows.length > 1 ? 'send' : 'sends'}` : '';
    throw new ApiError('conflict', `This connector is used by ${names}${inWorkflows}. Choose another connector there first.`);
  }
  await db().$transaction(async (tx) => {
    await tx.connector.delete({ where: { id, accountId } });
    await recordAudit(tx, { accountId, action: 'deleted', target: { kind: 'connector', id, name: c.name } });
  });
}

/** The headers a connector adds to a request, and the names whose values must be masked when shown. */
export async function connectorHeaders(accountId: string, id: string): Promise<{ headers: Record<string, string>; secretNames: string[] }> {
  const c = await tenantDb(accountId).connector.findUnique({ where: { id } });
  if (!c) throw notFound('Connector');
  return connectorAuth(c);
}
