// Leases are renewed while a worker works an endpoint: a run longer than the lease never lets a second
// worker in on the same endpoint (no duplicates, no overlap). And an answer PostgreSQL cannot store as
// text (a NUL byte, e.g. a gzip body) is still logged, not retried forever.
import { afterAll, describe, expect, it } from 'vitest';
import { isolatedDatabase } from '../support/isolated-db';
import { startReceiver } from '../support/receiver';
import { newAccount } from '../support/fixtures';

await isolatedDatabase({ HOOKLINE_ALLOW_PRIVATE_NETWORKS: '1', HOOKLINE_LEASE_MS: '3000', HOOKLINE_HTTP_TIMEOUT_MS: '1500', HOOKLINE_CLAIM_BUDGET_MS: '5000', HOOKLINE_WORKER_POLL_MS: '20', HOOKLINE_BATCH_LINGER_MS: '0' });
const { ingestActivities } = await import('@/lib/activities/service');
const { createEndpoint } = await import('@/lib/endpoints/service');
const { endpointCreateSchema } = await import('@/lib/endpoints/schema');
const { startWorker } = await import('@/lib/delivery/worker');
const { deliverDue } = await import('@/lib/delivery/engine');
const { db } = await import('@/lib/db');
type Activity = import('@/lib/activities/schema').Activity;

let inFlight = 0;
let maxInFlight = 0;
const receiver = await startReceiver(async () => {
  inFlight++;
  maxInFlight = Math.max(maxInFlight, inFlight);
  await new Promise((r) => setTimeout(r, 60));
  inFlight--;
  return { status: 200 };
});
afterAll(() => receiver.close());
const acts = (n: number) => Array.from({ length: n }, (_, i) => ({ activityDateTime: '2026-11-25T10:00:00', activityStatus: 'SENT', mediaType: 'email', contactId: i }) as Activity);

describe('leases', () => {
  it('are renewed during a run longer than the lease: one endpoint is never worked twice at once', async () => {
    const acme = await newAccount();
    await createEndpoint(acme.account.id, endpointCreateSchema.parse({ name: 'slow', url: `${receiver.url}/slow`, format: 'object' }));
    await ingestActivities(acme.account.id, acts(60)); // ≥ 60 × 60 ms = 3.6 s, longer than the lease
    const workers = [startWorker({ concurrency: 2 }), startWorker({ concurrency: 2 })];
    try {
      await receiver.waitFor(60, 25_000);
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
    const slow = receiver.requests.filter((r) => r.path === '/slow');
    expect(slow.map((r) => JSON.parse(r.body).contactId)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    expect(new Set(slow.map((r) => r.headers['webhook-id'])).size).toBe(60);
    expect(maxInFlight).toBe(1);
  });

  it('logs an answer with a NUL byte instead of failing to record it', async () => {
    const acme = await newAccount();
    const nul = await startReceiver(() => ({ status: 200, body: 'gz\u0000\u0001binary' }));
    try {
      const { endpoint } = await createEndpoint(acme.account.id, endpointCreateSchema.parse({ name: 'nul', url: nul.url, format: 'object' }));
      await ingestActivities(acme.account.id, acts(1));
      for (let i = 0; i < 50 && (await db().attempt.count({ where: { endpointId: endpoint.id } })) === 0; i++) {
        await deliverDue({ budgetMs: 300, owner: 'test' });
      }
      const [attempt] = await db().attempt.findMany({ where: { endpointId: endpoint.id } });
      expect(attempt).toMatchObject({ success: true, responseStatus: 200, responseBody: 'gz\uFFFD\u0001binary' });
      expect(nul.requests).toHaveLength(1);
      expect((await db().delivery.findFirstOrThrow({ where: { endpointId: endpoint.id } })).status).toBe('delivered');
    } finally {
      await nul.close();
    }
  });
});
