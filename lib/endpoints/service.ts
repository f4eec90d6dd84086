// Endpoints: create, read, change, (de)activate, delete, retry now, rotate the signing secret.
// Shared by the machine API (/api/v1/endpoints) and the screens.
import { db, pool } from '@/lib/db';
import { tenantDb } from '@/lib/db/tenant';
import { encryptSecret } from '@/lib/crypto/secrets';
import { generateSigningSecret } from '@/lib/delivery/signing';
import { wakeWorkers } from '@/lib/delivery/wake';
import { assertEventWebhookChange } from '@/lib/event-webhooks/rules';
import { openHeaders, sealHeaders, type SealedHeader } from '@/lib/crypto/headers';
import { maskHeaderList, restoreMaskedHeaders } from '@/lib/http/mask';
import { activateEndpoint, activationConflict, deactivateEndpoint } from './activate';
import { recordAudit } from '@/lib/audit/service';
import type { AuditTargetKind } from '@/lib/audit/schema';
import { MAX_PREVIOUS_SECRETS, PREVIOUS_SECRET_GRACE_MS, validPreviousSecrets, type PreviousSecret } from './secrets';
import { ApiError, isUniqueViolation, nameTaken, notFound } from '@/lib/http/errors';
import type { Endpoint, Prisma } from '@/lib/generated/prisma/client';
import type { CustomHeader, EndpointCreate, EndpointKind, EndpointUpdate, EndpointView } from './schema';


/**
 * Custom headers to store: a masked value sent back unchanged keeps the stored one (the form never
 * sees the real value); every value is sealed at rest (lib/crypto/headers.ts).
 */
export function headersToStore(next: CustomHeader[], stored: CustomHeader[], field = 'headers'): SealedHeader[] {
  const { headers, unresolved } = restoreMaskedHeaders(next, stored);
  if (unresolved.length > 0) {
    throw new ApiError('unprocessable_entity', 'Some fields are invalid', Object.fromEntries(unresolved.map((i) => [`${field}.${i}.value`, ['Enter the value']])));
  }
  return sealHeaders(headers);
}

/** How the audit trail names an endpoint kind. */
export const auditKind = (kind: string): AuditTargetKind => (kind === 'event' ? 'event_webhook' : kind === 'laboratory' ? 'laboratory' : 'export');

export function toView(e: Endpoint, waiting = 0, lastError: EndpointView['lastError'] = null): EndpointView {
  return {
    id: e.id,
    kind: e.kind as EndpointKind,
    name: e.name,
    url: e.url,
    active: e.active,
    statuses: e.statuses,
    format: e.format as EndpointView['format'],
    auth: e.authLogin ? { login: e.authLogin, passwordSet: Boolean(e.authPasswordEnc) } : null,
    // Credential-like header values (X-Api-Key …) are never sent back in full; see headersToStore.
    headers: maskHeaderList(openHeaders(e.headers)),
    state: !e.active ? 'inactive' : e.blockedSince ? 'failing' : 'active',
    blockedSince: e.blockedSince?.toISOString() ?? null,
    waiting,
    lastSuccessAt: e.lastSuccessAt?.toISOString() ?? null,
    nextAttemptAt: e.nextAttemptAt?.toISOString() ?? null,
    lastError: e.blockedSince ? lastError : null,
    createdAt: e.createdAt.toISOString(),
  };
}

/** Waiting work per endpoint: pending deliveries' activities plus activities not yet batched. */
async function waitingCounts(ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db().$queryRaw<{ endpoint_id: string; n: bigint }[]>`
    SELECT endpoint_id, sum(n)::bigint AS n FROM (
      SELECT endpoint_id, sum(activity_count) AS n FROM deliveries
       WHERE endpoint_id = ANY(${ids}::uuid[]) AND status = 'pending' GROUP BY endpoint_id
      UNION ALL
      SELECT endpoint_id, sum(count) AS n FROM queue_ranges WHERE endpoint_id = ANY(${ids}::uuid[]) GROUP BY endpoint_id
    ) t GROUP BY endpoint_id`;
  return new Map(rows.map((r) => [r.endpoint_id, Number(r.n)]));
}

/**
 * Why a failing endpoint is blocked: its latest failed delivery attempt (tests left out), read
 * through the (endpoint_id, success, is_test, started_at) index, one row per blocked endpoint.
 */
async function lastErrors(rows: Endpoint[]): Promise<Map<string, NonNullable<EndpointView['lastError']>>> {
  const ids = rows.filter((r) => r.blockedSince).map((r) => r.id);
  if (ids.length === 0) return new Map();
  const found = await db().$queryRaw<{ endpoint_id: string; id: bigint; started_at: Date; response_status: number | null; error: string | null }[]>`
    SELECT e.id AS endpoint_id, a.id, a.started_at, a.response_status, a.error
      FROM unnest(${ids}::uuid[]) AS e(id)
      CROSS JOIN LATERAL (
        SELECT id, started_at, response_status, error FROM attempts
         WHERE endpoint_id = e.id AND success = false AND is_test = false
         ORDER BY started_at DESC, id DESC LIMIT 1) a`;
  return new Map(
    found.map((r) => [
      r.endpoint_id,
      { attemptId: String(r.id), at: r.started_at.toISOString(), status: r.response_status, message: r.error ?? (r.response_status ? `HTTP ${r.response_status}` : 'No answer') },
    ]),
  );
}

/** Views with what the screens show beside the settings: waiting work and, when failing, why. */
export async function endpointViews(rows: Endpoint[]): Promise<EndpointView[]> {
  const [waiting, errors] = await Promise.all([waitingCounts(rows.map((r) => r.id)), lastErrors(rows)]);
  return rows.map((r) => toView(r, waiting.get(r.id) ?? 0, errors.get(r.id) ?? null));
}

export async function listEndpoints(accountId: string, kind?: EndpointKind): Promise<EndpointView[]> {
  return endpointViews(await tenantDb(accountId).endpoint.findMany({ where: kind ? { kind } : {}, orderBy: { createdAt: 'asc' } }));
}

export async function getEndpoint(accountId: string, id: string): Promise<EndpointView> {
  const row = await tenantDb(accountId).endpoint.findUnique({ where: { id } });
  if (!row) throw notFound('Webhook');
  return (await endpointViews([row]))[0]!;
}

export async function createEndpoint(
  accountId: string,
  input: EndpointCreate,
): Promise<{ endpoint: EndpointView; signingSecret: string }> {
  if (input.auth && !input.auth.password) {
    throw new ApiError('unprocessable_entity', 'Some fields are invalid', { 'auth.password': ['Enter the password'] });
  }
  const t = tenantDb(accountId);
  if (input.kind === 'laboratory' && (await t.endpoint.count({ where: { kind: 'laboratory' } })) > 0) throw laboratoryExists();
  const signingSecret = generateSigningSecret();
  try {
    const row = await db().$transaction(async (tx) => {
      const created = await tx.endpoint.create({
        data: {
          accountId,
          kind: input.kind,
          name: input.name,
          url: input.url,
          active: input.active,
          statuses: input.statuses,
          format: input.format,
          authLogin: input.auth?.login ?? null,
          authPasswordEnc: input.auth?.password ? encryptSecret(input.auth.password) : null,
          headers: headersToStore(input.headers, []),
          signingSecretEnc: encryptSecret(signingSecret),
        },
      });
      await recordAudit(tx, { accountId, action: 'created', target: { kind: auditKind(created.kind), id: created.id, name: created.name } });
      return created;
    });
    return { endpoint: toView(row), signingSecret };
  } catch (err) {
    // endpoints_one_laboratory: a concurrent first save created it meanwhile.
    if (isUniqueViolation(err) && input.kind === 'laboratory') throw laboratoryExists();
    if (isUniqueViolation(err)) throw nameTaken('webhook', input.name);
    throw err;
  }
}

export class LaboratoryExistsError extends ApiError {
  constructor() {
    super('conflict', 'This account already has its Laboratory webhook; change that one instead');
  }
}
const laboratoryExists = () => new LaboratoryExistsError();

/** A change of any endpoint kind, from any route; `eventType` only for event webhooks (their own screen). */
export async function updateEndpoint(accountId: string, id: string, patch: EndpointUpdate & { eventType?: string }): Promise<EndpointView> {
  const t = tenantDb(accountId);
  const current = await t.endpoint.findUnique({ where: { id } });
  if (!current) throw notFound('Webhook');
  if (current.kind === 'event') await assertEventWebhookChange(pool(), current, patch);
  const data: Prisma.EndpointUpdateInput = {};
  if (patch.eventType !== undefined && current.kind === 'event') data.eventType = patch.eventType;
  if (patch.name !== undefined) data.name = patch.name;
  if (patch.url !== undefined) data.url = patch.url;
  if (patch.statuses !== undefined) data.statuses = patch.statuses;
  if (patch.format !== undefined) data.format = patch.format;
  if (patch.headers !== undefined) data.headers = headersToStore(patch.headers, openHeaders(current.headers));
  if (patch.auth === null) {
    data.authLogin = null;
    data.authPasswordEnc = null;
  } else if (patch.auth) {
    if (!patch.auth.password && !current.authPasswordEnc) {
      throw new ApiError('unprocessable_entity', 'Some fields are invalid', { 'auth.password': ['Enter the password'] });
    }
    data.authLogin = patch.auth.login;
    if (patch.auth.password) data.authPasswordEnc = encryptSecret(patch.auth.password);
  }
  const switchTo = patch.active !== undefined && patch.active !== current.active ? patch.active : undefined;
  try {
    await db().$transaction(async (tx) => {
      // Off before the edit, on after it: an active event webhook is not editable (rules.ts).
      const target = { kind: auditKind(current.kind), id, name: (data.name as string | undefined) ?? current.name };
      if (switchTo === false && (await deactivateEndpoint(tx, accountId, id))) await recordAudit(tx, { accountId, action: 'deactivated', target });
      if (Object.keys(data).length > 0) {
        await tx.endpoint.update({ where: { id, accountId }, data });
        await recordAudit(tx, { accountId, action: 'changed', target, fields: Object.keys(data) });
      }
      if (switchTo === true && (await activateEndpoint(tx, accountId, id))) await recordAudit(tx, { accountId, action: 'activated', target });
    });
  } catch (err) {
    if (switchTo === true && current.kind === 'event') {
      const conflict = await activationConflict(err, accountId, patch.eventType ?? current.eventType);
      if (conflict) throw conflict;
    }
    if (isUniqueViolation(err) && patch.name) throw nameTaken('webhook', patch.name);
    throw err;
  }
  if (switchTo === true) await wakeWorkers();
  return getEndpoint(accountId, id);
}

export const setEndpointActive = (accountId: string, id: string, active: boolean) => updateEndpoint(accountId, id, { active });

/**
 * Deletes the endpoint with its queue and deliveries. Its attempt logs stay until retention removes
 * them: they get its name and kind as they were, and let go of the deleted deliveries (in one pass,
 * so the foreign key's SET NULL finds nothing left to do). `kind` limits it to one kind of endpoint.
 */
export async function deleteEndpoint(accountId: string, id: string, { kind }: { kind?: EndpointKind } = {}): Promise<void> {
  await db().$transaction(async (tx) => {
    const row = await tx.endpoint.findFirst({ where: { id, accountId, ...(kind ? { kind } : {}) } });
    if (!row) throw notFound('Webhook');
    await tx.attempt.updateMany({ where: { accountId, endpointId: id }, data: { endpointName: row.name, endpointKind: row.kind, deliveryId: null } });
    await tx.endpoint.delete({ where: { id } });
    await recordAudit(tx, { accountId, action: 'deleted', target: { kind: auditKind(row.kind), id, name: row.name } });
  });
}

/** Retry now: the head delivery of a blocked endpoint is attempted at the next worker tick. */
export async function retryEndpointNow(accountId: string, id: string): Promise<EndpointView> {
  const { count } = await tenantDb(accountId).endpoint.updateMany({ where: { id, active: true }, data: { nextAttemptAt: new Date() } });
  if (count === 0) {
    await getEndpoint(accountId, id); // 404 when it does not exist
    throw new ApiError('conflict', 'Activate the webhook first');
  }
  await wakeWorkers();
  return getEndpoint(accountId, id);
}

/**
 * A new signing secret. The one it replaces joins the previous secrets, valid for 24 hours; the other
 * previous secrets keep their own expiry. Serialized per endpoint by the row lock.
 */
export async function rotateSigningSecret(accountId: string, id: string): Promise<{ signingSecret: string; previousValidUntil: string }> {
  const signingSecret = generateSigningSecret();
  const until = new Date(Date.now() + PREVIOUS_SECRET_GRACE_MS).toISOString();
  await db().$transaction(async (tx) => {
    const [current] = await tx.$queryRaw<{ signing_secret_enc: string; previous_secrets: unknown; kind: string; name: string }[]>`
      SELECT signing_secret_enc, previous_secrets, kind, name FROM endpoints WHERE id = ${id}::uuid AND account_id = ${accountId}::uuid FOR UPDATE`;
    if (!current) throw notFound('Webhook');
    const previous = validPreviousSecrets(current.previous_secrets);
    if (previous.length >= MAX_PREVIOUS_SECRETS) {
      throw new ApiError('conflict', `${MAX_PREVIOUS_SECRETS} rotated-out secrets are still valid; rotate again once the oldest expires (${previous[0].until})`);
    }
    const previousSecrets: PreviousSecret[] = [...previous, { secretEnc: current.signing_secret_enc, until }];
    await tx.endpoint.update({ where: { id, accountId }, data: { signingSecretEnc: encryptSecret(signingSecret), previousSecrets } });
    await recordAudit(tx, { accountId, action: 'rotated_secret', target: { kind: auditKind(current.kind), id, name: current.name } });
  });
  return { signingSecret, previousValidUntil: until };
}
