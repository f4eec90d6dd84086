// npm run bench:metrics — what a scrape of /api/metrics costs with a big queue (not a test).
//
// Makes BENCH_QUEUED (default 1 000 000) pending deliveries over 100 endpoints and as many queued
// activities (one per range, the worst case for the activities gauge) in a fresh database, then times
// whole scrapes (metricsText: every counter and scrape-time gauge) and prints each queue query's plan
// with its execution time. The cost of metrics to the engine is `npm run bench` with
// HOOKLINE_METRICS_TOKEN set and unset (README → Metrics).
import { performance } from 'node:perf_hooks';
import { createDatabase, dropDatabase } from '@/tests/support/databases';
import { fillQueue } from '@/tests/support/queue-fill';
import { migrate } from '@/lib/db/migrate';

const QUEUED = Number(process.env.BENCH_QUEUED ?? 1_000_000);
const ENDPOINTS = 100;
const log = (line: string) => console.log(line);
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const { name, url } = await createDatabase('hookline_bench_metrics');
try {
  await migrate(url);
  process.env.DATABASE_URL = url;
  process.env.HOOKLINE_SECRET ??= 'bench-secret-bench-secret-bench-secret-0123';
  process.env.HOOKLINE_METRICS_TOKEN ??= 'bench-metrics-token-0123';
  process.env.HOOKLINE_DB_STATEMENT_TIMEOUT_MS ??= '900000'; // filling a million rows takes longer than a request may
  const { pool, closeDb } = await import('@/lib/db');
  const { createAccount } = await import('@/lib/accounts/service');
  const { metricsText } = await import('@/lib/metrics/expose');
  const { QUEUE_ACTIVITIES_SQL, QUEUE_BY_KIND_SQL, WORKERS_SQL } = await import('@/lib/metrics/sources');
  try {
    const { account } = await createAccount({ name: 'Bench', email: 'bench@example.test' });
    let t = performance.now();
    await fillQueue(pool(), { accountId: account.id, endpoints: ENDPOINTS, perEndpoint: Math.round(QUEUED / ENDPOINTS), ranges: QUEUED, rangeSize: 1 });
    log(`queue: ${fmt(QUEUED)} pending deliveries over ${ENDPOINTS} endpoints + ${fmt(QUEUED)} queued activities (1 per range), made in ${fmt((performance.now() - t) / 1000, 1)} s`);

    await metricsText(); // warm
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      t = performance.now();
      await metricsText();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    log(`whole scrape (metricsText), 10 runs: median ${fmt(times[5], 1)} ms, max ${fmt(times[9], 1)} ms`);

    for (const [title, sql] of [
      ['queue by kind (deliveries, oldest age, failing)', QUEUE_BY_KIND_SQL],
      ['queued activities (exact ≤ limit, else estimate)', QUEUE_ACTIVITIES_SQL],
      ['workers and their claims', WORKERS_SQL],
    ] as const) {
      const { rows } = await pool().query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`);
      log(`\n${title}:`);
      for (const r of rows) log(`  ${r['QUERY PLAN']}`);
    }
  } finally {
    await closeDb();
  }
} finally {
  await dropDatabase(name);
}
