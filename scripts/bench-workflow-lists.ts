// Workflow list and launch history at scale: one account with 20 workflows and BENCH_ROWS runs
// (default 500,000) over 30 days — a busy day's worth in the last 24 h, some waiting on long delays —
// plus a neighbour account, in a fresh database; then the queries the screens make, each timed over
// several runs (median) with the plan EXPLAIN chooses. Run: npx tsx scripts/bench-workflow-lists.ts
// (DATABASE_URL names the PostgreSQL server, as for the tests; the database is dropped after).
import { performance } from 'node:perf_hooks';
import { createDatabase, dropDatabase } from '../tests/support/databases';
import { migrate } from '@/lib/db/migrate';

const ROWS = Number(process.env.BENCH_ROWS ?? 500_000);
const WORKFLOWS = 20;
const DAYS = 30;
const RUNS = Number(process.env.BENCH_RUNS ?? 9);

const { name, url } = await createDatabase('hookline_bench_wf');
process.env.DATABASE_URL = url;
process.env.HOOKLINE_SECRET ||= 'bench-secret-bench-secret-bench-secret-0123';
// Seeding is one long INSERT per account: beyond the app's statement timeout, not what is measured.
process.env.HOOKLINE_DB_STATEMENT_TIMEOUT_MS = String(30 * 60_000);
await migrate(url);
const { pool, closeDb } = await import('@/lib/db');
const { listWorkflows } = await import('@/lib/workflows/service');
const { listRuns, getRun } = await import('@/lib/workflows/runs');

async function seed(label: string, rows: number): Promise<{ accountId: string; workflowIds: string[] }> {
  const p = pool();
  const { rows: acc } = await p.query<{ id: string }>(`INSERT INTO accounts (name) VALUES ($1) RETURNING id`, [label]);
  const accountId = acc[0].id;
  const { rows: wfs } = await p.query<{ id: string }>(
    `INSERT INTO workflows (account_id, name, active, trigger_event_type, definition)
     SELECT $1, 'Workflow ' || g, true, 'orderPlaced', '{"trigger":{"eventTypeKey":"orderPlaced","filter":null},"blocks":[]}'
       FROM generate_series(1, $2::int) g RETURNING id`,
    [accountId, WORKFLOWS],
  );
  const workflowIds = wfs.map((w) => w.id);
  const t = performance.now();
  // 1 in 31 runs in the last day; 1 in 200 still waiting (a delay), 1 in 1000 running, ~5 % failed.
  await p.query(
    `INSERT INTO workflow_runs (account_id, workflow_id, version, event_type_key, event_key, contact_email, status, started_at, finished_at, due_at)
     SELECT $1, ($2::uuid[])[1 + g % $3::int], 1, 'orderPlaced', 'order-' || g, 'c' || (g % 50000) || '@example.test',
            s.status, s.at, CASE WHEN s.status IN ('running', 'waiting') THEN NULL ELSE s.at + interval '2 seconds' END,
            CASE WHEN s.status IN ('running', 'waiting') THEN s.at + interval '3 days' END
       FROM generate_series(1, $4::int) g
       CROSS JOIN LATERAL (SELECT
         CASE WHEN g % 1000 = 0 THEN 'running' WHEN g % 200 = 0 THEN 'waiting' WHEN g % 20 = 0 THEN 'failed' WHEN g % 7 = 0 THEN 'skipped' ELSE 'completed' END AS status,
         now() - (CASE WHEN g % 31 = 0 THEN random() * interval '1 day' ELSE interval '1 day' + random() * interval '${DAYS - 1} days' END) AS at) s`,
    [accountId, workflowIds, WORKFLOWS, rows],
  );
  console.log(`  ${label}: ${rows.toLocaleString()} runs in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return { accountId, workflowIds };
}

async function bench(label: string, fn: () => Promise<unknown>) {
  await fn(); // warm
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`${label.padEnd(58)} median ${times[Math.floor(times.length / 2)].toFixed(1).padStart(7)} ms   max ${times.at(-1)!.toFixed(1).padStart(7)} ms`);
}

try {
  console.log(`seeding ${ROWS.toLocaleString()} runs over ${DAYS} days, ${WORKFLOWS} workflows`);
  const { accountId, workflowIds } = await seed('Acme', ROWS);
  await seed('Neighbour', Math.round(ROWS / 10));
  await pool().query('VACUUM ANALYZE workflow_runs');
  const first = await listRuns(accountId, {}, { limit: 50 });
  let cursor = first.nextCursor;
  for (let i = 0; i < 20 && cursor; i++) cursor = (await listRuns(accountId, {}, { limit: 50, cursor })).nextCursor;

  await bench('workflow list (20 workflows, with figures and problems)', () => listWorkflows(accountId));
  await bench('runs: first page of 50, all workflows', () => listRuns(accountId, {}, { limit: 50 }));
  await bench('runs: page 22 of 50 (cursor)', () => listRuns(accountId, {}, { limit: 50, cursor }));
  await bench('runs: one workflow, first page', () => listRuns(accountId, { workflowId: workflowIds[3] }, { limit: 50 }));
  await bench('runs: status=failed, first page', () => listRuns(accountId, { status: 'failed' }, { limit: 50 }));
  await bench('runs: status=running (rare), first page', () => listRuns(accountId, { status: 'running' }, { limit: 50 }));
  await bench('runs: contact email contains "c4242@"', () => listRuns(accountId, { email: 'c4242@' }, { limit: 50 }));
  await bench('runs: last 24 h, one workflow', () => listRuns(accountId, { workflowId: workflowIds[0], from: new Date(Date.now() - 86_400_000).toISOString() }, { limit: 50 }));
  await bench('run detail', () => getRun(accountId, first.runs[0].id));

  const { rows: plan } = await pool().query(
    `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
     SELECT count(*) FROM workflow_runs r WHERE r.workflow_id = $1 AND r.status IN ('running', 'waiting')`,
    [workflowIds[0]],
  );
  console.log('\nruns in progress of one workflow:\n' + plan.map((r) => `  ${r['QUERY PLAN']}`).join('\n'));
  const { rows: plan24 } = await pool().query(
    `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
     SELECT count(*), count(*) FILTER (WHERE r.status = 'failed') FROM workflow_runs r WHERE r.workflow_id = $1 AND r.started_at >= now() - interval '1 day'`,
    [workflowIds[0]],
  );
  console.log('\nruns and failures of one workflow in the last 24 h:\n' + plan24.map((r) => `  ${r['QUERY PLAN']}`).join('\n'));
} finally {
  await closeDb();
  await dropDatabase(name);
}
