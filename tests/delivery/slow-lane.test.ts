// Slow endpoints don't starve fast ones (issue 9): endpoints whose last attempt timed out are served
// from a quarter of the worker's slots. With 3× the concurrency in hanging endpoints, their retries are
// never more than that share in flight, and a healthy endpoint keeps getting its activities. (What
// they cost in latency is measured by `npm run bench`, scenario 5, not asserted here.)
import { afterAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isolatedDatabase } from '../support/isolated-db';
import { newAccount } from '../support/fixtures';

await isolatedDatabase({ HOOKLINE_ALLOW_PRIVATE_NETWORKS: '1', HOOKLINE_HTTP_TIMEOUT_MS: '300', HOOKLINE_RETRY_UNIT_MS: '50', HOOKLINE_WORKER_POLL_MS: '20' });
const { ingestActivities } = await import('@/lib/activities/service');
const { createEndpoint } = await import('@/lib/endpoints/service');
const { endpointCreateSchema } = await import('@/lib/endpoints/schema');
const { startWorker } = await import('@/lib/delivery/worker');
const { db } = await import('@/lib/db');
type Activity = import('@/lib/activities/schema').Activity;

// /hang/* never answers (until the client gives up); /ok answers at once. Counts retries in flight.
const seen = new Set<string>();
let retriesInFlight = 0;
let maxRetriesInFlight = 0;
const healthy: number[] = [];
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    if (req.url === '/ok') {
      healthy.push(...(JSON.parse(Buffer.concat(chunks).toString()) as { contactId: number }[]).map((a) => a.contactId));
      res.end('{}');
      return;
    }
    const id = String(req.headers['webhook-id']);
    if (!seen.has(id)) return void seen.add(id); // first attempt: the endpoint is not known slow yet
    retriesInFlight++;
    maxRetriesInFlight = Math.max(maxRetriesInFlight, retriesInFlight);
    res.on('close', () => retriesInFlight--);
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});
const act = (i: number) => ({ activityDateTime: '2026-11-25T10:00:00', activityStatus: 'SENT', mediaType: 'email', contactId: i }) as Activity;

describe('slow lane', () => {
  it('keeps hanging endpoints (3× concurrency) to their share; a healthy endpoint still gets everything, in order', async () => {
    const concurrency = 4; // a slow share of 1
    const acme = await newAccount();
    const other = await newAccount();
    for (let i = 0; i < 3 * concurrency; i++) await createEndpoint(acme.account.id, endpointCreateSchema.parse({ name: `hang-${i}`, url: `${base}/hang/${i}` }));
    await createEndpoint(other.account.id, endpointCreateSchema.parse({ name: 'ok', url: `${base}/ok` }));
    await ingestActivities(acme.account.id, [act(0)]);

    const worker = startWorker({ concurrency });
    try {
      // Every hanging endpoint has timed out once and is now in the slow lane, retrying every 50-100 ms.
      for (let i = 0; i < 200 && (await db().endpoint.count({ where: { accountId: acme.account.id, slow: true } })) < 3 * concurrency; i++) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(await db().endpoint.count({ where: { accountId: acme.account.id, slow: true } })).toBe(3 * concurrency);
      for (let i = 1; i <= 20; i++) {
        await ingestActivities(other.account.id, [act(i)]);
        await new Promise((r) => setTimeout(r, 20));
      }
      for (let i = 0; i < 300 && healthy.length < 20; i++) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await worker.stop();
    }
    expect(healthy).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(maxRetriesInFlight).toBeGreaterThan(0);
    expect(maxRetriesInFlight).toBeLessThanOrEqual(1); // the slow share of 4 slots
  }, 60_000);
});
