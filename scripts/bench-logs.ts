// Webhook logs at scale: 1,000,000 attempts of one account (~30 days, 50 endpoints, ~10 % failures)
// plus a neighbour account, in a fresh database; then the log queries the screen makes, each timed
// over several runs (median) with the plan EXPLAIN chooses. Run: npx tsx scripts/bench-logs.ts
// (DATABASE_URL names the PostgreSQL server to use, as for the tests; the database is dropped after).
import { performance } from 'node:perf_hooks';
import { createDatabase, dropDatabase } from '../tests/support/databases';
import { migrate } from '@/lib/db/migrate';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const NEIGHBOUR_ROWS = Number(process.env.BENCH_NEIGHBOUR_ROWS ?? Math.round(ROWS / 10));
const ENDPOINTS = 50;
const DAYS = 30;
const RUNS = Number(process.env.BENCH_RUNS ?? 9);

const { name, url } = await createDatabase('hookline_bench_logs');
process.env.DATABASE_URL = url;
process.env.HOOKLINE_SECRET ||= 'bench-secret-bench-secret-bench-secret-0123';
await migrate(url);
const { pool, closeDb } = await import('@/lib/db');
const { listLogs, logPageQuery, logChart } = await import('@/lib/logs/service');
const { encodeCursor } = await import('@/lib/http/cursor');
const { logListQuerySchema, logFilterSchema } = await import('@/lib/logs/schema');

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const out = await fn();
  console.log(`  ${label}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return out;
}

/** One account with `rows` attempts over DAYS days on ENDPOINTS endpoints; deliveries to match. */
async function seedAccount(label: string, rows: number): Promise<{ accountId: string; endpointIds: string[] }> {
  const p = pool();
  const { rows: acc } = await p.query<{ id: string }>(`INSERT INTO accounts (name) VALUES ($1) RETURNING id`, [label]);
  const accountId = acc[0].id;
  const { rows: eps } = await p.query<{ id: string }>(
    `INSERT INTO endpoints (account_id, kind, name, url, statuses, signing_secret_enc, next_seq)
     SELECT $1, 'export', 'Export ' || g, 'https://hooks.example.com/' || g, ARRAY['DELIVERED'], 'x', 1 FROM generate_series(1, $2) g
     RETURNING id`,
    [accountId, ENDPOINTS],
  );
  const endpointIds = eps.map((e) => e.id);
  const deliveries = Math.round(rows * 0.92); // a failed attempt is retried: fewer deliveries than attempts
  await timed(`${label}: ${deliveries.toLocaleString()} deliveries`, () =>
    p.query(
      `INSERT INTO deliveries (id, account_id, endpoint_id, seq, status, body, activity_count, attempts, created_at, delivered_at)
       SELECT md5($1::text || g)::uuid, $2, ($3::uuid[])[1 + g % $4::int], g / $4::int + 1,
              CASE WHEN g > $5::int - 200 THEN 'pending' ELSE 'delivered' END,
              '[{"activityStatus":"DELIVERED","activityDateTime":"2026-11-25T10:00:00","mediaType":"email","contactId":' || g || ',"email":"c' || g || '@example.test"}]',
              1, 1, now(), CASE WHEN g > $5::int - 200 THEN NULL ELSE now() END
         FROM generate_series(1, $5::int) g`,
      [label, accountId, endpointIds, ENDPOINTS, deliveries],
    ),
  );
  await timed(`${label}: ${rows.toLocaleString()} attempts`, () =>
    p.query(
      `INSERT INTO attempts (account_id, endpoint_id, delivery_id, attempt_no, is_test, started_at, duration_ms, success,
                             request_method, request_url, request_headers, request_body, response_status, response_headers, response_body, error_kind, error)
       SELECT $2, ($3::uuid[])[1 + d % $4::int], md5($1::text || d)::uuid, 1, t.test, t.at, (20 + r * 400)::int, NOT t.failed,
              'POST', 'https://hooks.example.com/x', '{"content-type":"application/json","webhook-signature":"v1,••••••"}'::jsonb,
              CASE WHEN t.test THEN '[{"test":true}]' END,
              t.status, CASE WHEN t.status IS NOT NULL THEN '{"content-type":"application/json"}'::jsonb END,
              CASE WHEN t.status IS NULL THEN NULL WHEN t.failed THEN '{"error":"upstream said no"}' ELSE '{"ok":true}' END,
              CASE WHEN t.failed AND t.status IS NULL THEN 'timeout' END,
              CASE WHEN NOT t.failed THEN NULL WHEN t.status IS NULL THEN 'No answer within 10 s' ELSE 'HTTP ' || t.status END
         FROM (SELECT g, random() AS r, 1 + (g - 1) % $6::int AS d FROM generate_series(1, $5::int) g) s,
              LATERAL (SELECT s.r < 0.10 AS failed, s.r > 0.999 AS test,
                              now() - ($5::int - s.g) * ($7::int * interval '1 day') / $5::int - (s.r * interval '2 seconds') AS at,
                              CASE WHEN s.r < 0.06 THEN 500 WHEN s.r < 0.075 THEN 503 WHEN s.r < 0.085 THEN 404 WHEN s.r < 0.10 THEN NULL ELSE 200 END AS status) t`,
      [label, accountId, endpointIds, ENDPOINTS, rows, deliveries, DAYS],
    ),
  );
  return { accountId, endpointIds };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

type PlanNode = { 'Node Type': string; 'Index Name'?: string; 'Relation Name'?: string; 'CTE Name'?: string; Plans?: PlanNode[]; 'Actual Rows'?: number; 'Rows Removed by Filter'?: number };
/** "CTE Scan ← Limit ← Index Scan using …": the top node and the page's path down to its scan. */
function planSummary(root: PlanNode): string {
  const describe = (n: PlanNode) =>
    `${n['Node Type']}${n['Index Name'] ? ` using ${n['Index Name']}` : n['Relation Name'] ? ` on ${n['Relation Name']}` : ''}` +
    (n['Rows Removed by Filter'] ? ` (${n['Rows Removed by Filter']} rows filtered out)` : '');
  const cte = (function find(n: PlanNode): PlanNode | null {
    if (n['Node Type'] === 'Limit') return n;
    for (const c of n.Plans ?? []) {
      const hit = find(c);
      if (hit) return hit;
    }
    return null;
  })(root);
  const path: string[] = [];
  for (let n: PlanNode | undefined = cte ?? undefined; n; n = n.Plans?.[0]) path.push(describe(n));
  return `top: ${describe(root)}; page: ${path.join(' → ')}`;
}

async function bench(label: string, accountId: string, q: Record<string, unknown>) {
  const query = logListQuerySchema.parse(q);
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    rows = (await listLogs(accountId, query)).rows.length;
    times.push(performance.now() - t);
  }
  const sql = logPageQuery(accountId, query, { limit: query.limit, cursor: query.cursor });
  const { rows: plan } = await pool().query<{ 'QUERY PLAN': { Plan: PlanNode; 'Execution Time': number; 'Planning Time': number }[] }>({
    text: `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql.text}`,
    values: sql.values,
  });
  const [{ Plan, 'Execution Time': exec, 'Planning Time': planning }] = plan[0]['QUERY PLAN'];
  console.log(`\n${label}\n  median ${median(times).toFixed(2)} ms over ${RUNS} runs (min ${Math.min(...times).toFixed(2)}, max ${Math.max(...times).toFixed(2)}), ${rows} rows; server: planning ${planning.toFixed(2)} ms, execution ${exec.toFixed(2)} ms`);
  console.log(`  ${planSummary(Plan)}`);
}

async function benchCall(label: string, fn: () => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  console.log(`\n${label}\n  median ${median(times).toFixed(2)} ms over ${RUNS} runs (min ${Math.min(...times).toFixed(2)}, max ${Math.max(...times).toFixed(2)})`);
}

try {
  console.log(`Seeding ${name}: ${ROWS.toLocaleString()} attempts (+ ${NEIGHBOUR_ROWS.toLocaleString()} of a neighbour account) over ${DAYS} days, ${ENDPOINTS} endpoints`);
  const { accountId, endpointIds } = await seedAccount('Bench', ROWS);
  await seedAccount('Neighbour', NEIGHBOUR_ROWS);
  // What autovacuum does to an insert-only table: statistics, and the visibility map for index-only scans.
  await timed('VACUUM (ANALYZE)', () => pool().query('VACUUM (ANALYZE)'));
  const { rows: stats } = await pool().query<{ failed: string; total: string }>(
    `SELECT count(*) FILTER (WHERE NOT success AND NOT is_test) AS failed, count(*) AS total FROM attempts WHERE account_id = $1`,
    [accountId],
  );
  console.log(`  ${Number(stats[0].total).toLocaleString()} attempts, ${Number(stats[0].failed).toLocaleString()} failed delivery attempts`);

  await bench('1. First page, failed only, no filter (limit 50)', accountId, {});
  await bench('2. Status 5xx + one endpoint (limit 50)', accountId, { status: '5xx', endpointId: endpointIds[7] });
  const deep = Math.min(50_000, Number(stats[0].failed) - 100);
  const { rows: at } = await pool().query<{ id: string; started_at: Date }>(
    `SELECT id::text, started_at FROM attempts WHERE account_id = $1 AND NOT success AND NOT is_test ORDER BY started_at DESC, id DESC OFFSET $2 LIMIT 1`,
    [accountId, deep - 1],
  );
  const cursor = encodeCursor({ t: at[0].started_at.toISOString(), id: at[0].id });
  await bench(`3. Deep page via cursor (after failed row ${deep.toLocaleString()})`, accountId, { cursor });
  await bench('4. All attempts, first page (limit 50)', accountId, { all: 'true' });
  await bench('5. Exact code 404 + last 7 days', accountId, { status: '404', from: new Date(Date.now() - 7 * 86_400_000).toISOString() });
  await bench('6. Text search "upstream" (matches every HTTP failure)', accountId, { q: 'upstream' });
  await bench('7. Text search with no match (scans every failed attempt of the account)', accountId, { q: 'no-such-text' });
  await benchCall('8. Chart, last 24 h (hourly)', () => logChart(accountId, logFilterSchema.parse({})));
  await benchCall('9. Chart, 30 days (daily)', () => logChart(accountId, logFilterSchema.parse({ from: new Date(Date.now() - 30 * 86_400_000).toISOString() })));
} finally {
  await closeDb();
  if (!process.env.BENCH_KEEP_DB) await dropDatabase(name);
}
