// Replay from the webhook logs, with the real engine and real receivers: a pending delivery is retried
// where it stands, a delivered one is queued again at the end of its endpoint's queue (order kept),
// the bulk replay retries the failing heads matching the filter, and tests are never replayed.
import { describe, expect, it } from 'vitest';
import { isolatedDatabase } from '../support/isolated-db';
import { newAccount } from '../support/fixtures';

await isolatedDatabase({
  HOOKLINE_ALLOW_PRIVATE_NETWORKS: '1',
  HOOKLINE_RETRY_UNIT_MS: '600000', // a failure stays failed until the test retries it
  HOOKLINE_BATCH_LINGER_MS: '20',
  HOOKLINE_LEASE_MS: '5000',
  HOOKLINE_HTTP_TIMEOUT_MS: '2000',
});

const { receiver, endpoint, activity, drain } = await import('./helpers');
const { ingestActivities } = await import('@/lib/activities/service');
const { sendTest } = await import('@/lib/endpoints/send-test');
const { setEndpointActive } = await import('@/lib/endpoints/service');
const { listLogs } = await import('@/lib/logs/service');
const { replayAttempt, replayMatching } = await import('@/lib/logs/replay');
const { logListQuerySchema, logFilterSchema } = await import('@/lib/logs/schema');
const { pool } = await import('@/lib/db');

const list = (accountId: string, q: Record<string, unknown> = {}) => listLogs(accountId, logListQuerySchema.parse(q)).then((p) => p.rows);
const contactIds = (r: { requests: { body: string }[] }) => r.requests.map((q) => JSON.parse(q.body).contactId);
const nextAttemptAt = async (id: string) =>
  (await pool().query<{ next_attempt_at: Date | null }>('SELECT next_attempt_at FROM endpoints WHERE id = $1', [id])).rows[0].next_attempt_at;

describe('replay one attempt', () => {
  it('re-sends a delivered delivery with the same body, as a new delivery', async () => {
    const acc = await newAccount();
    const r = await receiver();
    const ep = await endpoint(acc.account.id, r.url, { format: 'array' }); // array batches are stored by reference
    await ingestActivities(acc.account.id, [activity(1, { email: 'first@example.test' })]);
    await drain();
    expect(r.requests).toHaveLength(1);
    const [row] = await list(acc.account.id, { all: true });
    expect(row).toMatchObject({ success: true, deliveryStatus: 'delivered' });

    const result = await replayAttempt(acc.account.id, row.id);
    expect(result).toMatchObject({ action: 'requeued', endpointId: ep.id, seq: '2' });
    await drain();
    expect(r.requests).toHaveLength(2);
    expect(r.requests[1].body).toBe(r.requests[0].body); // the same body …
    expect(r.requests[1].headers['webhook-id']).not.toBe(r.requests[0].headers['webhook-id']); // … as a new message
    // The original refers to its stored activity; the copy carries its body as text, so a purge running
    // while the replay commits (it cannot see the copy yet) cannot take the copy's activities away.
    const { rows: stored } = await pool().query<{ seq: string; body: string | null; ids: string[] | null; built: string }>(
      `SELECT seq::text, body, activity_ids::text[] AS ids, delivery_body(body, activity_ids) AS built FROM deliveries WHERE endpoint_id = $1 ORDER BY seq`,
      [ep.id],
    );
    expect(stored.map((d) => [d.seq, d.body, d.ids?.length ?? null, d.built])).toEqual([
      ['1', null, 1, r.requests[0].body],
      ['2', r.requests[0].body, null, r.requests[0].body],
    ]);
    const rows = await list(acc.account.id, { all: true });
    expect(rows.map((x) => [x.success, x.deliveryStatus])).toEqual([
      [true, 'delivered'],
      [true, 'delivered'],
    ]);
  });

  it('queues the copy behind a failing head, so per-endpoint order is kept', async () => {
    const acc = await newAccount();
    let status = 200;
    const r = await receiver(() => ({ status }));
    const ep = await endpoint(acc.account.id, r.url);
    await ingestActivities(acc.account.id, [activity(1)]);
    await drain();
    const [delivered] = await list(acc.account.id, { all: true });
    status = 500;
    await ingestActivities(acc.account.id, [activity(2)]);
    await drain(); // 2 fails and blocks the endpoint
    const due = await nextAttemptAt(ep.id);

    expect(await replayAttempt(acc.account.id, delivered.id)).toMatchObject({ action: 'requeued', seq: '3' });
    expect(await nextAttemptAt(ep.id)).toEqual(due); // a blocked endpoint keeps its retry schedule
    await drain();
    expect(contactIds(r)).toEqual([1, 2]); // nothing jumps the failing head

    status = 200;
    const [failed] = await list(acc.account.id);
    expect(await replayAttempt(acc.account.id, failed.id)).toMatchObject({ action: 'retried', endpointId: ep.id });
    await drain();
    expect(contactIds(r)).toEqual([1, 2, 2, 1]); // the head, then the replayed copy
  });

  it('retries a pending delivery where it stands', async () => {
    const acc = await newAccount();
    let status = 500;
    const r = await receiver(() => ({ status }));
    const ep = await endpoint(acc.account.id, r.url);
    await ingestActivities(acc.account.id, [activity(1), activity(2)]);
    await drain();
    expect(contactIds(r)).toEqual([1]);
    const [row] = await list(acc.account.id);
    expect(row).toMatchObject({ responseStatus: 500, deliveryStatus: 'pending' });
    expect((await nextAttemptAt(ep.id))!.getTime()).toBeGreaterThan(Date.now() + 60_000);

    status = 200;
    expect(await replayAttempt(acc.account.id, row.id)).toMatchObject({ action: 'retried' });
    await drain();
    expect(contactIds(r)).toEqual([1, 1, 2]);
    expect((await list(acc.account.id, { all: true })).map((x) => x.deliveryStatus)).toEqual(['delivered', 'delivered', 'delivered']);
  });

  it('refuses tests and inactive webhooks', async () => {
    const acc = await newAccount();
    const r = await receiver(() => ({ status: 500 }));
    const ep = await endpoint(acc.account.id, r.url);
    await sendTest(acc.account.id, ep.id, { body: '{"test":1}' });
    const [test] = await list(acc.account.id, { all: true });
    expect(test.isTest).toBe(true);
    await expect(replayAttempt(acc.account.id, test.id)).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/Test requests cannot be replayed/) });

    await ingestActivities(acc.account.id, [activity(1)]);
    await drain();
    const [failed] = await list(acc.account.id);
    await setEndpointActive(acc.account.id, ep.id, false);
    await expect(replayAttempt(acc.account.id, failed.id)).rejects.toMatchObject({ code: 'conflict', message: 'Activate the webhook first' });
  });
});

describe('bulk replay', () => {
  it('retries the pending heads of the endpoints whose failures match the filter, once per endpoint', async () => {
    const acc = await newAccount();
    let up = false;
    const a = await receiver(() => ({ status: up ? 200 : 500 }));
    const b = await receiver(() => ({ status: up ? 200 : 502 }));
    const c = await receiver(() => ({ status: up ? 200 : 404 }));
    const epA = await endpoint(acc.account.id, a.url);
    await endpoint(acc.account.id, b.url);
    const epC = await endpoint(acc.account.id, c.url);
    await ingestActivities(acc.account.id, [activity(1), activity(2)]);
    await drain();
    // Two failed attempts of A's head: still one endpoint, one delivery.
    await replayAttempt(acc.account.id, (await list(acc.account.id, { endpointId: epA.id }))[0].id);
    await drain();
    expect([a, b, c].map((r) => r.requests.length)).toEqual([2, 1, 1]);

    up = true;
    expect(await replayMatching(acc.account.id, logFilterSchema.parse({ status: '5xx' }))).toEqual({ endpoints: 2, deliveries: 2, inactiveEndpoints: 0 });
    await drain();
    expect(contactIds(a)).toEqual([1, 1, 1, 2]);
    expect(contactIds(b)).toEqual([1, 1, 2]);
    expect(contactIds(c)).toEqual([1]); // 404 did not match: it keeps its schedule
    expect(await nextAttemptAt(epC.id)).not.toBeNull();
    expect(await replayMatching(acc.account.id, logFilterSchema.parse({ status: '5xx' }))).toEqual({ endpoints: 0, deliveries: 0, inactiveEndpoints: 0 }); // delivered since

    await setEndpointActive(acc.account.id, epC.id, false);
    expect(await replayMatching(acc.account.id, logFilterSchema.parse({ endpointId: epC.id }))).toEqual({ endpoints: 0, deliveries: 0, inactiveEndpoints: 1 });
    await setEndpointActive(acc.account.id, epC.id, true);
    expect(await replayMatching(acc.account.id, logFilterSchema.parse({ q: 'HTTP 404' }))).toEqual({ endpoints: 1, deliveries: 1, inactiveEndpoints: 0 });
    await drain();
    expect(contactIds(c)).toEqual([1, 1, 2]);
  });
});
