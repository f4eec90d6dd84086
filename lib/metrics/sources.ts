// Gauges read at scrape time, from the database (the queue, endpoints, workers) and from this process
// (the pool). Each source is one entry of METRIC_SOURCES; a domain that has something to count adds
// its own entry (workflow runs in progress by status: one count over the partial in-progress index).
//
// Every query here must stay cheap at a million queued items: no scan of deliveries, attempts,
// activities or queue_ranges. They walk the endpoints (a small table) and probe one index entry per
// endpoint; the waiting activities are summed exactly up to QUEUE_EXACT_LIMIT ranges and estimated
// above (tests/metrics/queue-plan.test.ts checks the plans).
import { pool } from '@/lib/db/pool';
import { WORKER_ALIVE_SECONDS } from '@/lib/delivery/heartbeat';

export type Sample = { labels?: Record<string, string>; value: number };
/** One scrape: sources that share a query run it once through `once`; `pool` is this process's pool as
 *  it was when the scrape began (the scrape's own queries would otherwise show up in it). */
export type Scrape = { once: <T>(key: string, fn: () => Promise<T>) => Promise<T>; pool: { total: number; idle: number; waiting: number } };
export type MetricSource = { name: string; help: string; labelNames?: string[]; collect: (scrape: Scrape) => Promise<Sample[]> | Sample[] };

export function newScrape(): Scrape {
  const memo = new Map<string, Promise<unknown>>();
  const p = pool();
  return {
    pool: { total: p.totalCount, idle: p.idleCount, waiting: p.waitingCount },
    once: <T>(key: string, fn: () => Promise<T>) => {
      if (!memo.has(key)) memo.set(key, fn());
      return memo.get(key) as Promise<T>;
    },
  };
}

/** Per endpoint kind: pending deliveries (next_seq minus the head's seq: deliveries go strictly in
 *  order, so everything from the head on is pending), failing endpoints, and the oldest waiting item of
 *  an active endpoint (the head delivery, or the first queued range). One index probe per endpoint:
 *  with delivered history in the table the planner finds the head through (endpoint_id, status, seq)
 *  (tests/metrics/queue-plan.test.ts); with only pending rows it takes the unique (endpoint_id, seq)
 *  index, whose first row is then the head (npm run bench:metrics). */
export const QUEUE_BY_KIND_SQL = `
  SELECT e.kind,
         coalesce(sum(e.next_seq - h.seq), 0)::float8 AS deliveries,
         count(*) FILTER (WHERE e.blocked_since IS NOT NULL)::int AS failing,
         extract(epoch FROM now() - min(least(h.created_at, r.created_at)) FILTER (WHERE e.active))::float8 AS oldest_age
    FROM endpoints e
    LEFT JOIN LATERAL (SELECT d.seq, d.created_at FROM deliveries d WHERE d.endpoint_id = e.id AND d.status = 'pending'
                        ORDER BY d.seq LIMIT 1) h ON true
    LEFT JOIN LATERAL (SELECT q.created_at FROM queue_ranges q WHERE q.endpoint_id = e.id ORDER BY q.id LIMIT 1) r ON true
   GROUP BY e.kind`;

/** Past this many queued ranges, the waiting activities are estimated instead of summed. */
export const QUEUE_EXACT_LIMIT = 10_000;

/** Activities queued but not yet batched into a delivery: exact over at most QUEUE_EXACT_LIMIT ranges,
 *  beyond that the planner's row estimate times the average range size of a 1 % block sample. */
export const QUEUE_ACTIVITIES_SQL = `
  WITH head AS (SELECT count(*) AS n, coalesce(sum(count), 0) AS total FROM (SELECT count FROM queue_ranges LIMIT ${QUEUE_EXACT_LIMIT + 1}) x)
  SELECT CASE WHEN head.n <= ${QUEUE_EXACT_LIMIT} THEN head.total::float8
              ELSE greatest(head.n, (SELECT reltuples FROM pg_class WHERE oid = 'queue_ranges'::regclass))::float8
                   * coalesce((SELECT avg(count) FROM queue_ranges TABLESAMPLE SYSTEM (1)), head.total::float8 / head.n) END AS activities,
         head.n > ${QUEUE_EXACT_LIMIT} AS estimated
    FROM head`;

/** Workers whose heartbeat is recent, and the endpoints each holds a live lease on. */
export const WORKERS_SQL = `
  SELECT w.id, (SELECT count(*) FROM endpoints e WHERE e.lease_owner = w.id AND e.lease_until > now())::int AS claims
    FROM workers w WHERE w.heartbeat_at > now() - interval '${WORKER_ALIVE_SECONDS} seconds'`;

/** Workflow runs in progress by status: read through the partial index workflow_runs_in_progress (only
 *  running and waiting runs are in it), never a scan of the run history (tests/metrics/queue-plan.test.ts). */
export const RUNS_IN_PROGRESS_SQL = `
  SELECT status, count(*)::int AS runs FROM workflow_runs WHERE status IN ('running', 'waiting') GROUP BY status`;

export type QueueByKind = { kind: string; deliveries: number; failing: number; oldest_age: number | null };

// One query per scrape feeds three gauges; the workers query feeds two.
const queueByKind = (s: Scrape) => s.once('queue', () => pool().query<QueueByKind>(QUEUE_BY_KIND_SQL).then((r) => r.rows));
const liveWorkers = (s: Scrape) => s.once('workers', () => pool().query<{ id: string; claims: number }>(WORKERS_SQL).then((r) => r.rows));

export const METRIC_SOURCES: MetricSource[] = [
  {
    name: 'hookline_queue_deliveries',
    help: 'Deliveries formed and waiting to be sent (pending), by endpoint kind',
    labelNames: ['kind'],
    collect: async (s) => (await queueByKind(s)).map((r) => ({ labels: { kind: r.kind }, value: r.deliveries })),
  },
  {
    name: 'hookline_queue_oldest_age_seconds',
    help: 'Age of the oldest item waiting for an active endpoint (head delivery or queued activities), by endpoint kind',
    labelNames: ['kind'],
    collect: async (s) => (await queueByKind(s)).map((r) => ({ labels: { kind: r.kind }, value: r.oldest_age ?? 0 })),
  },
  {
    name: 'hookline_endpoints_failing',
    help: 'Endpoints whose head delivery is failing (waiting for a retry), by endpoint kind',
    labelNames: ['kind'],
    collect: async (s) => (await queueByKind(s)).map((r) => ({ labels: { kind: r.kind }, value: r.failing })),
  },
  {
    name: 'hookline_queue_activities',
    help: `Activities queued and not yet batched into a delivery (estimated above ${QUEUE_EXACT_LIMIT} queued ranges)`,
    collect: async () => {
      const { rows } = await pool().query<{ activities: number }>(QUEUE_ACTIVITIES_SQL);
      return [{ value: Math.round(rows[0].activities) }];
    },
  },
  {
    name: 'hookline_workers_alive',
    help: `Delivery workers with a heartbeat in the last ${WORKER_ALIVE_SECONDS} s`,
    collect: async (s) => [{ value: (await liveWorkers(s)).length }],
  },
  {
    name: 'hookline_worker_claims',
    help: 'Endpoints each live worker holds a lease on right now',
    labelNames: ['worker'],
    collect: async (s) => (await liveWorkers(s)).map((r) => ({ labels: { worker: r.id }, value: r.claims })),
  },
  {
    name: 'hookline_workflow_runs',
    help: 'Workflow runs in progress, by status (running, waiting)',
    labelNames: ['status'],
    collect: async () => {
      const { rows } = await pool().query<{ status: string; runs: number }>(RUNS_IN_PROGRESS_SQL);
      const by = new Map(rows.map((r) => [r.status, r.runs]));
      return ['running', 'waiting'].map((status) => ({ labels: { status }, value: by.get(status) ?? 0 }));
    },
  },
  {
    name: 'hookline_db_pool_connections',
    help: "This process's database pool: total and idle connections, and queries waiting for one",
    labelNames: ['state'],
    collect: (s) => [
      { labels: { state: 'total' }, value: s.pool.total },
      { labels: { state: 'idle' }, value: s.pool.idle },
      { labels: { state: 'waiting' }, value: s.pool.waiting },
    ],
  },
];
