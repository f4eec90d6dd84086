// Audit → Webhook logs, the read side: every HTTP attempt (deliveries and tests) of an account, newest
// first, keyset-paginated; one attempt in full; attempts per hour for the chart. Raw SQL, every query
// scoped by account_id (the log is the hottest table: see lib/logs/query.ts for the index plan).
import { pool } from '@/lib/db';
import { notFound } from '@/lib/http/errors';
import { logWhere } from './query';
import { BIGINT_ID, decodeCursor, encodeCursor } from '@/lib/http/cursor';
import type { ChartBucket, EndpointKindName, LogChart, LogDetail, LogFilter, LogListQuery, LogPage, LogRow } from './schema';

type RowRecord = {
  id: string;
  started_at: Date;
  endpoint_id: string;
  endpoint_name: string;
  kind: EndpointKindName;
  endpoint_deleted: boolean;
  response_status: number | null;
  error_kind: string | null;
  error: string | null;
  response_snippet: string | null;
  attempt_no: number;
  is_test: boolean;
  success: boolean;
  duration_ms: number;
  delivery_status: 'pending' | 'delivered' | null;
  workflow_run_id: string | null;
  payload?: string | null;
};

const SNIPPET_CHARS = 300;

/** The webhook's live name and kind, or those copied into its attempts when it was deleted (LEFT JOIN
 *  endpoints e); a workflow run's request shows its request webhook's name (LEFT JOIN request_webhooks rw). */
const ENDPOINT_COLUMNS = (a: string) =>
  `coalesce(e.name, rw.name, ${a}.endpoint_name, 'Deleted webhook') AS endpoint_name,
   coalesce(e.kind, CASE WHEN ${a}.workflow_run_id IS NOT NULL THEN 'workflow' END, ${a}.endpoint_kind, 'export') AS kind,
   (e.id IS NULL AND (rw.id IS NULL OR rw.deleted_at IS NOT NULL)) AS endpoint_deleted, ${a}.workflow_run_id`;
const REQUEST_WEBHOOK_JOIN = (a: string, account: string) =>
  `LEFT JOIN request_webhooks rw ON ${a}.workflow_run_id IS NOT NULL AND rw.id = ${a}.endpoint_id AND rw.account_id = ${account}`;

function toRow(r: RowRecord): LogRow {
  return {
    id: r.id,
    startedAt: r.started_at.toISOString(),
    endpointId: r.endpoint_id,
    endpointName: r.endpoint_name,
    kind: r.kind,
    endpointDeleted: r.endpoint_deleted,
    responseStatus: r.response_status,
    errorKind: r.error_kind,
    error: r.error,
    responseSnippet: r.response_snippet || null,
    attemptNo: r.attempt_no,
    isTest: r.is_test,
    success: r.success,
    durationMs: r.duration_ms,
    deliveryStatus: r.is_test ? null : r.delivery_status,
    workflowRunId: r.workflow_run_id,
  };
}

type PageOptions = { limit: number; cursor?: string | null; snippetChars?: number; payloadChars?: number };

/**
 * The SQL of one page of attempts in (started_at desc, id desc) order after `cursor`. The page is
 * chosen on the attempts table alone (materialized, so the planner walks an index and stops at the
 * limit); names and delivery states are joined to those rows only. `payloadChars` adds the request
 * body (CSV). Exported for scripts/bench-logs.ts, which EXPLAINs it.
 */
export function logPageQuery(accountId: string, f: Partial<LogFilter>, { limit, cursor, snippetChars = SNIPPET_CHARS, payloadChars = 0 }: PageOptions) {
  const where = logWhere(accountId, f, 'list');
  const params = [...where.params];
  const add = (v: unknown) => `$${params.push(v)}`;
  let keyset = '';
  if (cursor) {
    const c = decodeCursor(cursor, BIGINT_ID);
    keyset = ` AND (a.started_at, a.id) < (${add(new Date(c.t))}::timestamptz, ${add(c.id)}::bigint)`;
  }
  const withPayload = payloadChars > 0;
  const payloadParam = withPayload ? add(payloadChars) : '';
  const text = `WITH page AS MATERIALIZED (
       SELECT a.id, a.started_at, a.endpoint_id, a.endpoint_name, a.endpoint_kind, a.delivery_id, a.workflow_run_id, a.response_status, a.error_kind, a.error,
              left(a.response_body, ${add(snippetChars)}) AS response_snippet, a.attempt_no, a.is_test, a.success, a.duration_ms
              ${withPayload ? `, left(a.request_body, ${payloadParam}) AS request_body` : ''}
         FROM attempts a
        WHERE ${where.sql}${keyset}
        ORDER BY a.started_at DESC, a.id DESC
        LIMIT ${add(limit + 1)})
     SELECT p.id::text, p.started_at, p.endpoint_id, ${ENDPOINT_COLUMNS('p')}, p.response_status, p.error_kind, p.error,
            p.response_snippet, p.attempt_no, p.is_test, p.success, p.duration_ms, d.status AS delivery_status
            ${withPayload ? `, coalesce(p.request_body, left(delivery_body(d.body, d.activity_ids), ${payloadParam})) AS payload` : ''}
       FROM page p
       LEFT JOIN endpoints e ON e.id = p.endpoint_id AND e.account_id = $1
       ${REQUEST_WEBHOOK_JOIN('p', '$1')}
       LEFT JOIN deliveries d ON d.id = p.delivery_id AND d.account_id = $1
      ORDER BY p.started_at DESC, p.id DESC`;
  return { text, values: params };
}

export async function queryLogPage(accountId: string, f: Partial<LogFilter>, options: PageOptions): Promise<{ rows: (LogRow & { payload?: string | null })[]; nextCursor: string | null }> {
  const { rows } = await pool().query<RowRecord>(logPageQuery(accountId, f, options));
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    rows: page.map((r) => (options.payloadChars ? { ...toRow(r), payload: r.payload ?? null } : toRow(r))),
    nextCursor: rows.length > options.limit && last ? encodeCursor({ t: last.started_at.toISOString(), id: last.id }) : null,
  };
}

export async function listLogs(accountId: string, q: LogListQuery): Promise<LogPage> {
  return queryLogPage(accountId, q, { limit: q.limit, cursor: q.cursor });
}

const ATTEMPT_ID = /^\d{1,18}$/;

export async function getLog(accountId: string, id: string): Promise<LogDetail> {
  if (!ATTEMPT_ID.test(id)) throw notFound('Log entry');
  const { rows } = await pool().query<
    RowRecord & {
      delivery_id: string | null;
      request_method: string;
      request_url: string;
      request_headers: Record<string, string>;
      request_body: string | null;
      response_headers: Record<string, string> | null;
      response_body: string | null;
    }
  >(
    `SELECT a.id::text, a.started_at, a.endpoint_id, ${ENDPOINT_COLUMNS('a')}, a.response_status, a.error_kind, a.error,
            left(a.response_body, $3) AS response_snippet, a.attempt_no, a.is_test, a.success, a.duration_ms, d.status AS delivery_status,
            a.delivery_id, a.request_method, a.request_url, a.request_headers, coalesce(a.request_body, delivery_body(d.body, d.activity_ids)) AS request_body,
            a.response_headers, a.response_body
       FROM attempts a
       LEFT JOIN endpoints e ON e.id = a.endpoint_id AND e.account_id = $2
       ${REQUEST_WEBHOOK_JOIN('a', '$2')}
       LEFT JOIN deliveries d ON d.id = a.delivery_id AND d.account_id = $2
      WHERE a.id = $1 AND a.account_id = $2`,
    [id, accountId, SNIPPET_CHARS],
  );
  const r = rows[0];
  if (!r) throw notFound('Log entry');
  return {
    ...toRow(r),
    deliveryId: r.delivery_id,
    request: { method: r.request_method, url: r.request_url, headers: r.request_headers ?? {}, body: r.request_body },
    response: r.response_status === null ? null : { status: r.response_status, headers: r.response_headers ?? {}, body: r.response_body ?? '' },
  };
}

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
/** The chart spans at most this much (the end of the range is kept). */
export const CHART_MAX_RANGE_MS = 92 * DAY;
/** Ranges up to a week are drawn per hour, longer ones per day. */
const HOURLY_UP_TO_MS = 7 * DAY;

/** Successes and failures per hour (or per day, for ranges over a week) in the filter's range (default: the last 24 hours). */
export async function logChart(accountId: string, f: LogFilter, now = new Date()): Promise<LogChart> {
  const to = f.to ? new Date(f.to) : now;
  let from = f.from ? new Date(f.from) : new Date(to.getTime() - DAY);
  if (to.getTime() - from.getTime() > CHART_MAX_RANGE_MS) from = new Date(to.getTime() - CHART_MAX_RANGE_MS);
  const bucket: ChartBucket = to.getTime() - from.getTime() <= HOURLY_UP_TO_MS ? 'hour' : 'day';
  const step = bucket === 'hour' ? HOUR : DAY;
  const where = logWhere(accountId, { ...f, from: from.toISOString(), to: to.toISOString() }, 'outcomes');
  const { rows } = await pool().query<{ t: Date; success: number; failure: number }>(
    `SELECT date_bin($${where.params.length + 1}::interval, a.started_at, timestamptz '2000-01-01T00:00:00Z') AS t,
            count(*) FILTER (WHERE a.success)::int AS success, count(*) FILTER (WHERE NOT a.success)::int AS failure
       FROM attempts a WHERE ${where.sql}
      GROUP BY 1 ORDER BY 1`,
    [...where.params, bucket === 'hour' ? '1 hour' : '1 day'],
  );
  const counts = new Map(rows.map((r) => [r.t.getTime(), r]));
  const points: LogChart['points'] = [];
  for (let t = Math.floor(from.getTime() / step) * step; t < to.getTime(); t += step) {
    const c = counts.get(t);
    points.push({ t: new Date(t).toISOString(), success: c?.success ?? 0, failure: c?.failure ?? 0 });
  }
  return { from: from.toISOString(), to: to.toISOString(), bucket, points };
}
