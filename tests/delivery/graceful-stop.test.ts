// SIGTERM on a real `npm run worker` process mid-burst: it stops claiming, lets its requests in flight
// finish and records them, gives its endpoints back at once and exits 0. A second worker then drains
// the rest: every delivery reaches the receiver exactly once, in order per endpoint.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { isolatedDatabase } from '../support/isolated-db';
import { startReceiver } from '../support/receiver';
import { newAccount } from '../support/fixtures';
import { workerArgs } from '@/scripts/bench-worker'; // `npm run worker`'s own command line

// A lease far longer than the test: endpoints the stopping worker did not give back would stall it.
const env = { HOOKLINE_ALLOW_PRIVATE_NETWORKS: '1', HOOKLINE_LEASE_MS: '120000', HOOKLINE_HTTP_TIMEOUT_MS: '5000', HOOKLINE_WORKER_POLL_MS: '50', HOOKLINE_WORKER_CONCURRENCY: '4' };
const databaseUrl = await isolatedDatabase(env);
const { ingestActivities } = await import('@/lib/activities/service');
const { createEndpoint } = await import('@/lib/endpoints/service');
const { endpointCreateSchema } = await import('@/lib/endpoints/schema');
const { startWorker } = await import('@/lib/delivery/worker');
const { pool } = await import('@/lib/db/pool');
type Activity = import('@/lib/activities/schema').Activity;

const ENDPOINTS = 4;
const PER_ENDPOINT = 25;
const receiver = await startReceiver(() => ({ status: 200, delayMs: 200 }));
afterAll(() => receiver.close());

describe('SIGTERM on a worker', () => {
  it('finishes and records the requests in flight, lets go, exits 0; nothing is sent twice or lost', async () => {
    const acme = await newAccount();
    for (let e = 0; e < ENDPOINTS; e++) {
      await createEndpoint(acme.account.id, endpointCreateSchema.parse({ name: `ep${e}`, url: `${receiver.url}/ep${e}`, format: 'object' }));
    }
    await ingestActivities(
      acme.account.id,
      Array.from({ length: PER_ENDPOINT }, (_, i) => ({ activityDateTime: '2026-11-25T10:00:00', activityStatus: 'SENT', mediaType: 'email', contactId: i + 1 }) as Activity),
    );

    const child = spawn(process.execPath, workerArgs(process.cwd()), {
      env: { ...process.env, ...env, DATABASE_URL: databaseUrl, HOOKLINE_LOG_FORMAT: 'json', HOOKLINE_LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

    await receiver.waitFor(12, 20_000); // mid-burst: requests are in flight on every endpoint
    child.kill('SIGTERM');
    const sentAtSignal = receiver.requests.length;
    expect(await exited).toEqual({ code: 0, signal: null });
    const sentByFirst = receiver.requests.length;
    expect(sentByFirst).toBeLessThan(ENDPOINTS * PER_ENDPOINT);
    expect(sentByFirst).toBeGreaterThanOrEqual(sentAtSignal);

    // Everything it sent is recorded as delivered; it holds no lease and has left the workers table.
    const ids = receiver.requests.map((r) => String(r.headers['webhook-id']).replace(/^msg_/, ''));
    const { rows: recorded } = await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM deliveries WHERE id = ANY($1::uuid[]) AND status = 'delivered'`, [ids]);
    expect(recorded[0].n).toBe(sentByFirst);
    const { rows: held } = await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM endpoints WHERE lease_owner IS NOT NULL`);
    expect(held[0].n).toBe(0);
    expect((await pool().query(`SELECT 1 FROM workers`)).rowCount).toBe(0);
    const stopped = out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg: string; finished?: boolean; inFlight?: number })
      .find((l) => l.msg === 'worker stopped');
    expect(stopped).toMatchObject({ finished: true });
    expect(stopped!.inFlight).toBeGreaterThan(0);

    // A second worker drains the rest at once (the endpoints were given back, not left to their lease).
    const second = startWorker();
    try {
      await receiver.waitFor(ENDPOINTS * PER_ENDPOINT, 20_000);
      await expect
        .poll(async () => (await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM deliveries WHERE status = 'pending'`)).rows[0].n, { timeout: 10_000 })
        .toBe(0);
    } finally {
      await second.stop();
    }
    await new Promise((r) => setTimeout(r, 300)); // anything sent twice would have arrived by now
    const webhookIds = receiver.requests.map((r) => r.headers['webhook-id']);
    expect(new Set(webhookIds).size).toBe(ENDPOINTS * PER_ENDPOINT);
    expect(webhookIds).toHaveLength(ENDPOINTS * PER_ENDPOINT);
    for (let e = 0; e < ENDPOINTS; e++) {
      const contacts = receiver.requests.filter((r) => r.path === `/ep${e}`).map((r) => (JSON.parse(r.body) as Activity).contactId);
      expect(contacts).toEqual(Array.from({ length: PER_ENDPOINT }, (_, i) => i + 1));
    }
  });
});
