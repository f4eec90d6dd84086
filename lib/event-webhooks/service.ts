// Automation → Webhooks: event webhooks. Rules (seed 004): valid HTTPS target; a connection test
// (fields, HTTPS, dummy data sent, structure) before activation; only one active webhook per event
// type; active on creation once the test passes; editable only while inactive.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { pool } from '@/lib/db';
import { tenantDb } from '@/lib/db/tenant';
import { encryptSecret } from '@/lib/crypto/secrets';
import { generateSigningSecret } from '@/lib/delivery/signing';
import { buildDeliveryRequest } from '@/lib/delivery/request';
import { wakeWorkers } from '@/lib/delivery/wake';
import { sendRequest } from '@/lib/http/outbound';
import { ApiError, isUniqueViolation, nameTaken, notFound } from '@/lib/http/errors';
import { endpointViews } from '@/lib/endpoints/service';
import type { EndpointView } from '@/lib/endpoints/schema';
import { dummyEvent } from './payload';
import { activeOfType, assertEventWebhookChange, uniquenessMessage } from './rules';
import {
  EVENT_PAYLOAD_SCHEMAS,
  eventTypeLabel,
  eventWebhookSchema,
  httpsUrlSchema,
  type ConnectionTest,
  type EventType,
  type EventWebhookInput,
  type TestStep,
} from './schema';

export type EventWebhookView = EndpointView & { eventType: EventType };


/** Serialises activations within an account, so "one active per event type" holds under concurrency. */
async function lockAccount(client: pg.PoolClient, accountId: string) {
  await client.query(`SELECT pg_advisory_xact_lock(hashtext('hookline:event-webhooks:' || $1))`, [accountId]);
}

/** The wizard's connection test. Nothing is saved. */
export async function connectionTest(accountId: string, raw: Partial<EventWebhookInput>, { secret, exceptId }: { secret?: string; exceptId?: string } = {}): Promise<ConnectionTest> {
  const steps: TestStep[] = [];
  const filled = Boolean(raw.name?.trim() && raw.eventType && raw.url?.trim());
  steps.push({ key: 'fields', label: 'Name, event and target URL are filled', ok: filled, detail: filled ? undefined : 'Fill in every field' });
  const https = httpsUrlSchema.safeParse(raw.url ?? '');
  steps.push({ key: 'https', label: 'The target URL is a valid HTTPS address', ok: https.success, detail: https.success ? undefined : https.error.issues[0]?.message });
  const parsed = eventWebhookSchema.safeParse(raw);
  if (!filled || !https.success || !parsed.success) return { ok: false, steps, payload: null };

  const { eventType, url } = parsed.data;
  const payload = dummyEvent(eventType);
  const body = JSON.stringify(payload);
  const req = buildDeliveryRequest(
    { url, authLogin: null, authPasswordEnc: null, headers: [], signingSecretEnc: encryptSecret(secret ?? generateSigningSecret()), previousSecretEnc: null, previousSecretUntil: null },
    { webhookId: `test_${randomUUID()}`, body },
  );
  const res = await sendRequest(req);
  steps.push({
    key: 'send',
    label: `Dummy ${eventType} data sent to the target URL`,
    ok: res.ok,
    status: res.status,
    durationMs: Math.round(res.durationMs),
    detail: res.ok ? `Answered ${res.status}` : (res.error?.message ?? `The server answered ${res.status}`) + (res.body && !res.ok ? `: ${res.body.slice(0, 500)}` : ''),
  });
  const structure = EVENT_PAYLOAD_SCHEMAS[eventType].safeParse(payload);
  steps.push({ key: 'structure', label: `The data matches the ${eventTypeLabel(eventType)} structure`, ok: structure.success, detail: structure.success ? undefined : structure.error.issues[0]?.message });
  const other = await activeOfType(pool(), accountId, eventType, exceptId);
  steps.push({ key: 'unique', label: `No other active webhook for ${eventTypeLabel(eventType)}`, ok: !other, detail: other ? uniquenessMessage(eventType, other) : undefined });
  return { ok: steps.every((s) => s.ok), steps, payload };
}

export async function listEventWebhooks(accountId: string): Promise<EventWebhookView[]> {
  const rows = await tenantDb(accountId).endpoint.findMany({ where: { kind: 'event' }, orderBy: { createdAt: 'asc' } });
  const views = await endpointViews(rows);
  return rows.map((r, i) => ({ ...views[i]!, eventType: r.eventType as EventType }));
}

export async function getEventWebhook(accountId: string, id: string): Promise<EventWebhookView> {
  const row = await tenantDb(accountId).endpoint.findFirst({ where: { id, kind: 'event' } });
  if (!row) throw notFound('Webhook');
  return { ...(await endpointViews([row]))[0]!, eventType: row.eventType as EventType };
}

/** Runs the connection test; when it passes, the webhook is created and active at once. */
export async function createEventWebhook(accountId: string, input: EventWebhookInput): Promise<{ test: ConnectionTest; webhook: EventWebhookView | null; signingSecret: string | null }> {
  const signingSecret = generateSigningSecret();
  const test = await connectionTest(accountId, input, { secret: signingSecret });
  if (!test.ok) return { test, webhook: null, signingSecret: null };
  const client = await pool().connect();
  try {
    await client.query('BEGIN');
    await lockAccount(client, accountId);
    const other = await activeOfType(client, accountId, input.eventType);
    if (other) throw new ApiError('conflict', uniquenessMessage(input.eventType, other), { eventType: [uniquenessMessage(input.eventType, other)] });
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO endpoints (account_id, kind, name, url, active, statuses, format, event_type, signing_secret_enc, updated_at)
       VALUES ($1, 'event', $2, $3, true, '{}', 'object', $4, $5, now()) RETURNING id`,
      [accountId, input.name, input.url, input.eventType, encryptSecret(signingSecret)],
    );
    await client.query('COMMIT');
    return { test, webhook: await getEventWebhook(accountId, rows[0].id), signingSecret };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    if (isUniqueViolation(err)) throw nameTaken('webhook', input.name);
    throw err;
  } finally {
    client.release();
  }
}

export async function updateEventWebhook(accountId: string, id: string, patch: Partial<EventWebhookInput> & { active?: boolean }): Promise<EventWebhookView> {
  const current = await getEventWebhook(accountId, id);
  const client = await pool().connect();
  try {
    await client.query('BEGIN');
    await lockAccount(client, accountId);
    await assertEventWebhookChange(client, { accountId, id, active: current.active, eventType: current.eventType }, patch);
    await client.query(
      `UPDATE endpoints SET name = COALESCE($3, name), url = COALESCE($4, url), event_type = COALESCE($5, event_type),
              active = COALESCE($6, active), next_attempt_at = CASE WHEN $6 IS TRUE AND NOT active THEN now() ELSE next_attempt_at END,
              work_version = work_version + CASE WHEN $6 IS TRUE AND NOT active THEN 1 ELSE 0 END,
              updated_at = now()
        WHERE id = $1 AND account_id = $2`,
      [id, accountId, patch.name ?? null, patch.url ?? null, patch.eventType ?? null, patch.active ?? null],
    );
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    if (isUniqueViolation(err)) throw nameTaken('webhook', patch.name);
    throw err;
  } finally {
    client.release();
  }
  if (patch.active) await wakeWorkers();
  return getEventWebhook(accountId, id);
}

export async function deleteEventWebhook(accountId: string, id: string): Promise<void> {
  const { count } = await tenantDb(accountId).endpoint.deleteMany({ where: { id, kind: 'event' } });
  if (count === 0) throw notFound('Webhook');
}
