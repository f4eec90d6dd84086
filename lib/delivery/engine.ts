// The delivery engine: the only code that claims and sends. PostgreSQL is the queue.
//
// The unit of work is an endpoint. A worker claims due endpoints with FOR NO KEY UPDATE SKIP LOCKED and
// takes a lease (lease_until): while it holds the lease no other worker touches that endpoint, so
// deliveries of one endpoint go strictly in seq order and only the oldest undelivered one is ever in
// flight, while different endpoints proceed in parallel on any number of workers. A worker that dies
// mid-request simply lets its lease expire; the head delivery is then retried by another worker
// (at-least-once; webhook-id is the receiver's dedupe key).
//
// Holding the lease, the worker (1) batches queued activities into deliveries, (2) sends the head
// delivery, and on 2xx goes on with the next one, within a time budget; on failure it logs the
// attempt, schedules the retry (1, 2, 4 … 32 units, then every 60) and lets go.
import type pg from 'pg';
import { pool } from '@/lib/db/pool';
import { config } from '@/lib/config';
import { defaultTimeoutMs, sendRequest, type OutboundResult } from '@/lib/http/outbound';
import { buildDeliveryRequest, type EndpointTarget } from './request';
import { maskHeaders } from '@/lib/http/mask';
import { retryDelayMs } from './backoff';

export type EngineStats = { claimed: number; formed: number; delivered: number; failed: number };
export const emptyStats = (): EngineStats => ({ claimed: 0, formed: 0, delivered: 0, failed: 0 });

type EndpointRow = EndpointTarget & {
  id: string;
  account_id: string;
  active: boolean;
  format: 'array' | 'object';
  work_version: string;
};
type HeadRow = { id: string; seq: string; body: string; attempts: number };

const ENDPOINT_COLUMNS = `id, account_id, active, format, url, work_version,
  auth_login AS "authLogin", auth_password_enc AS "authPasswordEnc", headers,
  signing_secret_enc AS "signingSecretEnc", previous_secrets AS "previousSecrets"`;

/** Claims up to `limit` due endpoints for `owner`; returns their ids. */
export async function claimEndpoints(limit: number, owner: string): Promise<string[]> {
  const { rows } = await pool().query<{ id: string }>(
    `UPDATE endpoints SET lease_until = now() + $2 * interval '1 millisecond', lease_owner = $3
      WHERE id IN (
        SELECT id FROM endpoints
         WHERE active AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
         ORDER BY next_attempt_at
         LIMIT $1
         FOR NO KEY UPDATE SKIP LOCKED)
      RETURNING id`,
    [limit, config().HOOKLINE_LEASE_MS, owner],
  );
  return rows.map((r) => r.id);
}

/** Turns queued activities into deliveries (≤ batch size and bytes; `object` endpoints: one each).
 *  A partial batch waits for the linger; returns when it is due. */
async function formDeliveries(ep: EndpointRow): Promise<{ formed: number; waitUntil: Date | null }> {
  const { HOOKLINE_BATCH_MAX_ACTIVITIES: maxCount, HOOKLINE_BATCH_MAX_BYTES: maxBytes, HOOKLINE_BATCH_LINGER_MS: linger } = config();
  const perDelivery = ep.format === 'object' ? 1 : maxCount;
  const client = await pool().connect();
  try {
    await client.query('BEGIN');
    const seqRow = await client.query<{ next_seq: string }>('SELECT next_seq FROM endpoints WHERE id = $1 FOR NO KEY UPDATE', [ep.id]);
    if (seqRow.rows.length === 0) {
      await client.query('ROLLBACK');
      return { formed: 0, waitUntil: null };
    }
    const { rows } = await client.query<{ id: string; created_at: Date; payload: string }>(
      `SELECT q.id, q.created_at, COALESCE(q.payload, a.payload::text) AS payload
         FROM queue_items q LEFT JOIN activities a ON a.id = q.activity_id
        WHERE q.endpoint_id = $1 ORDER BY q.id LIMIT $2`,
      [ep.id, ep.format === 'object' ? 100 : perDelivery * 3],
    );
    const chunks: { ids: string[]; payloads: string[]; bytes: number; oldest: number }[] = [];
    for (const r of rows) {
      let chunk = chunks.at(-1);
      const size = Buffer.byteLength(r.payload) + 1;
      if (!chunk || chunk.ids.length >= perDelivery || chunk.bytes + size > maxBytes) {
        chunk = { ids: [], payloads: [], bytes: 2, oldest: r.created_at.getTime() };
        chunks.push(chunk);
      }
      chunk.ids.push(r.id);
      chunk.payloads.push(r.payload);
      chunk.bytes += size;
      chunk.oldest = Math.min(chunk.oldest, r.created_at.getTime());
    }
    // A last array batch that is neither full nor old enough waits for more activities.
    let waitUntil: Date | null = null;
    const last = chunks.at(-1);
    if (ep.format === 'array' && last && last.ids.length < perDelivery && last.bytes < maxBytes / 2 && last.oldest + linger > Date.now()) {
      waitUntil = new Date(last.oldest + linger);
      chunks.pop();
    }
    if (chunks.length > 0) {
      const first = BigInt(seqRow.rows[0].next_seq);
      const bodies = chunks.map((c) => (ep.format === 'object' ? c.payloads[0] : `[${c.payloads.join(',')}]`));
      await client.query(
        `INSERT INTO deliveries (account_id, endpoint_id, seq, body, activity_count)
         SELECT $1, $2, t.seq, t.body, t.n FROM unnest($3::bigint[], $4::text[], $5::int[]) AS t(seq, body, n)`,
        [ep.account_id, ep.id, chunks.map((_, i) => String(first + BigInt(i))), bodies, chunks.map((c) => c.ids.length)],
      );
      await client.query('DELETE FROM queue_items WHERE id = ANY($1::bigint[])', [chunks.flatMap((c) => c.ids)]);
      await client.query('UPDATE endpoints SET next_seq = next_seq + $2 WHERE id = $1', [ep.id, chunks.length]);
    }
    await client.query('COMMIT');
    return { formed: chunks.length, waitUntil };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

function attemptValues(ep: EndpointRow, head: HeadRow, req: ReturnType<typeof buildDeliveryRequest>, res: OutboundResult, startedAt: Date) {
  return [
    ep.account_id,
    ep.id,
    head.id,
    head.attempts + 1,
    startedAt,
    Math.round(res.durationMs),
    res.ok,
    req.method,
    req.url,
    JSON.stringify(maskHeaders(req.headers)),
    res.status,
    res.status === null ? null : JSON.stringify(res.headers),
    res.status === null ? null : res.body,
    res.error?.kind ?? null,
    res.error?.message ?? (res.ok ? null : `HTTP ${res.status}`),
  ];
}

const INSERT_ATTEMPT = `INSERT INTO attempts (account_id, endpoint_id, delivery_id, attempt_no, started_at, duration_ms, success,
    request_method, request_url, request_headers, response_status, response_headers, response_body, error_kind, error)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12::jsonb, $13, $14, $15)`;

/** Records a run of successful sends in one statement: each delivery marked delivered, each attempt
 *  logged, the endpoint unblocked. Batched because one round trip per request would cap throughput;
 *  a crash before the flush only means those deliveries are sent again (same webhook-id). */
async function recordSuccesses(c: pg.Pool, ep: EndpointRow, rows: unknown[][]) {
  if (rows.length === 0) return;
  const col = (i: number) => rows.map((r) => r[i]);
  await c.query(
    `WITH x AS (
       SELECT * FROM unnest($3::uuid[], $4::int[], $5::timestamptz[], $6::int[], $7::text[], $8::text[], $9::jsonb[], $10::int[], $11::jsonb[], $12::text[])
         AS x(delivery_id, attempt_no, started_at, duration_ms, method, url, req_headers, status, res_headers, res_body)),
     d AS (UPDATE deliveries SET status = 'delivered', delivered_at = now(), attempts = x.attempt_no, last_status = x.status, last_error = NULL
             FROM x WHERE deliveries.id = x.delivery_id AND deliveries.status = 'pending'),
     e AS (UPDATE endpoints SET last_success_at = now(), blocked_since = NULL WHERE id = $2)
     INSERT INTO attempts (account_id, endpoint_id, delivery_id, attempt_no, started_at, duration_ms, success,
                           request_method, request_url, request_headers, response_status, response_headers, response_body)
     SELECT $1, $2, x.delivery_id, x.attempt_no, x.started_at, x.duration_ms, true, x.method, x.url, x.req_headers, x.status, x.res_headers, x.res_body FROM x`,
    [ep.account_id, ep.id, col(2), col(3), col(4), col(5), col(7), col(8), col(9), col(10), col(11), col(12)],
  );
}

async function recordFailure(c: pg.Pool, values: unknown[], owner: string, retryAt: Date) {
  await c.query(
    `WITH d AS (UPDATE deliveries SET attempts = attempts + 1, last_status = $11, last_error = $15 WHERE id = $3),
          e AS (UPDATE endpoints SET next_attempt_at = $17, blocked_since = COALESCE(blocked_since, now()), lease_until = NULL, lease_owner = NULL
                 WHERE id = $2 AND lease_owner = $16)
     ${INSERT_ATTEMPT}`,
    [...values, owner, retryAt],
  );
}

/** Gives the endpoint back. Going idle (nextAttemptAt null) only if no ingest touched it meanwhile. */
async function release(ep: EndpointRow, owner: string, nextAttemptAt: Date | null, expectVersion?: string): Promise<boolean> {
  const { rowCount } = await pool().query(
    `UPDATE endpoints SET lease_until = NULL, lease_owner = NULL, next_attempt_at = $3
      WHERE id = $1 AND lease_owner = $2 AND ($4::bigint IS NULL OR work_version = $4)`,
    [ep.id, owner, nextAttemptAt, expectVersion ?? null],
  );
  return rowCount === 1;
}

/** Works one claimed endpoint until it is drained, fails, or the budget is spent. An unexpected error
 *  gives the endpoint back with a short backoff instead of holding it until the lease expires. */
export async function processEndpoint(endpointId: string, owner: string, stats: EngineStats, budgetMs = config().HOOKLINE_CLAIM_BUDGET_MS): Promise<void> {
  try {
    await work(endpointId, owner, stats, budgetMs);
  } catch (err) {
    if ((err as { code?: string }).code === '23503') return; // the endpoint was deleted while we were sending
    await pool()
      .query(`UPDATE endpoints SET lease_until = NULL, lease_owner = NULL, next_attempt_at = now() + $3 * interval '1 millisecond' WHERE id = $1 AND lease_owner = $2`, [
        endpointId,
        owner,
        config().HOOKLINE_RETRY_UNIT_MS,
      ])
      .catch(() => undefined);
    throw err;
  }
}

async function work(endpointId: string, owner: string, stats: EngineStats, budgetMs: number): Promise<void> {
  const { HOOKLINE_LEASE_MS: leaseMs, HOOKLINE_RETRY_UNIT_MS: unitMs } = config();
  const sendMs = defaultTimeoutMs();
  const deadline = Date.now() + budgetMs;
  const p = pool();
  for (;;) {
    // Renew the lease while reading the endpoint; a lease that ran out (another worker may hold the
    // endpoint now) ends this run.
    const { rows } = await p.query<EndpointRow>(
      `UPDATE endpoints SET lease_until = now() + $3 * interval '1 millisecond'
        WHERE id = $1 AND lease_owner = $2 AND lease_until > now() RETURNING ${ENDPOINT_COLUMNS}`,
      [endpointId, owner, leaseMs],
    );
    const ep = rows[0];
    if (!ep) return; // deleted, or the lease was lost
    const leaseEnds = Date.now() + leaseMs;
    if (!ep.active) {
      await release(ep, owner, null, ep.work_version);
      return; // deactivated: the queue is held
    }
    const heads = await p.query<HeadRow>(
      // Bodies in memory are bounded: a few array batches (up to HOOKLINE_BATCH_MAX_BYTES each), more small objects.
      `SELECT id, seq::text AS seq, body, attempts FROM deliveries d WHERE endpoint_id = $1 AND status = 'pending' ORDER BY d.seq LIMIT $2`,
      [ep.id, ep.format === 'object' ? 25 : 4],
    );
    if (heads.rows.length === 0) {
      const { formed, waitUntil } = await formDeliveries(ep);
      stats.formed += formed;
      if (formed > 0) continue;
      if (await release(ep, owner, waitUntil, ep.work_version)) return;
      continue; // new activities arrived meanwhile
    }
    // Send the heads in order; successes are recorded together before the next read of the queue.
    const delivered: unknown[][] = [];
    for (const head of heads.rows) {
      // Renew the lease before a send could outlive it (when the lease is long enough to matter).
      if (leaseMs > sendMs + 1000 && Date.now() + sendMs + 1000 > leaseEnds) break;
      const req = buildDeliveryRequest(ep, { webhookId: `msg_${head.id}`, body: head.body });
      const startedAt = new Date();
      const res = await sendRequest(req);
      const values = attemptValues(ep, head, req, res, startedAt);
      if (res.ok) {
        delivered.push(values);
        stats.delivered++;
      } else {
        await recordSuccesses(p, ep, delivered.splice(0));
        const delay = retryDelayMs({ failures: head.attempts + 1, status: res.status, retryAfter: res.headers['retry-after'] }, unitMs);
        await recordFailure(p, values, owner, new Date(Date.now() + delay));
        stats.failed++;
        return;
      }
      if (Date.now() >= deadline) {
        await recordSuccesses(p, ep, delivered.splice(0));
        await release(ep, owner, new Date());
        return;
      }
    }
    await recordSuccesses(p, ep, delivered.splice(0));
  }
}

/** Claims and works due endpoints until none is due or the budget is spent (the cron entry point). */
export async function deliverDue({ budgetMs, owner, concurrency = config().HOOKLINE_WORKER_CONCURRENCY }: { budgetMs: number; owner: string; concurrency?: number }): Promise<EngineStats> {
  const stats = emptyStats();
  const deadline = Date.now() + budgetMs;
  while (Date.now() < deadline) {
    const ids = await claimEndpoints(concurrency, owner);
    if (ids.length === 0) break;
    stats.claimed += ids.length;
    // One endpoint's error must not stop the others (it was given back with a backoff).
    const results = await Promise.allSettled(ids.map((id) => processEndpoint(id, owner, stats, Math.max(0, deadline - Date.now()))));
    for (const r of results) if (r.status === 'rejected') console.error('[delivery]', (r.reason as Error).message);
  }
  return stats;
}
