// Workflow request webhooks (the Manage Webhook dialog): create, edit, soft-delete and restore, and
// Send test — resolve the templates against a contact and/or an event, then send it now.
import { db } from '@/lib/db';
import { tenantDb } from '@/lib/db/tenant';
import { recordAudit, recordAuditAlone } from '@/lib/audit/service';
import { ApiError, nameTaken, notFound } from '@/lib/http/errors';
import { MASKED, maskHeaderList, restoreMaskedHeaders } from '@/lib/http/mask';
import { openHeaders, sealHeaders } from '@/lib/crypto/headers';
import { connectorHeaders } from '@/lib/connectors/service';
import { activeWorkflowsUsing, quoteNames } from '@/lib/workflows/service';
import { listRequestVariables } from '@/lib/templates/render';
import { parseAnswer, resolveSpec, sendResolved, type Resolved } from './resolve';
import { toRequestSpec, type RequestWebhookInput } from '@/lib/templates/schema';
import { getContact } from '@/lib/contacts/service';
import { contactVariables } from '@/lib/contacts/schema';
import { getEvent } from '@/lib/events/service';
import { eventVariables } from '@/lib/events/schema';
import type { Prisma, RequestWebhook } from '@/lib/generated/prisma/client';
import type { RequestWebhookView, TestData, RequestTestResult } from './types';

export function toView(w: RequestWebhook & { connector?: { name: string } | null }): RequestWebhookView {
  const headers = openHeaders(w.headers);
  const method = w.method as 'GET' | 'POST';
  return {
    id: w.id,
    name: w.name,
    description: w.description,
    method,
    url: w.url,
    passHeaders: headers.length > 0,
    // Credential-like values (X-Api-Key, X-Auth-Token …) are masked like exports' (lib/http/mask.ts);
    // sent back unchanged, the mask keeps the stored value (withStoredHeaders).
    headers: maskHeaderList(headers),
    authEnabled: w.connectorId !== null,
    connectorId: w.connectorId,
    connectorName: w.connector?.name ?? null,
    bodyEnabled: w.body !== null,
    bodyFormat: (w.bodyFormat as RequestWebhookView['bodyFormat']) ?? 'json',
    body: w.body ?? '',
    variables: listRequestVariables({ method, url: w.url, headers, bodyFormat: w.bodyFormat as 'json' | 'xml' | 'text' | null, body: w.body }),
    lastTestResponse: w.lastTestResponse ?? null,
    rateLimit: w.rateLimit,
    maxConcurrency: w.maxConcurrency,
    deletedAt: w.deletedAt?.toISOString() ?? null,
    updatedAt: w.updatedAt.toISOString(),
  };
}

/**
 * The input with masked header values replaced by the stored ones of webhook `id` (none when new).
 * A mask with nothing stored behind it is refused: the value must be typed.
 */
async function withStoredHeaders(accountId: string, input: RequestWebhookInput, id: string | undefined, field = 'headers'): Promise<RequestWebhookInput> {
  if (!input.headers.some((h) => h.value === MASKED)) return input;
  const row = id ? await tenantDb(accountId).requestWebhook.findUnique({ where: { id }, select: { headers: true } }) : null;
  const { headers, unresolved } = restoreMaskedHeaders(input.headers, openHeaders(row?.headers));
  if (unresolved.length > 0 && input.passHeaders) {
    throw new ApiError('unprocessable_entity', 'Some fields are invalid', Object.fromEntries(unresolved.map((i) => [`${field}.${i}.value`, ['Enter the value']])));
  }
  return { ...input, headers };
}

/** What is stored: the request as it will be sent (sections switched off dropped, GET without a body), header values sealed. */
function toData(input: RequestWebhookInput) {
  const spec = toRequestSpec(input);
  return {
    name: input.name,
    description: input.description || null,
    method: spec.method,
    url: spec.url,
    headers: sealHeaders(spec.headers),
    connectorId: input.authEnabled ? input.connectorId : null,
    bodyFormat: spec.bodyFormat ?? null,
    body: spec.body ?? null,
    rateLimit: input.rateLimit,
    maxConcurrency: input.maxConcurrency,
  };
}


async function assertNameFree(accountId: string, name: string, exceptId?: string) {
  const clash = await tenantDb(accountId).requestWebhook.findFirst({ where: { name, deletedAt: null, ...(exceptId ? { NOT: { id: exceptId } } : {}) } });
  if (clash) throw nameTaken('webhook', name);
}

async function assertConnector(accountId: string, connectorId: string | null) {
  if (connectorId && !(await tenantDb(accountId).connector.findUnique({ where: { id: connectorId } }))) {
    throw new ApiError('unprocessable_entity', 'Some fields are invalid', { connectorId: ['Choose one of your connectors'] });
  }
}

const include = { connector: { select: { name: true } } } satisfies Prisma.RequestWebhookInclude;

export async function listRequestWebhooks(accountId: string, { deleted = false } = {}): Promise<RequestWebhookView[]> {
  const rows = await tenantDb(accountId).requestWebhook.findMany({
    where: { deletedAt: deleted ? { not: null } : null },
    include,
    orderBy: deleted ? { deletedAt: 'desc' } : { name: 'asc' },
  });
  return rows.map(toView);
}

export async function getRequestWebhook(accountId: string, id: string): Promise<RequestWebhookView> {
  const row = await tenantDb(accountId).requestWebhook.findUnique({ where: { id }, include });
  if (!row) throw notFound('Webhook');
  return toView(row);
}

export async function createRequestWebhook(accountId: string, given: RequestWebhookInput): Promise<RequestWebhookView> {
  const input = await withStoredHeaders(accountId, given, undefined);
  await assertNameFree(accountId, input.name);
  await assertConnector(accountId, input.authEnabled ? input.connectorId : null);
  const row = await db().$transaction(async (tx) => {
    const created = await tx.requestWebhook.create({ data: { accountId, ...toData(input) }, include });
    await recordAudit(tx, { accountId, action: 'created', target: { kind: 'request_webhook', id: created.id, name: created.name } });
    return created;
  });
  return toView(row);
}

export async function updateRequestWebhook(accountId: string, id: string, given: RequestWebhookInput): Promise<RequestWebhookView> {
  const current = await getRequestWebhook(accountId, id);
  if (current.deletedAt) throw new ApiError('conflict', 'Restore the webhook before editing it');
  const input = await withStoredHeaders(accountId, given, id);
  await assertNameFree(accountId, input.name, id);
  await assertConnector(accountId, input.authEnabled ? input.connectorId : null);
  const row = await db().$transaction(async (tx) => {
    const updated = await tx.requestWebhook.update({ where: { id, accountId }, data: { ...toData(input), lastTestResponse: undefined }, include });
    await recordAudit(tx, { accountId, action: 'changed', target: { kind: 'request_webhook', id, name: updated.name } });
    return updated;
  });
  return toView(row);
}

/** Deleting keeps the webhook in the Deleted webhooks list, from where it can be restored. Refused
 *  (409, naming them) while an active workflow uses it. */
export async function deleteRequestWebhook(accountId: string, id: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const [row] = await tx.requestWebhook.updateManyAndReturn({ where: { id, accountId, deletedAt: null }, data: { deletedAt: new Date() }, select: { name: true } });
    if (!row) throw notFound('Webhook');
    const workflows = await activeWorkflowsUsing(tx, accountId, [id]);
    if (workflows.length > 0) {
      const which = `the active workflow${workflows.length > 1 ? 's' : ''} ${quoteNames(workflows)}`;
      throw new ApiError('conflict', `Webhook “${row.name}” is used by ${which}. Deactivate it or choose another webhook there first.`);
    }
    await recordAudit(tx, { accountId, action: 'deleted', target: { kind: 'request_webhook', id, name: row.name } });
  });
}

export async function restoreRequestWebhook(accountId: string, id: string): Promise<RequestWebhookView> {
  const current = await getRequestWebhook(accountId, id);
  if (!current.deletedAt) return current;
  await assertNameFree(accountId, current.name, id);
  await db().$transaction(async (tx) => {
    await tx.requestWebhook.update({ where: { id, accountId }, data: { deletedAt: null } });
    await recordAudit(tx, { accountId, action: 'restored', target: { kind: 'request_webhook', id, name: current.name } });
  });
  return getRequestWebhook(accountId, id);
}

/**
 * Resolves the templates with the chosen contact and/or event and adds the connector's auth. The
 * dialog's values may hold masked header values: those of saved webhook `webhookId` are used.
 */
export async function resolveRequest(accountId: string, given: RequestWebhookInput, data: TestData, webhookId?: string): Promise<Resolved> {
  const input = await withStoredHeaders(accountId, given, webhookId, 'webhook.headers');
  const contact = data.contactId ? contactVariables(await getContact(accountId, data.contactId)) : undefined;
  const event = data.eventId ? eventVariables(await getEvent(accountId, data.eventId)) : data.event;
  const connectorId = input.authEnabled ? input.connectorId : null;
  if (connectorId) await assertConnector(accountId, connectorId);
  const auth = connectorId ? await connectorHeaders(accountId, connectorId) : null;
  return resolveSpec(toRequestSpec(input), { contact, event }, auth);
}

/** Send test: the resolved request, sent now; a successful answer (JSON, XML as an object, or text)
 *  becomes the webhook's sample response for the $data expressions. */
export async function sendTestRequest(accountId: string, input: RequestWebhookInput, data: TestData, webhookId?: string): Promise<RequestTestResult> {
  const { sendHeaders, ...request } = await resolveRequest(accountId, input, data, webhookId);
  if (request.errors.length > 0) return { request, response: null, ok: false, error: { kind: 'template', message: request.errors.map((e) => e.message).join('; ') } };
  const res = await sendResolved({ ...request, sendHeaders });
  await recordAuditAlone({ accountId, action: 'tested', target: { kind: 'request_webhook', id: webhookId ?? null, name: input.name || null } });
  let json: unknown = null;
  try {
    json = res.body ? JSON.parse(res.body) : null;
  } catch {
    json = null;
  }
  if (res.ok && webhookId) {
    const answer = parseAnswer(res.body, res.headers['content-type']);
    await db().requestWebhook.updateMany({ where: { id: webhookId, accountId }, data: { lastTestResponse: answer as Prisma.InputJsonValue } });
  }
  return {
    request,
    ok: res.ok,
    response: res.status === null ? null : { status: res.status, headers: res.headers, body: res.body, json, durationMs: Math.round(res.durationMs) },
    error: res.error ?? (res.ok ? null : { kind: 'http', message: `The server answered ${res.status}` }),
  };
}
