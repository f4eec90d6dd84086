// /api/health/ready against a real PostgreSQL: 503 naming the failed check while a migration run holds
// its lock, while the database does not answer, and while the in-process worker's heartbeat is stale
// or missing; 200 otherwise. /api/health (liveness) is not affected by migrations or the worker.
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { isolatedDatabase } from '../support/isolated-db';
import { call } from '../support/call';

const url = await isolatedDatabase({ HOOKLINE_IN_PROCESS_WORKER: '1', HOOKLINE_WORKER_POLL_MS: '50' });
const ready = (await import('@/app/api/health/ready/route')).GET;
const live = (await import('@/app/api/health/route')).GET;
const { MIGRATION_LOCK_KEY } = await import('@/lib/db/migration-lock');
const { startWorker } = await import('@/lib/delivery/worker');
const { pool, closeDb } = await import('@/lib/db');

async function probe() {
  const res = await call(ready as never, null, { path: '/api/health/ready' });
  return { status: res.status, body: (await res.json()) as { status: string; failed: string[]; checks: Record<string, { status: string; detail?: string }> } };
}

describe('GET /api/health/ready', () => {
  it('is ready with a database, no migration running and no in-process worker to watch', async () => {
    const { status, body } = await probe();
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ready', failed: [], checks: { database: { status: 'ok' }, migrations: { status: 'ok' }, worker: { status: 'skipped' } } });
  });

  it('is not ready while a migration run holds the lock', async () => {
    const migrator = new pg.Client({ connectionString: url });
    await migrator.connect();
    try {
      await migrator.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      const { status, body } = await probe();
      expect(status).toBe(503);
      expect(body.failed).toEqual(['migrations']);
      expect((await call(live as never, null)).status).toBe(200); // liveness does not care
      await migrator.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
      expect((await probe()).status).toBe(200);
    } finally {
      await migrator.end();
    }
  });

  it("follows the in-process worker's heartbeat", async () => {
    // A worker that stopped beating 40 s ago.
    await pool().query(`INSERT INTO workers (id, hostname, pid, in_process, heartbeat_at) VALUES ('frozen:1', 'h', 1, true, now() - interval '40 seconds')`);
    process.env.HOOKLINE_IN_PROCESS_WORKER_ID = 'frozen:1';
    try {
      let { status, body } = await probe();
      expect(status).toBe(503);
      expect(body.failed).toEqual(['worker']);
      expect(body.checks.worker.detail).toMatch(/no heartbeat .* for 4\d s/);

      const worker = startWorker({ inProcess: true });
      process.env.HOOKLINE_IN_PROCESS_WORKER_ID = worker.owner;
      try {
        await expect.poll(async () => (await probe()).status, { timeout: 5000 }).toBe(200);
      } finally {
        await worker.stop();
      }
      ({ status, body } = await probe()); // stopped: its row is gone
      expect(status).toBe(503);
      expect(body.checks.worker.detail).toBe('the in-process worker has not started');
    } finally {
      delete process.env.HOOKLINE_IN_PROCESS_WORKER_ID;
    }
  });

  it('is not ready when the database does not answer', async () => {
    await closeDb();
    process.env.DATABASE_URL = 'postgresql://postgres@127.0.0.1:1/nothing';
    try {
      const { status, body } = await probe();
      expect(status).toBe(503);
      expect(body.failed).toEqual(['database']);
      expect(body.checks.database).toEqual({ status: 'failed', detail: 'unreachable' });
    } finally {
      await closeDb();
      process.env.DATABASE_URL = url;
    }
    expect((await probe()).status).toBe(200);
  });
});
