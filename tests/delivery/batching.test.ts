// Natural batching (issue 9): an endpoint with nothing in flight sends what it has at once; while a
// request is in flight, what arrives goes into the next batch (≤ 100 activities). No linger by default.
import { afterAll, describe, expect, it } from 'vitest';
import { isolatedDatabase } from '../support/isolated-db';
import { startReceiver, type Reply } from '../support/receiver';
import { newAccount } from '../support/fixtures';

await isolatedDatabase({ HOOKLINE_ALLOW_PRIVATE_NETWORKS: '1', HOOKLINE_WORKER_POLL_MS: '60000', HOOKLINE_HTTP_TIMEOUT_MS: '10000' });
const { ingestActivities } = await import('@/lib/activities/service');
const { createEndpoint } = await import('@/lib/endpoints/service');
const { endpointCreateSchema } = await import('@/lib/endpoints/schema');
const { startWorker } = await import('@/lib/delivery/worker');
const { pool } = await import('@/lib/db/pool');
type Activity = import('@/lib/activities/schema').Activity;

// Requests are held until the test opens the gate, so the test decides what is "in flight".
let gate: Promise<void> = Promise.resolve();
let open = () => {};
const closeGate = () => {
  gate = new Promise((resolve) => (open = resolve));
};
const receiver = await startReceiver(async (): Promise<Reply> => {
  await gate;
  return { status: 200 };
});
const worker = startWorker();
afterAll(async () => {
  open();
  await worker.stop();
  await receiver.close();
});
const act = (i: number) => ({ activityDateTime: '2026-11-25T10:00:00', activityStatus: 'SENT', mediaType: 'email', contactId: i }) as Activity;
const sizes = () => receiver.requests.map((r) => (JSON.parse(r.body) as unknown[]).length);
const ids = () => receiver.requests.flatMap((r) => (JSON.parse(r.body) as { contactId: number }[]).map((a) => a.contactId));

describe('natural batching', () => {
  it('sends the first activity on an idle endpoint alone and at once; a burst during a request goes as one batch', async () => {
    const acme = await newAccount();
    await createEndpoint(acme.account.id, endpointCreateSchema.parse({ name: 'lab', url: receiver.url }));

    closeGate();
    await ingestActivities(acme.account.id, [act(0)]);
    // At once: the worker polls only every minute here, so only the ingest's NOTIFY and no linger (the
    // old default made the endpoint due 1 s later, after the wake-up) get it there in time.
    await receiver.waitFor(1, 10_000);
    expect(sizes()).toEqual([1]);

    // While it is in flight, 30 requests of one activity each arrive: they go together next.
    for (let i = 1; i <= 30; i++) await ingestActivities(acme.account.id, [act(i)]);
    const held = closeGateAfterFirst();
    await receiver.waitFor(2);
    expect(sizes()).toEqual([1, 30]);

    // A burst larger than a batch during the next request: batches of at most 100, in order.
    for (let i = 31; i <= 180; i++) await ingestActivities(acme.account.id, [act(i)]);
    held();
    open();
    await receiver.waitFor(4);
    expect(sizes()).toEqual([1, 30, 100, 50]);
    expect(ids()).toEqual(Array.from({ length: 181 }, (_, i) => i));
  });

  it('forms up to four full batches of a backlog at once and leaves the partial tail queued', async () => {
    const acme = await newAccount();
    const { endpoint } = await createEndpoint(acme.account.id, endpointCreateSchema.parse({ name: 'lab', url: `${receiver.url}/backlog` }));
    const mine = () => receiver.requests.filter((r) => r.path === '/backlog');
    closeGate();
    await ingestActivities(acme.account.id, [act(0)]);
    await receiver.waitFor(receiver.requests.length - mine().length + 1);
    // While the first request is in flight, a backlog of 4 full batches and 30 more arrives.
    await ingestActivities(acme.account.id, Array.from({ length: 430 }, (_, i) => act(i + 1)));
    const held = closeGateAfterFirst();
    for (let i = 0; i < 200 && mine().length < 2; i++) await new Promise((r) => setTimeout(r, 25));
    expect(mine()).toHaveLength(2);
    // One form made the four full batches (the first is in flight); the 30 wait for arrivals to join them.
    const { rows } = await pool().query<{ pending: number; queued: number }>(
      `SELECT (SELECT count(*)::int FROM deliveries WHERE endpoint_id = $1 AND status = 'pending') AS pending,
              (SELECT coalesce(sum(count), 0)::int FROM queue_ranges WHERE endpoint_id = $1) AS queued`,
      [endpoint.id],
    );
    expect(rows[0]).toEqual({ pending: 4, queued: 30 });
    held();
    open();
    for (let i = 0; i < 400 && mine().length < 6; i++) await new Promise((r) => setTimeout(r, 25));
    expect(mine().map((r) => (JSON.parse(r.body) as unknown[]).length)).toEqual([1, 100, 100, 100, 100, 30]);
    expect(mine().flatMap((r) => (JSON.parse(r.body) as { contactId: number }[]).map((a) => a.contactId))).toEqual(Array.from({ length: 431 }, (_, i) => i));
  });
});

/** Lets the request in flight through and holds the next one until the returned function is called. */
function closeGateAfterFirst(): () => void {
  const release = open;
  closeGate();
  const holdNext = open;
  release();
  return holdNext;
}
