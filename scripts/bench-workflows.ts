// Scenario 9 of `npm run bench` (scripts/bench.ts calls it): workflow runs. One account, 1,000
// contacts, a workflow "event → Webhook (GET on the bench receiver's HTTPS port, ${email} in the path)
// → Message (Velocity with the answer's $data)", run by `scripts/cli.ts worker` in a child process:
//   a) 20,000 events ingested first, then the worker starts: runs completed per second
//   b) 200 events/s for 10 s while the worker runs: event (ingest call) → webhook request latency
//   c) the webhook's rate limit set to 50/s, a burst of 500 events: requests in the busiest second
// and the worker's peak RSS over all three. BENCH_SCALE scales the counts and the duration.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pool } from '@/lib/db/pool';
import { db } from '@/lib/db';
import { ingestEvents } from '@/lib/events/service';
import { createRequestWebhook } from '@/lib/request-webhooks/service';
import { requestWebhookSchema } from '@/lib/templates/schema';
import { workflowDefinitionSchema } from '@/lib/workflows/schema';
import type { EventInput } from '@/lib/events/schema';
import { procStatus, spawnWorker } from './bench-worker';

type Row = { n: string; figure: string; value: string; target: string; ok: boolean | null; settings: string };
export type WorkflowBenchContext = {
  root: string;
  receiver: { tlsUrl: string; cert: string; call: <T>(cmd: 'reset' | 'latency-on' | 'latency-off' | 'latencies' | 'times' | 'stats', group?: string) => Promise<T> };
  env: () => Promise<string>;
  results: Row[];
  log: (line: string) => void;
  fmt: (n: number, digits?: number) => string;
  scaled: (n: number, min?: number) => number;
  scale: number;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]);

/** Most arrivals in any 1-second window [t, t + 1000) (sliding), and in any calendar second. */
export function busiestSecond(times: number[]): { sliding: number; calendar: number } {
  const t = [...times].sort((a, b) => a - b);
  let sliding = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while (t[i] - t[j] >= 1000) j++;
    sliding = Math.max(sliding, i - j + 1);
  }
  const perSecond = new Map<number, number>();
  for (const x of t) perSecond.set(Math.floor(x / 1000), (perSecond.get(Math.floor(x / 1000)) ?? 0) + 1);
  return { sliding, calendar: Math.max(0, ...perSecond.values()) };
}

export async function scenarioWorkflows(ctx: WorkflowBenchContext): Promise<void> {
  const { log, fmt, results, receiver } = ctx;
  const total = ctx.scaled(20_000, 500);
  const latencySeconds = Math.min(10, Math.max(3, 10 * ctx.scale));
  const burst = ctx.scaled(500, 100);
  const settings = await ctx.env();
  log(`\n[9] Workflows: event → Webhook (HTTPS GET) → Message; \`scripts/cli.ts worker\` as a child process (${settings})`);

  const accountId = (await db().account.create({ data: { name: 'bench workflows' } })).id;
  await pool().query(
    `INSERT INTO contacts (account_id, email, first_name, fields) SELECT $1, 'c' || g || '@bench.test', 'C' || g, jsonb_build_object('TOWN', 'Town ' || (g % 10)) FROM generate_series(1, 1000) g`,
    [accountId],
  );
  const webhook = await createRequestWebhook(
    accountId,
    requestWebhookSchema.parse({ name: 'Promo', method: 'GET', url: `${receiver.tlsUrl}/wf/\${email}?t=\${t}`, rateLimit: null, maxConcurrency: 200 }),
  );
  const definition = workflowDefinitionSchema.parse({
    trigger: { eventTypeKey: 'benchOrder' },
    blocks: [
      { id: 'w', kind: 'webhook', webhookId: webhook.id, email: '${email}' },
      { id: 'm', kind: 'message', channel: 'email', subject: 'Hi $contact.firstName', body: "<p>$contact.TOWN: $data.get('Promo').get('ok')</p>" },
    ],
  });
  const wf = await pool().query<{ id: string }>(
    `INSERT INTO workflows (account_id, name, active, trigger_event_type, definition) VALUES ($1, 'bench', true, 'benchOrder', $2::jsonb) RETURNING id`,
    [accountId, JSON.stringify(definition)],
  );
  await pool().query(`INSERT INTO workflow_versions (workflow_id, version, definition) VALUES ($1, 1, $2::jsonb)`, [wf.rows[0].id, JSON.stringify(definition)]);
  const events = (n: number, first: number, t = 0): EventInput[] =>
    Array.from({ length: n }, (_, i) => ({ eventTypeKey: 'benchOrder', keyValue: `o-${first + i}`, params: { email: `c${((first + i) % 1000) + 1}@bench.test`, t } }));
  const completed = async () => Number((await pool().query<{ n: string }>(`SELECT count(*) AS n FROM workflow_runs WHERE account_id = $1 AND status = 'completed'`, [accountId])).rows[0].n);
  const notDone = async () =>
    (await pool().query<{ status: string; n: string }>(`SELECT status, count(*) AS n FROM workflow_runs WHERE account_id = $1 AND status <> 'completed' GROUP BY 1`, [accountId])).rows;

  // a) the backlog first, then the worker
  await receiver.call('reset');
  const t0Ingest = performance.now();
  for (let i = 0; i < total; i += 1000) await ingestEvents(accountId, events(Math.min(1000, total - i), i));
  const ingestMs = performance.now() - t0Ingest;
  await pool().query('ANALYZE workflow_runs, contacts, events');

  const caFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hookline-bench-ca-')), 'ca.pem');
  fs.writeFileSync(caFile, receiver.cert);
  const worker = spawnWorker({ root: ctx.root, env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile } });
  const pid = worker.pid;
  const vm = (p: number) => {
    const s = procStatus(p);
    return { rss: s.VmRSS ?? 0, hwm: s.VmHWM ?? 0 };
  };
  try {
    const t0 = await worker.started;
    const idle = vm(pid).rss;
    let done = 0;
    const deadline = Date.now() + 300_000;
    while ((done = await completed()) < total && Date.now() < deadline) await sleep(100);
    const ms = Date.now() - t0;
    const rate = (done / ms) * 1000;
    const stats = await receiver.call<{ groups: Record<string, { requests: number }> }>('stats');
    const left = await notDone();
    log(`  a) ${fmt(total)} events ingested in ${fmt(ingestMs)} ms (runs started in the same transactions); worker idle RSS ${fmt(idle / 2 ** 20)} MB`);
    log(`     ${fmt(done)} runs completed in ${fmt(ms)} ms → ${fmt(rate)} runs/s; receiver got ${fmt(stats.groups.wf?.requests ?? 0)} webhook requests${left.length ? `; not completed: ${JSON.stringify(left)}` : ''}`);
    results.push({ n: '9', figure: 'Workflow runs completed/s (Webhook → Message)', value: fmt(rate), target: '≥ 1,000', ok: rate >= 1000, settings: `${fmt(total)} events queued, then 1 worker process, rate limit off, ${settings}` });

    // b) latency at 200 events/s
    await receiver.call('latency-on');
    const tickMs = 50;
    const perTick = 10;
    let sent = 0;
    const calls: Promise<unknown>[] = [];
    const start = performance.now();
    for (let k = 0; (k * tickMs) / 1000 < latencySeconds; k++) {
      const wait = start + k * tickMs - performance.now();
      if (wait > 0) await sleep(wait);
      calls.push(ingestEvents(accountId, events(perTick, 1_000_000 + sent, Date.now())));
      sent += perTick;
    }
    await Promise.all(calls);
    const until = Date.now() + 60_000;
    let lat: number[] = [];
    while (Date.now() < until) {
      lat = (await receiver.call<{ latencies: number[] }>('latencies')).latencies;
      if (lat.length >= sent) break;
      await sleep(100);
    }
    await receiver.call('latency-off');
    lat.sort((a, b) => a - b);
    const p50 = percentile(lat, 50);
    const p99 = percentile(lat, 99);
    log(`  b) ${fmt(sent)} events at ${fmt((perTick * 1000) / tickMs)}/s for ${latencySeconds} s: ${fmt(lat.length)} webhook requests timed, event → request p50 ${fmt(p50)} ms, p99 ${fmt(p99)} ms, max ${fmt(lat.at(-1) ?? NaN)} ms`);
    results.push({ n: '9', figure: 'Event → webhook request p50 (ms)', value: fmt(p50), target: '—', ok: null, settings: `${(perTick * 1000) / tickMs} events/s (${perTick} every ${tickMs} ms) for ${latencySeconds} s` });
    results.push({ n: '9', figure: 'Event → webhook request p99 (ms)', value: fmt(p99), target: '≤ 500', ok: p99 <= 500, settings: '' });

    // c) the rate limit
    await pool().query(`UPDATE request_webhooks SET rate_limit = 50, url = $2 WHERE id = $1`, [webhook.id, `${receiver.tlsUrl}/wfrate/\${email}`]);
    const before = await completed();
    const tBurst = Date.now();
    for (let i = 0; i < burst; i += 1000) await ingestEvents(accountId, events(Math.min(1000, burst - i), 2_000_000 + i));
    const burstUntil = Date.now() + 120_000 + (burst / 50) * 1000;
    while ((await completed()) < before + burst && Date.now() < burstUntil) await sleep(200);
    const times = (await receiver.call<{ times: number[] }>('times', 'wfrate')).times;
    const busiest = busiestSecond(times);
    const span = times.length > 1 ? Math.max(...times) - Math.min(...times) : 0;
    log(
      `  c) rate limit 50/s, ${fmt(burst)} events at once: ${fmt(times.length)} requests over ${fmt(span / 1000, 1)} s (${fmt(times.length / Math.max(0.001, (Date.now() - tBurst) / 1000), 1)}/s overall); busiest 1-s window ${busiest.sliding}, busiest calendar second ${busiest.calendar}`,
    );
    results.push({ n: '9', figure: 'Rate limit 50/s: most requests in any 1-s window', value: String(busiest.sliding), target: '≤ 50', ok: busiest.sliding <= 50 && times.length === burst, settings: `${fmt(burst)} events at once; sliding window at the receiver` });

    const hwm = vm(pid).hwm;
    log(`  worker VmHWM ${fmt(hwm / 2 ** 20)} MB (sampled RSS peak ${fmt(worker.vmPeakSeen() / 2 ** 20)} MB)`);
    results.push({ n: '9', figure: 'Workflow worker peak RSS (VmHWM)', value: `${fmt(hwm / 2 ** 20)} MB`, target: '≤ 256 MB', ok: hwm <= 256 * 2 ** 20, settings: 'a) + b) + c)' });
  } finally {
    await worker.stop();
    fs.rmSync(path.dirname(caFile), { recursive: true, force: true });
  }
}
