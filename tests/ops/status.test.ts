// `npm run hookline -- status` (the real CLI process) on a real queue: a failing endpoint with its last
// error, another with queued work, and a live worker.
import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { isolatedDatabase } from '../support/isolated-db';
import { startReceiver } from '../support/receiver';
import { newAccount } from '../support/fixtures';

const env = { HOOKLINE_ALLOW_PRIVATE_NETWORKS: '1', HOOKLINE_RETRY_UNIT_MS: '600000' };
const databaseUrl = await isolatedDatabase(env);
const { ingestActivities } = await import('@/lib/activities/service');
const { createEndpoint, updateEndpoint } = await import('@/lib/endpoints/service');
const { endpointCreateSchema } = await import('@/lib/endpoints/schema');
const { deliverDue } = await import('@/lib/delivery/engine');
const { startHeartbeat } = await import('@/lib/delivery/heartbeat');
const { pool } = await import('@/lib/db/pool');
type Activity = import('@/lib/activities/schema').Activity;

const down = await startReceiver(() => ({ status: 503 }));
afterAll(() => down.close());

const cli = (...args: string[]) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', ...args], { env: { ...process.env, ...env, DATABASE_URL: databaseUrl, HOOKLINE_LOG_LEVEL: 'warn' } });

describe('hookline status', () => {
  it('shows the queue per endpoint, the failing ones with their last error, and the workers', async () => {
    const acme = await newAccount();
    const failing = (await createEndpoint(acme.account.id, endpointCreateSchema.parse({ name: 'crm-down', url: down.url }))).endpoint;
    const paused = (await createEndpoint(acme.account.id, endpointCreateSchema.parse({ name: 'paused-export', url: 'https://example.com/x' }))).endpoint;
    await ingestActivities(acme.account.id, [1, 2].map((i) => ({ activityDateTime: '2026-11-25T10:00:00', activityStatus: 'SENT', mediaType: 'email', contactId: i }) as Activity));
    await updateEndpoint(acme.account.id, paused.id, { active: false }); // keeps its queue, sends nothing
    await deliverDue({ budgetMs: 2000, owner: 'status-test' });
    await ingestActivities(acme.account.id, [{ activityDateTime: '2026-11-25T10:00:00', activityStatus: 'SENT', mediaType: 'email', contactId: 3 }] as Activity[]);
    const beat = startHeartbeat('host-a:4242:abc');
    try {
      await expect.poll(async () => (await pool().query('SELECT 1 FROM workers')).rowCount).toBe(1);
      const { stdout } = await cli('status');
      expect(stdout).toContain('Queue: 1 deliveries pending, 3 activities not yet batched, on 2 endpoint(s)');
      expect(stdout).toMatch(new RegExp(`${acme.account.name}\\s+export\\s+crm-down\\s+1\\s+1\\s+\\S+\\s+FAILING`));
      expect(stdout).toMatch(/paused-export\s+0\s+2\s+\S+\s+inactive/);
      expect(stdout).toContain('Failing endpoints: 1');
      expect(stdout).toContain(`${acme.account.name} / crm-down (${failing.id}): failing for`);
      expect(stdout).toContain('last error: HTTP 503');
      expect(stdout).toContain('Workers alive: 1');
      expect(stdout).toMatch(/host-a:4242:abc\s+worker\s+0\s+\d+s ago .* alive/);

      const json = JSON.parse((await cli('status', '--json')).stdout) as { endpoints: { name: string; pendingDeliveries: number; lastError: string | null }[]; workers: { id: string; alive: boolean }[] };
      expect(json.endpoints.find((e) => e.name === 'crm-down')).toMatchObject({ pendingDeliveries: 1, lastError: 'HTTP 503' });
      expect(json.workers).toEqual([expect.objectContaining({ id: 'host-a:4242:abc', alive: true })]);
    } finally {
      await beat.stop();
    }
  });
});
