// GET /api/metrics and a worker's metrics port, against a real worker delivering to real receivers:
// the counters, the histogram and the scrape-time gauges say what happened, and the token guards both.
import { afterAll, describe, expect, it } from 'vitest';
import { isolatedDatabase } from '../support/isolated-db';
import { startReceiver } from '../support/receiver';
import { startTrustedReceiver } from '../support/trusted-receiver';
import { newAccount } from '../support/fixtures';
import { call } from '../support/call';

const TOKEN = 'metrics-token-0123456789';
await isolatedDatabase({
  HOOKLINE_ALLOW_PRIVATE_NETWORKS: '1',
  HOOKLINE_RETRY_UNIT_MS: '60000',
  HOOKLINE_WORKER_POLL_MS: '20',
  HOOKLINE_METRICS_TOKEN: TOKEN,
});
const { GET } = await import('@/app/api/metrics/route');
const { ingestActivities } = await import('@/lib/activities/service');
const { createEndpoint } = await import('@/lib/endpoints/service');
const { endpointCreateSchema } = await import('@/lib/endpoints/schema');
const { startWorker } = await import('@/lib/delivery/worker');
const { serveMetrics } = await import('@/lib/metrics/expose');
const { resetConfig } = await import('@/lib/config');
const { ingestEvents } = await import('@/lib/events/service');
const { createContact } = await import('@/lib/contacts/service');
const { contactCreateSchema } = await import('@/lib/contacts/schema');
const { createRequestWebhook } = await import('@/lib/request-webhooks/service');
const { requestWebhookSchema } = await import('@/lib/templates/schema');
const { createWorkflow: createWorkflowRow } = await import('../workflows/helpers');
type Activity = import('@/lib/activities/schema').Activity;

const ok = await startReceiver(() => ({ status: 200 }));
const failing = await startReceiver(() => ({ status: 503 }));
const secure = await startTrustedReceiver(() => ({ status: 200 })); // request webhooks take https:// only (closed by its own afterAll)
afterAll(async () => {
  await ok.close();
  await failing.close();
});

const activity = (i: number) => ({ activityDateTime: '2026-11-25T10:00:00', activityStatus: 'SENT', mediaType: 'email', contactId: i }) as Activity;

/** The value of one sample line, e.g. value(text, 'hookline_attempts_total{outcome="success",kind="export"}'). */
function value(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /api/metrics', () => {
  it('is a 404 without HOOKLINE_METRICS_TOKEN and a 401 with a wrong token', async () => {
    delete process.env.HOOKLINE_METRICS_TOKEN;
    resetConfig();
    try {
      expect((await call(GET as never, TOKEN)).status).toBe(404);
    } finally {
      process.env.HOOKLINE_METRICS_TOKEN = TOKEN;
      resetConfig();
    }
    expect((await call(GET as never, null)).status).toBe(401);
    expect((await call(GET as never, 'metrics-token-9876543210')).status).toBe(401);
  });

  it('counts attempts, deliveries, ingest and latency, and reads the queue, failing endpoints and workers', async () => {
    const before = await (await call(GET as never, TOKEN)).text();
    const acme = await newAccount();
    await createEndpoint(acme.account.id, endpointCreateSchema.parse({ name: 'ok', url: ok.url, format: 'object' }));
    await createEndpoint(acme.account.id, endpointCreateSchema.parse({ name: 'down', url: failing.url }));
    await ingestActivities(acme.account.id, [1, 2, 3].map(activity));

    const worker = startWorker();
    try {
      await ok.waitFor(3);
      await failing.waitFor(1);
      // Wait until the runs are recorded: the successes, and the failure (its retry is a minute away).
      await expect
        .poll(async () => {
          const t = await (await call(GET as never, TOKEN)).text();
          return [value(t, 'hookline_endpoints_failing{kind="export"}'), value(t, 'hookline_queue_deliveries{kind="export"}')];
        }, { timeout: 10_000 })
        .toEqual([1, 1]);
      const res = await call(GET as never, TOKEN);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/plain');
      const text = await res.text();
      const grew = (series: string) => (value(text, series) ?? 0) - (value(before, series) ?? 0);
      expect(grew('hookline_attempts_total{outcome="success",kind="export"}')).toBe(3);
      expect(grew('hookline_attempts_total{outcome="http_error",kind="export"}')).toBe(1);
      expect(grew('hookline_deliveries_total{outcome="delivered",kind="export"}')).toBe(3);
      expect(grew('hookline_deliveries_total{outcome="retry_scheduled",kind="export"}')).toBe(1);
      expect(grew('hookline_deliveries_total{outcome="formed",kind="export"}')).toBe(4); // 3 objects + 1 array
      expect(grew('hookline_attempt_duration_seconds_count{kind="export"}')).toBe(4);
      expect(grew('hookline_activities_ingested_total')).toBe(3);
      expect(value(text, 'hookline_queue_deliveries{kind="export"}')).toBe(1); // the failing head
      expect(value(text, 'hookline_queue_oldest_age_seconds{kind="export"}')).toBeGreaterThan(0);
      expect(value(text, 'hookline_queue_activities')).toBe(0);
      expect(value(text, 'hookline_workers_alive')).toBe(1);
      expect(value(text, `hookline_worker_claims{worker="${worker.owner}"}`)).toBeGreaterThanOrEqual(0);
      expect(value(text, 'hookline_db_pool_connections{state="total"}')).toBeGreaterThan(0);
      expect(value(text, 'hookline_db_pool_connections{state="waiting"}')).toBe(0); // the scrape's own queries are not counted
      expect(value(text, 'hookline_process_cpu_seconds_total')).toBeGreaterThan(0);
      expect(text).toContain('# TYPE hookline_attempt_duration_seconds histogram');

      // A worker outside the app serves the same text on its own port, behind the same token.
      const server = await serveMetrics(0, '127.0.0.1');
      try {
        expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
        const scraped = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
        expect(value(scraped, 'hookline_attempts_total{outcome="success",kind="export"}')).toBe(value(text, 'hookline_attempts_total{outcome="success",kind="export"}'));
        expect(value(scraped, 'hookline_workers_alive')).toBe(1);
      } finally {
        await server.close();
      }
    } finally {
      await worker.stop();
    }
    const after = await (await call(GET as never, TOKEN)).text();
    expect(value(after, 'hookline_workers_alive')).toBe(0); // a clean stop removes the heartbeat row
  });

  it('counts workflow runs ended by outcome, and reads the runs in progress by status', async () => {
    const before = await (await call(GET as never, TOKEN)).text();
    const acme = await newAccount();
    const accountId = acme.account.id;
    await createContact(accountId, contactCreateSchema.parse({ email: 'ann@example.test' }));
    const hook = await createRequestWebhook(accountId, requestWebhookSchema.parse({ name: 'ping', method: 'GET', url: `${secure.url}/wf?email=\${email}`, rateLimit: null }));
    // One workflow completes (its webhook answers 200), one waits an hour, and one run is skipped (no contact).
    await createWorkflowRow(accountId, 'Ping', { trigger: { eventTypeKey: 'signup' }, blocks: [{ id: 'b1', kind: 'webhook', webhookId: hook.id, email: '${email}' }] });
    await createWorkflowRow(accountId, 'Later', { trigger: { eventTypeKey: 'signup' }, blocks: [{ id: 'd1', kind: 'delay', amount: 1, unit: 'hours' }, { id: 'b1', kind: 'webhook', webhookId: hook.id, email: '${email}' }] });
    await createWorkflowRow(accountId, 'Nobody', { trigger: { eventTypeKey: 'visit' }, blocks: [{ id: 'b1', kind: 'webhook', webhookId: hook.id, email: '${email}' }] });
    await ingestEvents(accountId, [
      { eventTypeKey: 'signup', keyValue: 's-1', params: { email: 'ann@example.test' } as never },
      { eventTypeKey: 'visit', keyValue: 'v-1', params: { email: 'nobody@example.test' } as never },
    ]);

    const worker = startWorker();
    try {
      await expect
        .poll(async () => {
          const t = await (await call(GET as never, TOKEN)).text();
          return [value(t, 'hookline_workflow_runs{status="waiting"}'), value(t, 'hookline_workflow_runs{status="running"}'), (value(t, 'hookline_workflow_runs_ended_total{outcome="completed"}') ?? 0) - (value(before, 'hookline_workflow_runs_ended_total{outcome="completed"}') ?? 0)];
        }, { timeout: 10_000 })
        .toEqual([1, 0, 1]);
      const text = await (await call(GET as never, TOKEN)).text();
      const grew = (series: string) => (value(text, series) ?? 0) - (value(before, series) ?? 0);
      expect(grew('hookline_workflow_runs_ended_total{outcome="skipped"}')).toBe(1);
      expect(grew('hookline_workflow_runs_ended_total{outcome="failed"}')).toBe(0);
      expect(secure.requests.filter((r) => r.path.startsWith('/wf?')).map((r) => r.path)).toEqual(['/wf?email=ann%40example.test']);
    } finally {
      await worker.stop();
    }
  });
});
