// Automation → Webhooks: event webhooks against a real HTTPS receiver (self-signed, trusted here).
import { describe, expect, it } from 'vitest';
import { isolatedDatabase } from '../support/isolated-db';
import { startTrustedReceiver } from '../support/trusted-receiver';
import { newAccount } from '../support/fixtures';

await isolatedDatabase({ HOOKLINE_ALLOW_PRIVATE_NETWORKS: '1', HOOKLINE_BATCH_LINGER_MS: '0' });
const { createEventWebhook, updateEventWebhook, listEventWebhooks, connectionTest } = await import('@/lib/event-webhooks/service');
const { EVENT_PAYLOAD_SCHEMAS } = await import('@/lib/event-webhooks/schema');
const { ingestActivities, ingestListEvents } = await import('@/lib/activities/service');
const { updateEndpoint } = await import('@/lib/endpoints/service');
const { deliverDue } = await import('@/lib/delivery/engine');
const { toApiError } = await import('@/lib/http/errors');
type Activity = import('@/lib/activities/schema').Activity;

const receiver = await startTrustedReceiver(() => ({ status: 200 }));
const failure = (p: Promise<unknown>) => p.then(() => null, (e) => toApiError(e));
const drain = async (n: number) => {
  for (let i = 0; i < 100 && receiver.requests.length < n; i++) {
    await deliverDue({ budgetMs: 300, owner: 'test' });
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('event webhooks', () => {
  it('refuses http:// in the connection test, step by step, and creates nothing', async () => {
    const acme = await newAccount();
    const result = await createEventWebhook(acme.account.id, { name: 'Opens', eventType: 'EmailOpens', url: 'http://127.0.0.1:1/x' });
    expect(result.webhook).toBeNull();
    expect(result.test.steps.find((s) => s.key === 'https')).toMatchObject({ ok: false, detail: 'The URL must start with https:// — insecure http:// addresses are refused' });
    const test = await connectionTest(acme.account.id, { name: 'Opens', eventType: 'EmailOpens', url: 'http://example.com/x' });
    expect(test.ok).toBe(false);
    expect(test.steps.map((s) => [s.key, s.ok])).toEqual([
      ['fields', true],
      ['https', false],
    ]);
    expect(await listEventWebhooks(acme.account.id)).toEqual([]);
  });

  it('tests the connection with dummy data of the type, then creates it active; one active per type', async () => {
    const acme = await newAccount();
    const before = receiver.requests.length;
    const created = await createEventWebhook(acme.account.id, { name: 'Opens', eventType: 'EmailOpens', url: `${receiver.url}/opens` });
    expect(created.test.steps.map((s) => [s.key, s.ok])).toEqual([
      ['fields', true],
      ['https', true],
      ['send', true],
      ['structure', true],
      ['unique', true],
    ]);
    expect(created.webhook).toMatchObject({ active: true, kind: 'event', eventType: 'EmailOpens', format: 'object' });
    const dummy = JSON.parse(receiver.requests[before].body);
    expect(dummy.eventType).toBe('EmailOpens');
    expect(EVENT_PAYLOAD_SCHEMAS.EmailOpens.safeParse(dummy).success).toBe(true);

    const second = await createEventWebhook(acme.account.id, { name: 'Opens 2', eventType: 'EmailOpens', url: `${receiver.url}/opens2` });
    expect(second.webhook).toBeNull();
    const unique = second.test.steps.find((s) => s.key === 'unique')!;
    expect(unique.ok).toBe(false);
    expect(unique.detail).toContain('“Opens” is already the active webhook for Email — Open');
  });

  it('is editable only while inactive; re-activation re-checks uniqueness (also through /api/v1/endpoints)', async () => {
    const acme = await newAccount();
    const { webhook } = await createEventWebhook(acme.account.id, { name: 'Clicks', eventType: 'EmailClicks', url: `${receiver.url}/clicks` });
    const id = webhook!.id;
    expect(await failure(updateEventWebhook(acme.account.id, id, { url: `${receiver.url}/changed` }))).toMatchObject({ status: 409, message: 'Deactivate the webhook to edit it' });
    expect(await failure(updateEndpoint(acme.account.id, id, { url: `${receiver.url}/changed` }))).toMatchObject({ status: 409 });
    await updateEventWebhook(acme.account.id, id, { active: false });
    expect(await failure(updateEventWebhook(acme.account.id, id, { url: 'http://plain.example.com' }))).toMatchObject({ status: 422 });
    const edited = await updateEventWebhook(acme.account.id, id, { url: `${receiver.url}/changed`, name: 'Clicks v2' });
    expect(edited).toMatchObject({ url: `${receiver.url}/changed`, name: 'Clicks v2', active: false });

    const { webhook: other } = await createEventWebhook(acme.account.id, { name: 'Clicks B', eventType: 'EmailClicks', url: `${receiver.url}/b` });
    expect(other?.active).toBe(true);
    const refused = await failure(updateEventWebhook(acme.account.id, id, { active: true }));
    expect(refused).toMatchObject({ status: 409 });
    expect(refused?.message).toContain('“Clicks B” is already the active webhook');
  });

  it('concurrent activations through the screens and /api/v1/endpoints leave exactly one active (database index)', async () => {
    const acme = await newAccount();
    const ids: string[] = [];
    for (const n of [1, 2, 3, 4, 5, 6]) {
      const { webhook } = await createEventWebhook(acme.account.id, { name: `Bounces ${n}`, eventType: 'EmailBounces', url: `${receiver.url}/b${n}` });
      await updateEventWebhook(acme.account.id, webhook!.id, { active: false });
      ids.push(webhook!.id);
    }
    // Odd ones through the screens' service, even ones through the machine API's: the one activateEndpoint.
    const results = await Promise.all(
      ids.map((id, i) => failure(i % 2 ? updateEndpoint(acme.account.id, id, { active: true }) : updateEventWebhook(acme.account.id, id, { active: true }))),
    );
    const active = (await listEventWebhooks(acme.account.id)).filter((w) => w.active);
    expect(active).toHaveLength(1);
    expect(results.filter((r) => r === null)).toHaveLength(1);
    for (const r of results.filter((r) => r !== null)) {
      expect(r).toMatchObject({ status: 409, message: `“${active[0].name}” is already the active webhook for Email — Bounce. Deactivate it first.` });
    }

    // Concurrent creations too: one is created; the others are refused by the index (409 naming it) or,
    // when their connection test ran after it, by the test's "unique" step (webhook null). Never a 500.
    const created = await Promise.all(
      [1, 2, 3].map((n) => createEventWebhook(acme.account.id, { name: `Complaints ${n}`, eventType: 'EmailComplaints', url: `${receiver.url}/c${n}` }).then((r) => r.webhook, (e) => toApiError(e))),
    );
    const complaints = (await listEventWebhooks(acme.account.id)).filter((w) => w.eventType === 'EmailComplaints');
    expect(complaints).toHaveLength(1);
    expect(created.filter((r) => r && !('status' in r))).toHaveLength(1);
    for (const r of created) {
      if (r && 'status' in r) expect(r).toMatchObject({ status: 409, message: expect.stringContaining(`“${complaints[0].name}” is already the active webhook`) });
      else if (r) expect(r.id).toBe(complaints[0].id);
    }
  });

  it('sends email activities and list events as single objects of the right eventType', async () => {
    const acme = await newAccount();
    const opens = await createEventWebhook(acme.account.id, { name: 'O', eventType: 'EmailOpens', url: `${receiver.url}/e-opens` });
    const subs = await createEventWebhook(acme.account.id, { name: 'S', eventType: 'Subscriptions', url: `${receiver.url}/e-subs` });
    const unsubs = await createEventWebhook(acme.account.id, { name: 'U', eventType: 'Unsubscriptions', url: `${receiver.url}/e-unsubs` });
    expect([opens, subs, unsubs].every((r) => r.webhook?.active)).toBe(true);
    const start = receiver.requests.length;
    const acts = [
      { activityDateTime: '2026-11-25T10:00:00', activityStatus: 'READ', mediaType: 'email', contactId: 7, messageId: 149211, email: 'a@example.test' },
      { activityDateTime: '2026-11-25T10:00:01', activityStatus: 'READ', mediaType: 'sms', contactId: 8, sms: '380000000' },
      { activityDateTime: '2026-11-25T10:00:02', activityStatus: 'CLICKED', mediaType: 'email', contactId: 9 },
      { activityDateTime: '2026-11-25T10:00:03', activityStatus: 'UNSUBSCRIBED', mediaType: 'email', contactId: 10, email: 'u@example.test' },
    ] as Activity[];
    await ingestActivities(acme.account.id, acts);
    await ingestListEvents(acme.account.id, [
      { type: 'subscription', listId: 7477, subscriberId: 6552356, subscriberEmail: 's@example.test', eventDate: '2026-11-25T11:52:50.496Z' },
      { type: 'unsubscription', listId: 7468, subscriberId: 4723542, subscriberEmail: 'x@example.test' },
    ]);
    await drain(start + 4);
    const got = receiver.requests.slice(start);
    const byPath = (p: string) => got.filter((r) => r.path === p).map((r) => JSON.parse(r.body));
    expect(byPath('/e-opens')).toEqual([
      { eventType: 'EmailOpens', eventDate: '2026-11-25T10:00:00.000Z', messageId: 149211, subscriberId: 7, subscriberEmail: 'a@example.test' },
    ]);
    expect(byPath('/e-subs')).toEqual([
      { eventType: 'Subscriptions', eventDate: '2026-11-25T11:52:50.496Z', listId: 7477, subscriberId: 6552356, subscriberEmail: 's@example.test' },
    ]);
    const unsubscriptions = byPath('/e-unsubs');
    expect(unsubscriptions.map((u) => [u.subscriberId, u.listId])).toEqual([
      [10, null],
      [4723542, 7468],
    ]);
    for (const body of [...byPath('/e-opens'), ...byPath('/e-subs'), ...unsubscriptions]) {
      expect(EVENT_PAYLOAD_SCHEMAS[body.eventType as 'EmailOpens'].safeParse(body).success).toBe(true);
    }
  });
});
