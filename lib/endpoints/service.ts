// Endpoints: create, read, change, (de)activate, delete, retry now, rotate the signing secret.
// Shared by the machine API (/api/v1/endpoints) and the screens.
import { db, pool } from '@/lib/db';
import { tenantDb } from '@/lib/db/tenant';
import { encryptSecret } from '@/lib/crypto/secrets';
import { generateSigningSecret } from '@/lib/delivery/signing';
import { wakeWorkers } from '@/lib/delivery/wake';
import { assertEventWebhookChange } from '@/lib/event-webhooks/rules';
import { isSecretHeader, MASKED } from '@/lib/http/mask';
import { ApiError, isUniqueViolation, nameTaken, notFound } from '@/lib/http/errors';
import type { Endpoint, Prisma } from '@/lib/generated/prisma/client';
import type { CustomHeader, EndpointCreate, EndpointKind, EndpointUpdate, EndpointView } from './schema';

export const PREVIOUS_SECRET_GRACE_MS = 24 * 60 * 60 * 1000;


/** A masked value sent back unchanged keeps the stored one (the form never sees the real value). */
export function keepSecretHeaders(next: CustomHeader[], stored: CustomHeader[]): CustomHeader[] {
  return next.map((h) => {
    if (h.value !== MASKED) return h;
    const old = stored.find((s) => s.name.toLowerCase() === h.name.toLowerCase());
    return old ? { ...h, value: old.value } : h;
  });
}

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
    // Credential-like header values (X-Api-Key …) are never sent back in full; see keepSecretHeaders.
    headers: (e.headers as CustomHeader[]).map((h) => (isSecretHeader(h.name) ? { ...h, value: MASKED } : h)),
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
      SELECT endpoint_id, count(*) AS n FROM queue_items WHERE endpoint_id = ANY(${ids}::uuid[]) GROUP BY endpoint_id
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
  if (input.kind === 'laboratory' && (await t.endpoint.count({ where: { kind: 'laboratory' } })) > 0) {
    throw new ApiError('conflict', 'This account already has its Laboratory webhook; change that one instead');
  }
  const signingSecret = generateSigningSecret();
  try {
    const row = await t.endpoint.create({
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
        headers: input.headers,
        signingSecretEnc: encryptSecret(signingSecret),
      },
    });
    return { endpoint: toView(row), signingSecret };
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken('webhook', input.name);
    throw err;
  }
}

export async function updateEndpoint(accountId: string, id: string, patch: EndpointUpdate): Promise<EndpointView> {
  const t = tenantDb(accountId);
  const current = await t.endpoint.findUnique({ where: { id } });
  if (!current) throw notFound('Webhook');
  if (current.kind === 'event') await assertEventWebhookChange(pool(), current, patch);
  const data: Prisma.EndpointUpdateInput = {};
  if (patch.name !== undefined) data.name = patch.name;
  if (patch.url !== undefined) data.url = patch.url;
  if (patch.statuses !== undefined) data.statuses = patch.statuses;
  if (patch.format !== undefined) data.format = patch.format;
  if (patch.headers !== undefined) data.headers = keepSecretHeaders(patch.headers, current.headers as CustomHeader[]);
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
  if (patch.active !== undefined && patch.active !== current.active) {
    data.active = patch.active;
    // Reactivation resumes the held queue in order (work_version tells a worker just letting go of
    // the inactive endpoint not to park it); deactivation holds it (nothing is dropped).
    data.nextAttemptAt = patch.active ? new Date() : current.nextAttemptAt;
    if (patch.active) data.workVersion = { increment: 1 };
  }
  try {
    await t.endpoint.update({ where: { id }, data });
  } catch (err) {
    if (isUniqueViolation(err) && patch.name) throw nameTaken('webhook', patch.name);
    throw err;
  }
  if (data.active === true) await wakeWorkers();
  return getEndpoint(accountId, id);
}

export const setEndpointActive = (accountId: string, id: string, active: boolean) => updateEndpoint(accountId, id, { active });

/** Deletes the endpoint with its queue and deliveries. */
export async function deleteEndpoint(accountId: string, id: string): Promise<void> {
  const { count } = await tenantDb(accountId).endpoint.deleteMany({ where: { id } });
  if (count === 0) throw notFound('Webhook');
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

/** A new signing secret; the previous one stays valid (both signatures sent) for 24 hours. */
export async function rotateSigningSecret(accountId: string, id: string): Promise<{ signingSecret: string; previousValidUntil: string }> {
  const t = tenantDb(accountId);
  const current = await t.endpoint.findUnique({ where: { id } });
  if (!current) throw notFound('Webhook');
  const signingSecret = generateSigningSecret();
  const until = new Date(Date.now() + PREVIOUS_SECRET_GRACE_MS);
  await t.endpoint.update({
    where: { id },
    data: { signingSecretEnc: encryptSecret(signingSecret), previousSecretEnc: current.signingSecretEnc, previousSecretUntil: until },
  });
  return { signingSecret, previousValidUntil: until.toISOString() };
}
