// A worker stopping (SIGTERM's path: worker.stop()) while workflow runs wait on webhook requests that
// outlive its stop timeout: it gives those runs back at once — not left to their lease — and another
// worker takes them from the same block, sending the request again with the same Idempotency-Key.
import { describe, expect, it } from 'vitest';
import { isolatedDatabase } from '../support/isolated-db';
import { startTrustedReceiver } from '../support/trusted-receiver';
import { newAccount } from '../support/fixtures';

// A lease far longer than the test: runs the stopping worker did not give back would stall it.
await isolatedDatabase({ HOOKLINE_ALLOW_PRIVATE_NETWORKS: '1', HOOKLINE_LEASE_MS: '120000', HOOKLINE_WORKER_STOP_TIMEOUT_MS: '300', HOOKLINE_WORKER_POLL_MS: '50' });
const { pool } = await import('@/lib/db/pool');
const { ingestEvents } = await import('@/lib/events/service');
const { createContact } = await import('@/lib/contacts/service');
const { contactCreateSchema } = await import('@/lib/contacts/schema');
const { createRequestWebhook } = await import('@/lib/request-webhooks/service');
const { requestWebhookSchema } = await import('@/lib/templates/schema');
const { startWorker } = await import('@/lib/delivery/worker');
const { createWorkflow, runsOf, stepsOf } = await import('./helpers');

let slow = true;
const receiver = await startTrustedReceiver(() => (slow ? { status: 200, delayMs: 3_000 } : { status: 200, body: '{"ok":true}', headers: { 'content-type': 'application/json' } }));

describe('a stopping worker and the workflow runs it holds', () => {
  it('gives back the runs whose requests outlive the stop timeout; another worker finishes them with the same Idempotency-Key', async () => {
    const { account } = await newAccount();
    await createContact(account.id, contactCreateSchema.parse({ email: 'ann@example.test' }));
    const w = await createRequestWebhook(account.id, requestWebhookSchema.parse({ name: 'Slow', method: 'GET', url: `${receiver.url}/slow/\${email}`, rateLimit: null }));
    const workflowId = await createWorkflow(account.id, 'Stop', {
      trigger: { eventTypeKey: 'stop' },
      blocks: [
        { id: 'w', kind: 'webhook', webhookId: w.id, email: '${email}' },
        { id: 'm', kind: 'message', channel: 'email', subject: 'Hi', body: "$data.get('Slow').get('ok')" },
      ],
    });
    await ingestEvents(account.id, [0, 1, 2].map((i) => ({ eventTypeKey: 'stop', keyValue: `s${i}`, params: { email: 'ann@example.test' } })));

    const first = startWorker();
    await receiver.waitFor(3, 10_000); // all three requests in flight
    await first.stop(); // waits 300 ms, then gives back what it still holds
    const held = await runsOf(workflowId);
    expect(held.map((r) => r.status)).toEqual(['running', 'running', 'running']);
    for (const r of held) expect(r.step).toBe(0);
    const { rows: leases } = await pool().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM workflow_runs WHERE workflow_id = $1 AND (lease_owner IS NOT NULL OR lease_until > now())`,
      [workflowId],
    );
    expect(leases[0].n).toBe(0);

    slow = false;
    const second = startWorker();
    try {
      await expect.poll(async () => (await runsOf(workflowId)).map((r) => r.status), { timeout: 10_000 }).toEqual(['completed', 'completed', 'completed']);
    } finally {
      await second.stop();
    }
    // Each run's request went out twice (the one in flight at the stop, then again), with one key per run.
    const keys = receiver.requests.map((r) => String(r.headers['idempotency-key']));
    expect(keys).toHaveLength(6);
    expect(new Set(keys).size).toBe(3);
    for (const r of await runsOf(workflowId)) {
      const steps = await stepsOf(r.id);
      expect(steps.map((s) => `${s.block_id}:${s.status}`)).toEqual(['w:completed', 'm:completed']);
      expect(steps[1].message?.body).toBe('true');
    }
  });
});
