// First start (scripts/start.ts): the demo login is kept on disk for this user only until the first
// sign-in, and a clean stop is quiet even when the database goes away first (Ctrl-C reaches the
// embedded PostgreSQL too).
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { isolatedDatabase } from '../support/isolated-db';
import { startReceiver } from '../support/receiver';
import { newAccount } from '../support/fixtures';
import { captureLogs } from '../support/log-capture';

const url = await isolatedDatabase({ HOOKLINE_WORKER_POLL_MS: '50', HOOKLINE_ALLOW_PRIVATE_NETWORKS: '1', HOOKLINE_BATCH_LINGER_MS: '0' });
const { demoLoginFile, demoLoginText, forgetDemoLogin, keepDemoLogin } = await import('@/lib/demo-login');
const { startWorker } = await import('@/lib/delivery/worker');
const { WORK_CHANNEL } = await import('@/lib/delivery/wake');
const { createEndpoint } = await import('@/lib/endpoints/service');
const { endpointCreateSchema } = await import('@/lib/endpoints/schema');
const { ingestActivities } = await import('@/lib/activities/service');

/** Ends the worker's LISTEN connection from the server side, as a stopping PostgreSQL does. */
async function dropListeners() {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    for (let i = 0; i < 100; i++) {
      const { rowCount } = await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE $1`, [`LISTEN%${WORK_CHANNEL}%`]);
      if (rowCount) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('no LISTEN connection found');
  } finally {
    await admin.end();
  }
}

describe('first start', () => {
  it('keeps the demo login in the data folder, mode 0600, until forgotten', () => {
    process.env.HOOKLINE_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'hookline-data-'));
    try {
      const text = demoLoginText({ email: 'demo@example.com', password: 'pw-123', apiKey: 'hk_live_x' }, 'http://localhost:3000');
      const file = keepDemoLogin(text);
      expect(file).toBe(demoLoginFile());
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, 'utf8')).toContain('Password: pw-123');
      forgetDemoLogin();
      expect(existsSync(file)).toBe(false);
      forgetDemoLogin(); // and again: nothing to do
    } finally {
      delete process.env.HOOKLINE_DATA_DIR;
    }
  });

  it('reports a lost notification connection while running, not while stopping', async () => {
    const running = captureLogs();
    const w1 = startWorker({ logger: running.logger });
    await dropListeners();
    await expect.poll(() => running.text()).toContain('notification connection lost');
    await w1.stop();

    // Stopping waits for a slow delivery in flight; meanwhile the database drops the connection.
    const slow = await startReceiver(() => ({ status: 200, delayMs: 1500 }));
    const acme = await newAccount();
    await createEndpoint(acme.account.id, endpointCreateSchema.parse({ name: 'slow', url: `${slow.url}/slow` }));
    const stopping = captureLogs();
    const w2 = startWorker({ logger: stopping.logger });
    await ingestActivities(acme.account.id, [{ activityDateTime: '2026-11-25T10:00:00', activityStatus: 'READ', mediaType: 'email', contactId: 1 }] as never);
    await slow.waitFor(1, 10_000);
    const stopped = w2.stop();
    await dropListeners();
    await stopped;
    await slow.close();
    await new Promise((r) => setTimeout(r, 200));
    expect(stopping.text()).not.toContain('notification connection lost');
    expect(stopping.text()).toContain('worker stopped');
  });
});
