// Ingest never waits for delivery (issue 9): a worker frozen with SIGSTOP inside its transaction, holding
// the endpoint row lock, does not slow ingest for the same endpoints; the server cuts the frozen
// transaction (idle_in_transaction_session_timeout, lib/db/pool.ts), its lease expires, and another
// worker delivers everything in order.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { isolatedDatabase } from '../support/isolated-db';
import { startReceiver } from '../support/receiver';
import { newAccount } from '../support/fixtures';

const env = {
  HOOKLINE_ALLOW_PRIVATE_NETWORKS: '1',
  HOOKLINE_LEASE_MS: '3000',
  HOOKLINE_WORKER_POLL_MS: '50',
  HOOKLINE_DB_IDLE_TX_TIMEOUT_MS: '1500',
};
const databaseUrl = await isolatedDatabase(env);
const activities = await import('@/app/api/v1/activities/route');
const { createEndpoint } = await import('@/lib/endpoints/service');
const { endpointCreateSchema } = await import('@/lib/endpoints/schema');
const { startWorker } = await import('@/lib/delivery/worker');
const { pool } = await import('@/lib/db/pool');

const receiver = await startReceiver();
afterAll(() => receiver.close());
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const processState = (pid: number) => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
const idleInTransaction = async () =>
  Number((await pool().query(`SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'`)).rows[0].count);

function post(apiKey: string, body: unknown): Promise<Response> {
  const req = new Request('http://localhost/api/v1/activities', {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return activities.POST(req, { params: Promise.resolve({}) });
}
const act = (i: number) => ({ activityDateTime: '2026-11-25T10:00:00', activityStatus: 'SENT', mediaType: 'email', contactId: i });

describe('ingest while a worker is frozen inside its transaction', () => {
  it('answers in < 200 ms; the frozen transaction is cut and everything is delivered once, in order', async () => {
    const acme = await newAccount();
    await createEndpoint(acme.account.id, endpointCreateSchema.parse({ name: 'a', url: `${receiver.url}/a`, format: 'object' }));
    await createEndpoint(acme.account.id, endpointCreateSchema.parse({ name: 'b', url: `${receiver.url}/b` }));
    expect((await post(acme.apiKey, [act(0)])).status).toBe(202);

    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/frozen-worker.ts'], {
      env: { ...process.env, ...env, DATABASE_URL: databaseUrl },
      stdio: 'ignore',
    });
    try {
      for (let i = 0; i < 300 && processState(child.pid!) !== 'T'; i++) await sleep(50);
      expect(processState(child.pid!)).toBe('T'); // stopped, inside its transaction
      expect(await idleInTransaction()).toBeGreaterThanOrEqual(1); // holding its endpoint row locks

      for (let i = 1; i <= 5; i++) {
        const started = performance.now();
        const res = await post(acme.apiKey, [act(i)]);
        const ms = performance.now() - started;
        expect(res.status).toBe(202);
        expect(ms).toBeLessThan(200);
      }

      // The server ends the frozen transaction within the idle-in-transaction timeout (1.5 s here).
      for (let i = 0; i < 100 && (await idleInTransaction()) > 0; i++) await sleep(50);
      expect(await idleInTransaction()).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }

    const received = (path: string) =>
      receiver.requests.filter((r) => r.path === path).flatMap((r) => [JSON.parse(r.body)].flat().map((a: { contactId: number }) => a.contactId));
    const worker = startWorker();
    try {
      for (let i = 0; i < 300 && received('/a').length + received('/b').length < 12; i++) await sleep(50);
      await sleep(200);
    } finally {
      await worker.stop();
    }
    expect(received('/a')).toEqual([0, 1, 2, 3, 4, 5]);
    expect(received('/b')).toEqual([0, 1, 2, 3, 4, 5]);
  }, 60_000);
});
