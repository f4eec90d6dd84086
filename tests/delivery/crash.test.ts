// A worker killed with SIGKILL mid-request loses nothing: its lease runs out, another worker retries
// the same delivery (same webhook-id, at-least-once), and the rest follows in order.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { isolatedDatabase } from '../support/isolated-db';
import { startReceiver } from '../support/receiver';
import { newAccount } from '../support/fixtures';
import { workerArgs } from '@/scripts/bench-worker'; // `npm run worker`'s own command line

const env = { HOOKLINE_ALLOW_PRIVATE_NETWORKS: '1', HOOKLINE_LEASE_MS: '3000', HOOKLINE_HTTP_TIMEOUT_MS: '1500', HOOKLINE_WORKER_POLL_MS: '50', HOOKLINE_BATCH_LINGER_MS: '0' };
const databaseUrl = await isolatedDatabase(env);
const { ingestActivities } = await import('@/lib/activities/service');
const { createEndpoint } = await import('@/lib/endpoints/service');
const { endpointCreateSchema } = await import('@/lib/endpoints/schema');
const { startWorker } = await import('@/lib/delivery/worker');
type Activity = import('@/lib/activities/schema').Activity;

let killedAt = 0;
const receiver = await startReceiver((_, i) => (i === 0 ? { hang: true } : { status: 200 }));
afterAll(() => receiver.close());

describe('a worker killed mid-request', () => {
  it('loses nothing: the lease expires and another worker redelivers, in order', async () => {
    const acme = await newAccount();
    await createEndpoint(acme.account.id, endpointCreateSchema.parse({ name: 'crash', url: receiver.url, format: 'object' }));
    const acts = [1, 2, 3].map((i) => ({ activityDateTime: '2026-11-25T10:00:00', activityStatus: 'SENT', mediaType: 'email', contactId: i }) as Activity);
    await ingestActivities(acme.account.id, acts);

    const child = spawn(process.execPath, workerArgs(process.cwd()), {
      env: { ...process.env, ...env, DATABASE_URL: databaseUrl },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal)));
    await receiver.waitFor(1, 20_000); // the child is now waiting on a request that will never be answered
    child.kill('SIGKILL');
    killedAt = Date.now();
    expect(await exited).toBe('SIGKILL');

    const worker = startWorker();
    try {
      await receiver.waitFor(4, 10_000);
    } finally {
      await worker.stop();
    }
    const [first, again, ...rest] = receiver.requests;
    expect(again.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(again.at - first.at).toBeGreaterThanOrEqual(2000); // not before the 3 s lease ran out
    expect(again.at).toBeGreaterThan(killedAt);
    expect(receiver.requests.map((r) => JSON.parse(r.body).contactId)).toEqual([1, 1, 2, 3]);
    expect(rest).toHaveLength(2);
  });
});
