// Automation → Webhooks: event webhooks. Rules (seed 004): valid HTTPS target; a connection test
// (fields, HTTPS, dummy data sent, structure) before activation; only one active webhook per event
// type; active on creation once the test passes; editable only while inactive.
import { randomUUID } from 'node:crypto';
import { db, pool } from '@/lib/db';
import { recordAudit } from '@/lib/audit/service';
import { tenantDb } from '@/lib/db/tenant';
import { encryptSecret } from '@/lib/crypto/secrets';
import { generateSigningSecret } from '@/lib/delivery/signing';
import { buildDeliveryRequest } from '@/lib/delivery/request';
import { sendRequest } from '@/lib/http/outbound';
import { isUniqueViolation, nameTaken, notFound } from '@/lib/http/errors';
import { deleteEndpoint, endpointViews, updateEndpoint } from '@/lib/endpoints/service';
import { activationConflict } from '@/lib/endpoints/activate';
import type { EndpointView } from '@/lib/endpoints/schema';
import { dummyEvent } from './payload';
import { activeOfType, uniquenessMessage } from './rules';
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
    { url, authLogin: null, authPasswordEnc: null, headers: [], signingSecretEnc: encryptSecret(secret ?? generateSigningSecret()), previousSecrets: [] },
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
  try {
    // The test checked "one active per type" already; endpoints_one_active_event_type catches a race.
    const row = await db().$transaction(async (tx) => {
      const created = await tx.endpoint.create({
        data: { accountId, kind: 'event', name: input.name, url: input.url, active: true, statuses: [], format: 'object', eventType: input.eventType, signingSecretEnc: encryptSecret(signingSecret) },
      });
      await recordAudit(tx, { accountId, action: 'created', target: { kind: 'event_webhook', id: created.id, name: created.name } });
      return created;
    });
    return { test, webhook: await getEventWebhook(accountId, row.id), signingSecret };
  } catch (err) {
    const conflict = await activationConflict(err, accountId, input.eventType);
    if (conflict) throw conflict;
    if (isUniqueViolation(err)) throw nameTaken('webhook', input.name);
    throw err;
  }
}

/** The same change as /api/v1/endpoints makes (lib/endpoints/service.ts), limited to event webhooks. */
export async function updateEventWebhook(accountId: string, id: string, patch: Partial<EventWebhookInput> & { active?: boolean }): Promise<EventWebhookView> {
  await getEventWebhook(accountId, id);
  await updateEndpoint(accountId, id, patch);
  return getEventWebhook(accountId, id);
}

export const deleteEventWebhook = (accountId: string, id: string): Promise<void> => deleteEndpoint(accountId, id, { kind: 'event' });
