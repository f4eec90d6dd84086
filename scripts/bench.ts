// npm run bench — a fixed workload that prints throughput, latency and memory figures (not a test).
//
// Runs against the PostgreSQL server of DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/test)
// in a fresh database of its own (created, migrated, dropped at the end), and a webhook receiver on
// 127.0.0.1 in a separate process (scripts/bench-receiver.ts). The services are called directly
// (ingestActivities, startWorker), so HTTP ingest parsing/validation is not part of the figures.
//
//   BENCH_SCALE=0.1 npm run bench     quick smoke run (every count and duration × 0.1)
//   BENCH_ONLY=2,3 npm run bench      some scenarios only (4 uses 3's rate when 3 ran, else BENCH_LATENCY_RATE)
//   BENCH_PROFILE=1 npm run bench     also time every SQL statement client-side and print the top ones
//   BENCH_CONCURRENCY, BENCH_POOL     override HOOKLINE_WORKER_CONCURRENCY / HOOKLINE_DB_POOL_SIZE of scenarios 2–6
//   BENCH_INGEST_CALLERS              concurrent ingest callers of scenario 1 (default 4)
//   BENCH_HANGING_ROUNDS              alternating rounds of scenario 5 (default 2; the best of each counts)
//   BENCH_PG_SETTINGS=synchronous_commit=off   per-database PostgreSQL settings, for experiments
//   BENCH_BACKLOGS=10000,100000       waiting activities of scenario 8 (1000000 works, but takes minutes here)
//   BENCH_ONLY=9                      workflow runs only (scripts/bench-workflows.ts)
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Agent, request } from 'undici';
import { createDatabase, dropDatabase, SERVER_URL } from '@/tests/support/databases';
import { migrate } from '@/lib/db/migrate';
import { closeDb, db, pool } from '@/lib/db';
import { ingestActivities } from '@/lib/activities/service';
import { activitySchema, type Activity } from '@/lib/activities/schema';
import { SEED_EXAMPLES } from '../tests/support/seed-examples';
import { createAccount } from '@/lib/accounts/service';
import { createEndpoint } from '@/lib/endpoints/service';
import { endpointCreateSchema } from '@/lib/endpoints/schema';
import { startWorker, type Worker } from '@/lib/delivery/worker';
import type { ReceiverCommand, ReceiverStats } from './bench-receiver';
import { scenarioWorkflows } from './bench-workflows';
import { procStatus, spawnWorker as spawnWorkerProcess } from './bench-worker';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCALE = Number(process.env.BENCH_SCALE ?? '1');
if (!(SCALE > 0)) throw new Error('BENCH_SCALE must be a positive number');
const ONLY = new Set((process.env.BENCH_ONLY ?? '1,2,3,4,5,6,7,8,9').split(',').map((s) => Number(s.trim())));
const PROFILE = process.env.BENCH_PROFILE === '1';
/** BENCH_PG_SETTINGS="synchronous_commit=off,…": per-database PostgreSQL settings, for experiments. */
const PG_SETTINGS = (process.env.BENCH_PG_SETTINGS ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean)
  .map((s) => {
    const m = /^([a-z_]+)=(.+)$/.exec(s);
    if (!m) throw new Error(`BENCH_PG_SETTINGS: not name=value: ${s}`);
    return [m[1], m[2]] as const;
  });
const scaled = (n: number, min = 1) => Math.max(min, Math.round(n * SCALE));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const log = (line: string) => console.log(line);

/** Worker settings of the delivery scenarios (2–6): the defaults unless overridden. */
const WORKER_CONCURRENCY = process.env.BENCH_CONCURRENCY ?? '32';
const POOL_SIZE = process.env.BENCH_POOL ?? '10';

// ---------------------------------------------------------------------------------------------------
// Environment: the lib modules read it lazily through config(); closeDb() forgets the parsed copy.

const BASE_ENV: Record<string, string> = {
  HOOKLINE_SECRET: 'bench-secret-bench-secret-bench-secret-0123456789',
  HOOKLINE_ALLOW_PRIVATE_NETWORKS: '1',
  HOOKLINE_IN_PROCESS_WORKER: '0',
};
const TUNABLE = ['HOOKLINE_BATCH_LINGER_MS', 'HOOKLINE_WORKER_CONCURRENCY', 'HOOKLINE_DB_POOL_SIZE', 'HOOKLINE_HTTP_TIMEOUT_MS', 'HOOKLINE_RETRY_UNIT_MS'];
let databaseUrl = '';

async function applyEnv(env: Record<string, string>): Promise<string> {
  await closeDb();
  for (const k of TUNABLE) delete process.env[k];
  Object.assign(process.env, BASE_ENV, { DATABASE_URL: databaseUrl }, env);
  return Object.entries(env)
    .map(([k, v]) => `${k.replace(/^HOOKLINE_/, '')}=${v}`)
    .join(' ');
}

// ---------------------------------------------------------------------------------------------------
// The receiver process

type ReceiverProc = { url: string; tlsUrl: string; cert: string; child: ChildProcess; call: <T>(cmd: ReceiverCommand['cmd'], group?: string) => Promise<T> };

async function startReceiverProcess(): Promise<ReceiverProc> {
  const child = fork(path.join(ROOT, 'scripts/bench-receiver.ts'), [], { cwd: ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, (v: unknown) => void>();
  let nextId = 1;
  const { port, tlsPort, cert } = await new Promise<{ port: number; tlsPort: number; cert: string }>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`receiver exited (${code})`)));
    child.on('message', (m: { id?: number; ready?: boolean; port?: number; tlsPort?: number; cert?: string }) => {
      if (m.ready && m.port) resolve({ port: m.port, tlsPort: m.tlsPort!, cert: m.cert! });
      else if (m.id !== undefined) {
        pending.get(m.id)?.(m);
        pending.delete(m.id);
      }
    });
  });
  const call = <T>(cmd: ReceiverCommand['cmd'], group?: string) =>
    new Promise<T>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve as (v: unknown) => void);
      child.send({ id, cmd, group } satisfies ReceiverCommand);
    });
  return { url: `http://127.0.0.1:${port}`, tlsUrl: `https://127.0.0.1:${tlsPort}`, cert, child, call };
}

let receiver: ReceiverProc;
const receiverStats = () => receiver.call<ReceiverStats>('stats');
const group = (s: ReceiverStats, name: string) => s.groups[name] ?? { requests: 0, activities: 0, firstAt: 0, lastAt: 0 };

/** Waits until the receiver has `expected` activities in `name`; returns the stats then. */
async function waitReceived(name: string, expected: number, timeoutMs: number): Promise<ReceiverStats> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await receiverStats();
    if (group(s, name).activities >= expected) return s;
    if (Date.now() > deadline) throw new Error(`receiver got ${group(s, name).activities} of ${expected} activities in /${name} within ${timeoutMs} ms`);
    await sleep(25);
  }
}

// ---------------------------------------------------------------------------------------------------
// Measurements: CPU per component, peak RSS, SQL timing

const CLK_TCK = 100;
function procCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK; // utime + stime
  } catch {
    return 0; // gone
  }
}
/** CPU ms per PostgreSQL process working for us: our database's backends and the WAL writer, checkpointer, background writer. */
async function postgresCpu(): Promise<Map<number, number>> {
  const { rows } = await pool().query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() OR backend_type IN ('walwriter', 'checkpointer', 'background writer')`,
  );
  return new Map(rows.map((r) => [r.pid, procCpuMs(r.pid)]));
}
/** Busy CPU ms of the whole machine (everything but idle and iowait; steal included), and steal alone. */
function machineCpu(): { busy: number; steal: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1, 9).map(Number);
  const idle = cpu[3] + cpu[4];
  return { busy: ((cpu.reduce((a, b) => a + b, 0) - idle) * 1000) / CLK_TCK, steal: (cpu[7] * 1000) / CLK_TCK };
}
type CpuSnap = { at: number; bench: number; receiver: number; postgres: Map<number, number>; machine: number; steal: number; child: number };
let childCpu: () => number = () => 0;
async function cpuSnap(): Promise<CpuSnap> {
  const c = process.cpuUsage();
  const m = machineCpu();
  return { at: performance.now(), bench: (c.user + c.system) / 1000, receiver: (await receiverStats()).cpuMs, postgres: await postgresCpu(), machine: m.busy, steal: m.steal, child: childCpu() };
}
function cpuLine(a: CpuSnap, b: CpuSnap): string {
  const wall = b.at - a.at;
  const pct = (ms: number) => `${fmt((ms / wall) * 100)}%`;
  const child = b.child - a.child > 0 ? `, worker process ${pct(b.child - a.child)}` : '';
  let postgres = 0; // backends that ended in between are lost; ours live as long as the pool
  for (const [pid, ms] of b.postgres) postgres += ms - (a.postgres.get(pid) ?? 0);
  const known = b.bench - a.bench + (b.child - a.child) + (b.receiver - a.receiver) + postgres;
  const steal = b.steal - a.steal;
  const others = Math.max(0, b.machine - a.machine - steal - known);
  if (others / wall > 0.25) noisy = true;
  return (
    `CPU over ${fmt(wall / 1000, 1)} s (100% = one core): bench process ${pct(b.bench - a.bench)}${child}, receiver ${pct(b.receiver - a.receiver)}, ` +
    `postgres (ours) ${pct(postgres)}, other processes ${pct(others)}${others / wall > 0.25 ? ' ← not ours: figures are depressed' : ''}${steal / wall > 0.05 ? `, hypervisor steal ${pct(steal)}` : ''}; machine ${pct(b.machine - a.machine)} of ${os.cpus().length * 100}%`
  );
}
let noisy = false;

let rssPeak = 0;
setInterval(() => {
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
}, 50).unref();

type SqlStat = { calls: number; ms: number };
const sqlStats = new Map<string, SqlStat>();
if (PROFILE) {
  // Client-side time of every statement (pool queries go through Client#query with a callback).
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  const note = (text: string, start: number) => {
    const key = text.replace(/\s+/g, ' ').trim().slice(0, 110);
    const s = sqlStats.get(key) ?? { calls: 0, ms: 0 };
    s.calls++;
    s.ms += performance.now() - start;
    sqlStats.set(key, s);
  };
  proto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as { text?: unknown; submit?: unknown } | string;
    const text = typeof first === 'string' ? first : first && typeof first.text === 'string' && typeof first.submit !== 'function' ? first.text : null;
    const start = performance.now();
    const last = args.at(-1);
    if (text && typeof last === 'function') {
      args[args.length - 1] = (...cbArgs: unknown[]) => {
        note(text, start);
        return (last as (...a: unknown[]) => unknown)(...cbArgs);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (text && result && typeof (result as Promise<unknown>).then === 'function') {
      (result as Promise<unknown>).then(
        () => note(text, start),
        () => note(text, start),
      );
    }
    return result;
  };
}
function printSqlProfile(title: string, wallMs: number) {
  if (!PROFILE) return;
  const rows = [...sqlStats.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 10);
  log(`  SQL, client-side time (${title}; summed over concurrent connections, wall ${fmt(wallMs)} ms):`);
  for (const [sql, s] of rows) log(`    ${fmt(s.ms).padStart(8)} ms ${fmt(s.calls).padStart(7)} × ${fmt(s.ms / s.calls, 2).padStart(6)} ms  ${sql}`);
  sqlStats.clear();
}
const resetSqlProfile = () => sqlStats.clear();

// ---------------------------------------------------------------------------------------------------
// Workload: accounts, endpoints, activities

const SEED_POOL: Record<string, unknown>[] = SEED_EXAMPLES.flatMap((s) => s.activities).filter((a) => activitySchema.safeParse(a).success);

/** The i-th bench activity: a seed object with its own contactId and iid (plus `extra`). Deterministic. */
function activity(i: number, extra: Record<string, unknown> = {}): Activity {
  const seed = SEED_POOL[i % SEED_POOL.length];
  return { ...seed, contactId: 100_000_000 + i, iid: `bench-${i.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`, ...extra } as Activity;
}

let mainAccount = '';
const tenants: string[] = [];
async function ensureTenants(n: number): Promise<string[]> {
  while (tenants.length < n) tenants.push((await db().account.create({ data: { name: `bench tenant ${tenants.length}` } })).id);
  return tenants.slice(0, n);
}

async function addEndpoint(accountId: string, name: string, url: string, format: 'array' | 'object') {
  const { endpoint } = await createEndpoint(accountId, endpointCreateSchema.parse({ name, url, format }));
  return endpoint.id;
}

/** Empties the delivery tables (accounts stay) and checkpoints, so a scenario starts from the same state. */
async function resetData() {
  await pool().query('TRUNCATE activities, queue_ranges, deliveries, attempts, endpoints RESTART IDENTITY');
  await pool().query('CHECKPOINT').catch(() => undefined);
  await receiver.call('reset');
}

type IngestJob = { accountId: string; first: number; count: number; extra?: () => Record<string, unknown> };
const isDeadlock = (err: unknown) => (err as { code?: string }).code === '40P01';

/** ingestActivities as a sender would call it: a deadlock (which the route answers with a 500) is retried. */
async function ingestWithRetry(accountId: string, batch: Activity[], counters: { deadlocks: number }): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await ingestActivities(accountId, batch)).accepted;
    } catch (err) {
      if (!isDeadlock(err) || attempt >= 5) throw err;
      counters.deadlocks++;
    }
  }
}

/** Runs the jobs with `callers` concurrent ingestActivities callers; returns activities, elapsed ms, deadlocks retried. */
async function ingestJobs(jobs: IngestJob[], callers: number): Promise<{ activities: number; ms: number; deadlocks: number }> {
  let next = 0;
  let activities = 0;
  let failed = false;
  const counters = { deadlocks: 0 };
  const start = performance.now();
  const outcomes = await Promise.allSettled(
    Array.from({ length: callers }, async () => {
      while (!failed) {
        const job = jobs[next++];
        if (!job) return;
        const batch = Array.from({ length: job.count }, (_, k) => activity(job.first + k, job.extra?.()));
        try {
          const accepted = await ingestWithRetry(job.accountId, batch, counters); // (not `x += await …`: that reads x before the await)
          activities += accepted;
        } catch (err) {
          failed = true; // let the other callers finish their batch, then report
          throw err;
        }
      }
    }),
  );
  const rejected = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (rejected) throw rejected.reason;
  const ms = performance.now() - start;
  if (counters.deadlocks > 0) log(`  ! ingestActivities failed with a deadlock ${counters.deadlocks} time(s) (40P01; retried, as a sender retries a 500)`);
  return { activities, ms, deadlocks: counters.deadlocks };
}

/** `perAccount` activities for each account in batches of `batch`, interleaved across accounts. */
function spreadJobs(accounts: string[], perAccount: number, batch: number, firstId = 0): IngestJob[] {
  const jobs: IngestJob[] = [];
  for (let off = 0; off < perAccount; off += batch) {
    accounts.forEach((accountId, t) => jobs.push({ accountId, first: firstId + t * perAccount + off, count: Math.min(batch, perAccount - off) }));
  }
  return jobs;
}

async function analyze() {
  await pool().query('ANALYZE activities, queue_ranges, deliveries, endpoints');
}

// ---------------------------------------------------------------------------------------------------
// Results

type Row = { n: string; figure: string; value: string; target: string; ok: boolean | null; settings: string };
const results: Row[] = [];
const ratePass = (v: number, min: number) => v >= min;
let objectRate = 0; // scenario 3's requests/s, the base of scenario 4's rate
let benchRssPeak = 0; // the bench process's peak RSS during scenarios 2–3

// ---------------------------------------------------------------------------------------------------
// Scenarios

async function scenarioIngest() {
  const total = scaled(100_000, 1000);
  const batch = 500;
  const callers = Number(process.env.BENCH_INGEST_CALLERS ?? '4');
  const settings = await applyEnv({ HOOKLINE_DB_POOL_SIZE: '10' });
  log(`\n[1] Ingest: ${fmt(total)} activities, batches of ${batch}, ${callers} concurrent callers, 1 account with 3 active array endpoints, no worker (${settings})`);
  await resetData();
  for (let i = 0; i < 3; i++) await addEndpoint(mainAccount, `ingest-${i}`, `${receiver.url}/ok/ingest-${i}`, 'array');
  await analyze();
  // Warm-up (connections, plans), not measured.
  await ingestJobs([{ accountId: mainAccount, first: 10_000_000, count: batch }], 1);
  resetSqlProfile();
  const before = await cpuSnap();
  const jobs: IngestJob[] = [];
  for (let off = 0; off < total; off += batch) jobs.push({ accountId: mainAccount, first: off, count: Math.min(batch, total - off) });
  const { activities, ms, deadlocks } = await ingestJobs(jobs, callers);
  const after = await cpuSnap();
  const rate = (activities / ms) * 1000;
  const { rows } = await pool().query<{ n: string }>('SELECT count(*)::text AS n FROM queue_ranges');
  log(`  ${fmt(activities)} activities (${rows[0].n} queue ranges) in ${fmt(ms)} ms → ${fmt(rate)} activities/s`);
  log(`  ${cpuLine(before, after)}`);
  printSqlProfile('ingest', ms);
  results.push({ n: '1', figure: 'Ingest (activities committed/s)', value: fmt(rate), target: '≥ 20,000', ok: ratePass(rate, 20_000), settings: `batch ${batch}, ${callers} callers, 3 endpoints, ${settings}` });
  results.push({ n: '1', figure: 'Ingest calls failed with a deadlock (retried)', value: fmt(deadlocks), target: '0', ok: deadlocks === 0, settings: `of ${fmt(jobs.length)} calls; same account, concurrent callers` });
}

function deliveryEnv(extra: Record<string, string> = {}) {
  return applyEnv({ HOOKLINE_WORKER_CONCURRENCY: WORKER_CONCURRENCY, HOOKLINE_DB_POOL_SIZE: POOL_SIZE, ...extra });
}

/** Starts one in-process worker, waits until /`name` got `expected` activities; rate from worker start to the last arrival. */
async function runWorkerUntil(name: string, expected: number, timeoutMs: number) {
  resetSqlProfile();
  const before = await cpuSnap();
  const t0 = Date.now();
  const worker: Worker = startWorker();
  let s: ReceiverStats;
  try {
    s = await waitReceived(name, expected, timeoutMs);
  } finally {
    await worker.stop();
  }
  const after = await cpuSnap();
  const g = group(s, name);
  const ms = Math.max(1, g.lastAt - t0);
  return { ms, requests: g.requests, activities: g.activities, stats: worker.stats, cpu: cpuLine(before, after), stopped: Date.now() - t0 };
}

async function scenarioArray(): Promise<void> {
  const endpoints = 100;
  const perEndpoint = scaled(1000, 100);
  const settings = await deliveryEnv();
  log(`\n[2] Delivery, array: 100 accounts × 1 array endpoint, ${fmt(perEndpoint)} activities each (${fmt(endpoints * perEndpoint)} total), one worker in the bench process (${settings})`);
  await resetData();
  const accounts = await ensureTenants(endpoints);
  for (const [i, acc] of accounts.entries()) await addEndpoint(acc, 'array', `${receiver.url}/arr/${i}`, 'array');
  const ing = await ingestJobs(spreadJobs(accounts, perEndpoint, 500), 4);
  log(`  pre-ingest: ${fmt(ing.activities)} activities in ${fmt(ing.ms)} ms (${fmt((ing.activities / ing.ms) * 1000)}/s)`);
  await analyze();
  rssPeak = process.memoryUsage().rss;
  const r = await runWorkerUntil('arr', endpoints * perEndpoint, 120_000);
  const rate = (r.activities / r.ms) * 1000;
  log(`  ${fmt(r.activities)} activities in ${fmt(r.requests)} requests, last one ${fmt(r.ms)} ms after the worker started → ${fmt(rate)} activities/s, ${fmt((r.requests / r.ms) * 1000)} requests/s`);
  log(`  worker stats ${JSON.stringify(r.stats)}; bench process peak RSS ${fmt(rssPeak / 2 ** 20)} MB`);
  log(`  ${r.cpu}`);
  printSqlProfile('array delivery', r.ms);
  benchRssPeak = Math.max(benchRssPeak, rssPeak);
  results.push({ n: '2', figure: 'Delivered, 100 array endpoints (activities/s)', value: fmt(rate), target: '≥ 10,000', ok: ratePass(rate, 10_000), settings: `batches of 100, ${settings}` });
}

async function scenarioObject(): Promise<void> {
  const endpoints = 100;
  const perEndpoint = scaled(200, 20);
  const total = endpoints * perEndpoint;
  const settings = await deliveryEnv();
  log(`\n[3] Delivery, object: 100 accounts × 1 object endpoint, ${fmt(perEndpoint)} activities each (${fmt(total)} requests), one worker in the bench process (${settings})`);
  await resetData();
  const accounts = await ensureTenants(endpoints);
  for (const [i, acc] of accounts.entries()) await addEndpoint(acc, 'object', `${receiver.url}/obj/${i}`, 'object');
  const firstId = 20_000_000;
  const ing = await ingestJobs(spreadJobs(accounts, perEndpoint, 500, firstId), 4);
  log(`  pre-ingest: ${fmt(ing.activities)} activities in ${fmt(ing.ms)} ms`);
  await analyze();
  rssPeak = process.memoryUsage().rss;
  const r = await runWorkerUntil('obj', total, 180_000);
  objectRate = (r.requests / r.ms) * 1000;
  log(`  Hookline: ${fmt(r.requests)} requests in ${fmt(r.ms)} ms → ${fmt(objectRate)} requests/s; worker stats ${JSON.stringify(r.stats)}; bench process peak RSS ${fmt(rssPeak / 2 ** 20)} MB`);
  log(`  ${r.cpu}`);
  printSqlProfile('object delivery', r.ms);
  benchRssPeak = Math.max(benchRssPeak, rssPeak);

  // The same bodies to the same URLs with the same concurrency, straight through undici.
  const concurrency = Number(WORKER_CONCURRENCY);
  const urls = accounts.map((_, i) => `${receiver.url}/raw/${i}`);
  const bodies: { url: string; body: string }[] = [];
  for (let off = 0; off < perEndpoint; off++) accounts.forEach((_, t) => bodies.push({ url: urls[t], body: JSON.stringify(activity(firstId + t * perEndpoint + off)) }));
  const agent = new Agent({ connections: 128, pipelining: 1, keepAliveTimeout: 30_000, keepAliveMaxTimeout: 60_000 });
  const headers = { 'content-type': 'application/json', 'user-agent': 'Hookline/bench', 'webhook-id': 'msg_00000000-0000-4000-8000-000000000000', 'webhook-timestamp': '1700000000', 'webhook-signature': `v1,${'A'.repeat(44)}` };
  const before = await cpuSnap();
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const item = bodies[next++];
        if (!item) return;
        const res = await request(item.url, { method: 'POST', headers, body: item.body, dispatcher: agent });
        await res.body.text();
        if (res.statusCode !== 200) throw new Error(`raw loop: HTTP ${res.statusCode}`);
      }
    }),
  );
  const rawMs = performance.now() - start;
  const after = await cpuSnap();
  await agent.close();
  const rawRate = (bodies.length / rawMs) * 1000;
  const ratio = objectRate / rawRate;
  log(`  raw undici loop: ${fmt(bodies.length)} requests in ${fmt(rawMs)} ms → ${fmt(rawRate)} requests/s; Hookline/raw = ${fmt(ratio, 2)}`);
  log(`  ${cpuLine(before, after)}`);
  results.push({ n: '3', figure: 'Requests/s, 100 object endpoints', value: fmt(objectRate), target: '—', ok: null, settings });
  results.push({ n: '3', figure: 'Raw undici loop, same bodies (requests/s)', value: fmt(rawRate), target: '—', ok: null, settings: `${concurrency} concurrent requests` });
  results.push({ n: '3', figure: 'Hookline / raw undici', value: fmt(ratio, 2), target: '≥ 0.5', ok: ratio >= 0.5, settings: '' });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

async function scenarioLatency(): Promise<void> {
  const endpoints = 10;
  const maxRate = objectRate || Number(process.env.BENCH_LATENCY_RATE ?? '1000');
  const requestRate = maxRate / 2; // requests/s at the receiver = activities/s × 10 endpoints
  const batch = 10;
  const intervalMs = (batch * endpoints * 1000) / requestRate;
  const durationMs = Math.min(15, Math.max(3, 15 * SCALE)) * 1000;
  const settings = await deliveryEnv();
  log(`\n[4] Latency: 1 account with ${endpoints} object endpoints, one worker in the bench process; ingest ${batch} activities every ${fmt(intervalMs, 1)} ms for ${durationMs / 1000} s (≈ ${fmt(requestRate)} requests/s = half of ${objectRate ? "scenario 3's" : 'BENCH_LATENCY_RATE'} ${fmt(maxRate)}) (${settings})`);
  await resetData();
  for (let i = 0; i < endpoints; i++) await addEndpoint(mainAccount, `latency-${i}`, `${receiver.url}/lat/${i}`, 'object');
  await analyze();
  await receiver.call('latency-on');
  resetSqlProfile();
  const before = await cpuSnap();
  const worker = startWorker();
  let sent = 0;
  let late = 0;
  const calls: Promise<number>[] = [];
  const counters = { deadlocks: 0 };
  try {
    const start = performance.now();
    for (let k = 0; ; k++) {
      const due = start + k * intervalMs;
      if (due - start >= durationMs) break;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      else if (wait < -intervalMs) late++;
      const first = 30_000_000 + k * batch;
      const benchSentAt = Date.now();
      const call = ingestWithRetry(mainAccount, Array.from({ length: batch }, (_, j) => activity(first + j, { benchSentAt })), counters);
      call.catch(() => undefined); // reported below, after every call settled
      calls.push(call);
      sent += batch;
    }
    const outcomes = await Promise.allSettled(calls);
    const rejected = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (rejected) throw rejected.reason;
    await waitReceived('lat', sent * endpoints, 60_000);
  } finally {
    await worker.stop();
  }
  const after = await cpuSnap();
  const lat = (await receiver.call<{ latencies: number[] }>('latencies')).latencies.sort((a, b) => a - b);
  await receiver.call('latency-off');
  const p50 = percentile(lat, 50);
  const p90 = percentile(lat, 90);
  const p99 = percentile(lat, 99);
  log(`  ${fmt(sent)} activities ingested, ${fmt(lat.length)} deliveries timed${late ? ` (${late} ingest ticks fell behind)` : ''}${counters.deadlocks ? ` (${counters.deadlocks} ingest deadlocks retried)` : ''}: p50 ${fmt(p50)} ms, p90 ${fmt(p90)} ms, p99 ${fmt(p99)} ms, max ${fmt(lat.at(-1) ?? NaN)} ms`);
  log(`  ${cpuLine(before, after)}`);
  printSqlProfile('latency', durationMs);
  const how = `10 object endpoints, ${fmt(requestRate)} req/s (batches of ${batch} every ${fmt(intervalMs, 1)} ms), ${settings}`;
  results.push({ n: '4', figure: 'Ingest → receiver latency p50 (ms)', value: fmt(p50), target: '—', ok: null, settings: how });
  results.push({ n: '4', figure: 'Ingest → receiver latency p99 (ms)', value: fmt(p99), target: '≤ 500', ok: p99 <= 500, settings: '' });
}

async function scenarioHanging(): Promise<void> {
  const endpoints = 100;
  const hangingCount = 10;
  const perEndpoint = scaled(120, 20);
  const healthyTotal = (endpoints - hangingCount) * perEndpoint;
  const settings = await deliveryEnv({ HOOKLINE_HTTP_TIMEOUT_MS: '2000', HOOKLINE_RETRY_UNIT_MS: '500' });
  log(`\n[5] Hanging endpoints: 100 accounts × 1 object endpoint, ${fmt(perEndpoint)} activities each; ${hangingCount} of them never answer vs none (${settings})`);
  // Alternating rounds (none, hanging, none, hanging …); the best of each counts, as the least disturbed by other load.
  const rounds = Math.max(1, Number(process.env.BENCH_HANGING_ROUNDS ?? '2'));
  const best = [0, 0];
  for (let run = 0; run < rounds * 2; run++) {
    const hanging = run % 2 === 1;
    await resetData();
    const accounts = await ensureTenants(endpoints);
    for (const [i, acc] of accounts.entries()) {
      const special = i % (endpoints / hangingCount) === 0; // 10 endpoints spread over the claim order
      const url = !special ? `${receiver.url}/healthy/${i}` : hanging ? `${receiver.url}/hang/${i}` : `${receiver.url}/other/${i}`;
      await addEndpoint(acc, 'object', url, 'object');
    }
    await ingestJobs(spreadJobs(accounts, perEndpoint, 500, 40_000_000), 4);
    await analyze();
    const r = await runWorkerUntil('healthy', healthyTotal, 180_000);
    const rate = (r.requests / r.ms) * 1000;
    best[run % 2] = Math.max(best[run % 2], rate);
    const s = await receiverStats();
    log(
      `  ${hanging ? `${hangingCount} hanging` : 'none hanging'}: healthy endpoints got ${fmt(r.requests)} requests in ${fmt(r.ms)} ms → ${fmt(rate)} requests/s` +
        (hanging ? ` (hanging endpoints were tried ${group(s, 'hang').requests} times)` : '') +
        `; worker stats ${JSON.stringify(r.stats)}`,
    );
    log(`  ${r.cpu}`);
    printSqlProfile(hanging ? 'with hanging' : 'none hanging', r.ms);
  }
  const rates = best;
  const cost = 1 - rates[1] / rates[0];
  const how = `timeout 2000 ms, retry unit 500 ms, ${settings}`;
  results.push({ n: '5', figure: `Healthy requests/s, none hanging (best of ${rounds})`, value: fmt(rates[0]), target: '—', ok: null, settings: how });
  results.push({ n: '5', figure: `Healthy requests/s, 10 % hanging (best of ${rounds})`, value: fmt(rates[1]), target: '—', ok: null, settings: '' });
  results.push({ n: '5', figure: 'Cost of hanging endpoints to healthy ones', value: `${fmt(cost * 100, 1)} %`, target: '≤ 10 %', ok: cost <= 0.1, settings: '' });
}

/** The worker child process (scripts/bench-worker.ts), its CPU counted as the bench's while it runs. */
function spawnWorker() {
  const w = spawnWorkerProcess({ root: ROOT });
  childCpu = () => procCpuMs(w.pid);
  return {
    ...w,
    async stop() {
      childCpu = () => 0;
      await w.stop();
    },
  };
}

async function scenarioWorkerMemory(): Promise<void> {
  const endpoints = 100;
  const perArray = scaled(1000, 100);
  const perObject = scaled(200, 20);
  const settings = await deliveryEnv();
  log(`\n[6] Worker memory: \`scripts/cli.ts worker\` as a child process (${settings}); scenario 2's workload, then scenario 3's`);
  await resetData();
  const accounts = await ensureTenants(endpoints * 2);
  const arrayAccounts = accounts.slice(0, endpoints);
  const objectAccounts = accounts.slice(endpoints);
  for (const [i, acc] of arrayAccounts.entries()) await addEndpoint(acc, 'array', `${receiver.url}/warr/${i}`, 'array');
  for (const [i, acc] of objectAccounts.entries()) await addEndpoint(acc, 'object', `${receiver.url}/wobj/${i}`, 'object');
  await ingestJobs(spreadJobs(arrayAccounts, perArray, 500, 50_000_000), 4);
  await analyze();

  const w = spawnWorker();
  const { pid, started } = w;
  try {
    const t0 = await started;
    const idle = procStatus(pid).VmRSS ?? 0;
    const before = await cpuSnap();
    const a = await waitReceived('warr', endpoints * perArray, 120_000);
    const arrayRate = (group(a, 'warr').activities / Math.max(1, group(a, 'warr').lastAt - t0)) * 1000;
    const mid = await cpuSnap();
    log(`  started, idle RSS ${fmt(idle / 2 ** 20)} MB; array workload: ${fmt(endpoints * perArray)} activities delivered at ${fmt(arrayRate)} activities/s (isolated worker)`);
    log(`  ${cpuLine(before, mid)}`);
    const hwmArray = procStatus(pid).VmHWM ?? 0;
    log(`  VmHWM after the array workload: ${fmt(hwmArray / 2 ** 20)} MB`);
    const t1 = Date.now();
    await ingestJobs(spreadJobs(objectAccounts, perObject, 500, 60_000_000), 4);
    const o = await waitReceived('wobj', endpoints * perObject, 180_000);
    const objRate = (group(o, 'wobj').requests / Math.max(1, group(o, 'wobj').lastAt - t1)) * 1000;
    const end = await cpuSnap();
    log(`  object workload (ingested while the worker ran): ${fmt(endpoints * perObject)} requests at ${fmt(objRate)} requests/s (isolated worker, ingest included)`);
    log(`  ${cpuLine(mid, end)}`);
    const status = procStatus(pid);
    const hwm = status.VmHWM ?? w.vmPeakSeen();
    log(`  worker VmHWM ${fmt(hwm / 2 ** 20)} MB (sampled VmRSS peak ${fmt(w.vmPeakSeen() / 2 ** 20)} MB, now ${fmt((status.VmRSS ?? 0) / 2 ** 20)} MB); bench process peak RSS during scenarios 2–3: ${benchRssPeak ? `${fmt(benchRssPeak / 2 ** 20)} MB` : 'not run'}`);
    results.push({ n: '6', figure: 'Worker process peak RSS (VmHWM)', value: `${fmt(hwm / 2 ** 20)} MB`, target: '≤ 256 MB', ok: hwm <= 256 * 2 ** 20, settings: `scripts/cli.ts worker, workloads of 2 then 3, ${settings}` });
    if (benchRssPeak) results.push({ n: '6', figure: 'Bench process peak RSS in 2–3 (worker + ingest)', value: `${fmt(benchRssPeak / 2 ** 20)} MB`, target: '(info)', ok: null, settings: '' });
    results.push({ n: '6', figure: 'Isolated worker: array activities/s', value: fmt(arrayRate), target: '(info)', ok: null, settings: 'workload of 2' });
  } finally {
    await w.stop();
  }
}

/** The real ingest route (auth, body limits, validation, service) behind a node:http server in this
 *  process, driven over keep-alive HTTP by concurrent clients posting arrays of 500. */
async function scenarioHttpIngest() {
  const total = scaled(100_000, 1000);
  const batch = 500;
  const clients = 8;
  const settings = await applyEnv({ HOOKLINE_DB_POOL_SIZE: '10' });
  log(`\n[7] HTTP ingest: POST /api/v1/activities, ${fmt(total)} activities in arrays of ${batch}, ${clients} clients, 3 array endpoints, no worker (${settings})`);
  await resetData();
  for (let i = 0; i < 3; i++) await addEndpoint(mainAccount, `http-${i}`, `${receiver.url}/ok/http-${i}`, 'array');
  const { createApiKey } = await import('@/lib/api-keys/service');
  const { key } = await createApiKey(mainAccount, { name: `bench ${Date.now()}` });
  const route = await import('@/app/api/v1/activities/route');
  const http = await import('node:http');
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const request = new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) });
      const answer = await route.POST(request, { params: Promise.resolve({}) });
      res.writeHead(answer.status, Object.fromEntries(answer.headers));
      res.end(Buffer.from(await answer.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/api/v1/activities`;
  const agent = new Agent({ connections: clients, keepAliveTimeout: 30_000 });
  const bodies: string[] = [];
  for (let off = 0; off < total; off += batch) bodies.push(JSON.stringify(Array.from({ length: Math.min(batch, total - off) }, (_, k) => activity(off + k))));
  const post = async (body: string) => {
    const res = await request(url, { method: 'POST', dispatcher: agent, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body });
    await res.body.dump();
    if (res.statusCode !== 202) throw new Error(`ingest answered ${res.statusCode}`);
  };
  try {
    await post(JSON.stringify([activity(90_000_000)])); // warm-up (route, connections), not measured
    const before = await cpuSnap();
    const latencies: number[] = [];
    let next = 0;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        for (let i = next++; i < bodies.length; i = next++) {
          const t = performance.now();
          await post(bodies[i]);
          latencies.push(performance.now() - t);
        }
      }),
    );
    const ms = performance.now() - start;
    const after = await cpuSnap();
    latencies.sort((a, b) => a - b);
    const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
    const rate = (total / ms) * 1000;
    log(`  ${fmt(total)} activities in ${fmt(bodies.length)} calls, ${fmt(ms)} ms → ${fmt(rate)} activities/s; call p50 ${fmt(q(0.5))} ms, p99 ${fmt(q(0.99))} ms`);
    log(`  ${cpuLine(before, after)}`);
    results.push({ n: '7', figure: 'HTTP ingest, real route (activities/s)', value: fmt(rate), target: '(info)', ok: null, settings: `arrays of ${batch}, ${clients} clients, 3 endpoints; p50/p99 ${fmt(q(0.5))}/${fmt(q(0.99))} ms` });
  } finally {
    await agent.close();
    server.close();
  }
}

/** Cost as the work grows: ingest rate with N activities already waiting, then the drain rate of those
 *  N (3 array endpoints, one worker in this process) and the process's peak RSS. */
async function scenarioBacklog() {
  const sizes = (process.env.BENCH_BACKLOGS ?? '10000,100000').split(',').map((s) => scaled(Number(s), 1000));
  const batch = 500;
  for (const waiting of sizes) {
    const settings = await deliveryEnv();
    log(`\n[8] Backlog of ${fmt(waiting)} activities for 3 array endpoints (${settings})`);
    await resetData();
    const names = ['a', 'b', 'c'];
    for (const n of names) await addEndpoint(mainAccount, `backlog-${n}`, `${receiver.url}/bl${waiting}/${n}`, 'array');
    const jobs: IngestJob[] = [];
    for (let off = 0; off < waiting; off += batch) jobs.push({ accountId: mainAccount, first: off, count: Math.min(batch, waiting - off) });
    const fill = await ingestJobs(jobs, 4);
    await analyze();
    // Ingest measured on top of the backlog: the last 10 % again, as extra activities.
    const extra = Math.max(batch, Math.round(waiting / 10));
    const more: IngestJob[] = [];
    for (let off = 0; off < extra; off += batch) more.push({ accountId: mainAccount, first: waiting + off, count: Math.min(batch, extra - off) });
    const top = await ingestJobs(more, 4);
    const ingestRate = (top.activities / top.ms) * 1000;
    // The drain runs in a worker process of its own (scripts/cli.ts worker), so its peak RSS is the worker's.
    const name = `bl${waiting}`;
    const w = spawnWorker();
    let r: { ms: number; activities: number; hwm: number; cpu: string };
    try {
      const t0 = await w.started;
      const before = await cpuSnap();
      const s = await waitReceived(name, 3 * (waiting + extra), 1_800_000);
      const g = group(s, name);
      r = { ms: Math.max(1, g.lastAt - t0), activities: g.activities, hwm: procStatus(w.pid).VmHWM ?? w.vmPeakSeen(), cpu: cpuLine(before, await cpuSnap()) };
    } finally {
      await w.stop();
    }
    const drain = (r.activities / r.ms) * 1000;
    log(`  filled at ${fmt((fill.activities / fill.ms) * 1000)} activities/s; ingest on top of it ${fmt(ingestRate)} activities/s; drained ${fmt(r.activities)} deliveries of activities in ${fmt(r.ms)} ms → ${fmt(drain)}/s; worker process VmHWM ${fmt(r.hwm / 2 ** 20)} MB`);
    log(`  ${r.cpu}`);
    results.push({ n: '8', figure: `Backlog ${fmt(waiting)}: ingest / drain (activities/s)`, value: `${fmt(ingestRate)} / ${fmt(drain)}`, target: '(drain −≤ 20 %)', ok: null, settings: `3 array endpoints` });
    results.push({ n: '8', figure: `Backlog ${fmt(waiting)}: worker peak RSS (VmHWM)`, value: `${fmt(r.hwm / 2 ** 20)} MB`, target: '≤ 256 MB', ok: r.hwm <= 256 * 2 ** 20, settings: 'scripts/cli.ts worker' });
  }
}

// ---------------------------------------------------------------------------------------------------

function printTable(header: string[]) {
  const rows = results.map((r) => [r.n, r.figure, r.value, r.target, r.ok === null ? '' : r.ok ? 'yes' : 'NO', r.settings]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  log(line(header));
  log(`|${widths.map((w, i) => (i === 2 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`);
  for (const r of rows) log(line(r));
}

const benchVars = () =>
  Object.entries(process.env)
    .filter(([k]) => k.startsWith('BENCH_'))
    .map(([k, v]) => `${k}=${/^[\w.,=-]+$/.test(v ?? '') ? v : JSON.stringify(v)} `)
    .join('');

async function main() {
  const started = performance.now();
  const server = new URL(SERVER_URL);
  const database = await createDatabase('hookline_bench');
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    await closeDb().catch(() => undefined);
    receiver?.child.disconnect();
    await dropDatabase(database.name).catch((err: Error) => console.error(`could not drop ${database.name}: ${err.message}`));
  };
  process.once('SIGINT', () => {
    void cleanup().then(() => process.exit(130));
  });
  try {
    databaseUrl = database.url;
    await migrate(database.url);
    if (PG_SETTINGS.length > 0) {
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      for (const [k, v] of PG_SETTINGS) await admin.query(`ALTER DATABASE "${database.name}" SET ${k} = '${v.replace(/'/g, "''")}'`);
      await admin.end();
    }
    receiver = await startReceiverProcess();
    await applyEnv({});
    const { rows } = await pool().query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
    const machine = [
      `command: ${benchVars()}npm run bench`,
      `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${fmt(os.totalmem() / 2 ** 30, 1)} GB RAM, ${os.type()} ${os.release()}; Node ${process.version}; PostgreSQL ${rows[0].v} at ${server.host} (database ${database.name}, dropped at the end)`,
      `receiver: node:http on ${receiver.url} in its own process (pid ${receiver.child.pid}); scale ${SCALE}${PROFILE ? '; SQL profiling ON (adds overhead)' : ''}${PG_SETTINGS.length ? `; database settings ${process.env.BENCH_PG_SETTINGS}` : ''}`,
      `load average at start: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
    ];
    machine.forEach((l) => log(l));
    mainAccount = (await createAccount({ name: 'Bench', email: 'bench@hookline.local', userName: 'Bench' })).account.id;

    if (ONLY.has(1)) await scenarioIngest();
    if (ONLY.has(2)) await scenarioArray();
    if (ONLY.has(3)) await scenarioObject();
    if (ONLY.has(4)) await scenarioLatency();
    if (ONLY.has(5)) await scenarioHanging();
    if (ONLY.has(6)) await scenarioWorkerMemory();
    if (ONLY.has(7)) await scenarioHttpIngest();
    if (ONLY.has(8)) await scenarioBacklog();
    if (ONLY.has(9)) await scenarioWorkflows({ root: ROOT, receiver, env: () => deliveryEnv(), results, log, fmt, scaled, scale: SCALE });

    log(`\nResults (${fmt((performance.now() - started) / 1000, 1)} s in all)`);
    machine.forEach((l) => log(l));
    if (noisy) log('note: other processes used more than a quarter of a core during some scenarios (see the CPU lines above); those figures are lower than on an idle machine');
    printTable(['#', 'Figure', 'Result', 'Target', 'Met', 'Settings']);
  } finally {
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
