// A worker killed (SIGKILL) in the middle of a run: the run completes on another worker once the lease
// runs out; nothing already committed is done again — only the request that was in flight is sent a
// second time, with the same idempotency key.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { isolatedDatabase } from '../support/isolated-db';
import { startTrustedReceiver } from '../support/trusted-receiver';
import { newAccount } from '../support/fixtures';

const env = { HOOKLINE_ALLOW_PRIVATE_NETWORKS: '1', HOOKLINE_LEASE_MS: '3000', HOOKLINE_WORKER_POLL_MS: '50', HOOKLINE_RETRY_UNIT_MS: '100' };
const databaseUrl = await isolatedDatabase(env);
const { pool } = await import('@/lib/db/pool');
const { ingestEvents } = await import('@/lib/events/service');
const { createContact } = await import('@/lib/contacts/service');
const { contactCreateSchema } = await import('@/lib/contacts/schema');
const { createRequestWebhook } = await import('@/lib/request-webhooks/service');
const { requestWebhookSchema } = await import('@/lib/templates/schema');
const { startWorker } = await import('@/lib/delivery/worker');
const { createWorkflow, runsOf, stepsOf } = await import('./helpers');

let bCalls = 0;
const receiver = await startTrustedReceiver((req) => {
  if (req.path === '/a') return { body: '{"a":1}' };
  return ++bCalls === 1 ? { hang: true } : { body: '{"b":2}' };
});

describe('a worker killed mid-run', () => {
  it('the run completes on another worker; only the in-flight request is repeated, with the same idempotency key', async () => {
    const { account } = await newAccount();
    const accountId = account.id;
    await createContact(accountId, contactCreateSchema.parse({ email: 'ann@example.test' }));
    const a = await createRequestWebhook(accountId, requestWebhookSchema.parse({ name: 'A', method: 'GET', url: `${receiver.url}/a`, rateLimit: null }));
    const b = await createRequestWebhook(accountId, requestWebhookSchema.parse({ name: 'B', method: 'GET', url: `${receiver.url}/b`, rateLimit: null }));
    const workflowId = await createWorkflow(accountId, 'Crash', {
      trigger: { eventTypeKey: 'e' },
      blocks: [
        { id: 'a', kind: 'webhook', webhookId: a.id, email: '${email}' },
        { id: 'b', kind: 'webhook', webhookId: b.id, email: '${email}' },
        { id: 'm', kind: 'message', channel: 'email', subject: 'x', body: '$data.A.a + $data.B.b' },
      ],
    });
    const certFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hookline-ca-')), 'ca.pem');
    fs.writeFileSync(certFile, receiver.cert!);

    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', 'worker'], {
      env: { ...process.env, ...env, DATABASE_URL: databaseUrl, NODE_EXTRA_CA_CERTS: certFile },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    await ingestEvents(accountId, [{ eventTypeKey: 'e', keyValue: 'k', params: { email: 'ann@example.test' } }]);
    await receiver.waitFor(2, 30_000); // A answered, B in flight and never answered
    child.kill('SIGKILL');
    const killedAt = Date.now();
    expect(await exited).toBe('SIGKILL');
    const [mid] = await runsOf(workflowId);
    expect(mid).toMatchObject({ status: 'running', step: 1, data: { A: { a: 1 } } });

    const worker = startWorker();
    try {
      const until = Date.now() + 20_000;
      while ((await runsOf(workflowId))[0].status !== 'completed' && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    } finally {
      await worker.stop();
    }
    const [run] = await runsOf(workflowId);
    expect(run.status).toBe('completed');
    const paths = receiver.requests.map((r) => r.path);
    expect(paths).toEqual(['/a', '/b', '/b']);
    const [, first, again] = receiver.requests;
    expect(again.headers['idempotency-key']).toBe(`${run.id}:b`);
    expect(first.headers['idempotency-key']).toBe(again.headers['idempotency-key']);
    expect(again.at).toBeGreaterThan(killedAt);
    expect(again.at - first.at).toBeGreaterThanOrEqual(2000); // not before the 3 s lease ran out
    expect((await stepsOf(run.id)).map((s) => [s.block_id, s.status])).toEqual([
      ['a', 'completed'],
      ['b', 'completed'],
      ['m', 'completed'],
    ]);
    const acts = await pool().query(`SELECT 1 FROM activities WHERE account_id = $1`, [accountId]);
    expect(acts.rowCount).toBe(1);
    const attempts = await pool().query(`SELECT endpoint_id FROM attempts WHERE workflow_run_id = $1`, [run.id]);
    expect(attempts.rows.map((r) => r.endpoint_id).sort()).toEqual([a.id, b.id].sort());
  });
});
