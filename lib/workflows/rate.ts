// How fast and how wide workflow runs may call one request webhook, across every worker: at most
// `rate_limit` requests in any 1-second window (sliding, not calendar seconds) and at most
// `max_concurrency` at once. Tokens in PostgreSQL (workflow_webhook_tokens): a send takes one free
// `rate` token and one free `busy` token in one statement (FOR UPDATE SKIP LOCKED, so workers never
// wait on each other); after the answer the busy token is free at once and the rate token 1 s later.
// A rate token is reused only 1 s after the answer of the request it carried, and that request arrived
// before its answer: so two requests on the same token arrive ≥ 1 s apart, and any second holds at most
// one request per token. A worker that dies mid-request leaves its tokens held until the hold (the
// request timeout + 1 s) runs out.
import { pool } from '@/lib/db/pool';

export type WebhookLimits = { id: string; rateLimit: number | null; maxConcurrency: number };
/** Tokens taken for one request: their numbers, and the `free_at` the take set (held until then). A
 *  release frees them only while they still carry that value: a token whose hold ran out and that
 *  another request took since is not ours to free. */
export type Grant = { webhookId: string; rate: number | null; busy: number; until: string };

const ensured = new Map<string, string>();

/** Creates the webhook's missing tokens (once per process per limit). */
export async function ensureTokens(w: WebhookLimits): Promise<void> {
  const key = `${w.rateLimit}:${w.maxConcurrency}`;
  if (ensured.get(w.id) === key) return;
  await pool().query(
    `INSERT INTO workflow_webhook_tokens (webhook_id, kind, n, free_at)
     SELECT $1::uuid, 'rate', g, now() FROM generate_series(0, coalesce($2::int, 0) - 1) g
     UNION ALL SELECT $1::uuid, 'busy', g, now() FROM generate_series(0, $3::int - 1) g
     ON CONFLICT DO NOTHING`,
    [w.id, w.rateLimit, w.maxConcurrency],
  );
  ensured.set(w.id, key);
}

/** Whether this process has created the webhook's tokens for these limits already. */
export const tokensEnsured = (w: WebhookLimits) => ensured.get(w.id) === `${w.rateLimit}:${w.maxConcurrency}`;

/**
 * The token-taking CTEs (SQL expressions for the webhook id, its rate limit, its concurrency cap, the
 * hold in ms, how many requests want tokens, and a condition): `tok(rn, bn)` holds the pairs taken —
 * a rate token (when the rate limit is not null) and a busy token each, up to `count` pairs — held
 * until `h.until`; `taken(kind, n)` the tokens. Used by the engine's one statement that reads a
 * webhook and takes the tokens of all runs in flight that call it.
 */
export function takeTokensSql({ id, rate, busy, hold, count = '1', when = 'true' }: { id: string; rate: string; busy: string; hold: string; count?: string; when?: string }): string {
  return `h AS (SELECT clock_timestamp() + ${hold} * interval '1 millisecond' AS until),
     tr AS (SELECT n FROM workflow_webhook_tokens WHERE webhook_id = ${id} AND kind = 'rate' AND n < ${rate} AND free_at <= clock_timestamp() AND ${when}
                 ORDER BY free_at, n LIMIT ${count} FOR UPDATE SKIP LOCKED),
     tb AS (SELECT n FROM workflow_webhook_tokens WHERE webhook_id = ${id} AND kind = 'busy' AND n < ${busy} AND free_at <= clock_timestamp() AND ${when}
                 ORDER BY n LIMIT ${count} FOR UPDATE SKIP LOCKED),
     tok AS MATERIALIZED (SELECT r.n AS rn, b.n AS bn
              FROM (SELECT n, row_number() OVER (ORDER BY n) AS i FROM tb) b
              LEFT JOIN (SELECT n, row_number() OVER (ORDER BY n) AS i FROM tr) r ON r.i = b.i
             WHERE ${rate} IS NULL OR r.n IS NOT NULL),
     taken AS (UPDATE workflow_webhook_tokens t SET free_at = (SELECT until FROM h)
                 FROM tok WHERE t.webhook_id = ${id} AND ((t.kind = 'rate' AND t.n = tok.rn) OR (t.kind = 'busy' AND t.n = tok.bn))
               RETURNING t.kind, t.n, t.free_at)`;
}

/**
 * When to look again after no token was free. A rate token cooling down is free at its `free_at` (its
 * answer + 1 s); one held by a request in flight is free no sooner than 1 s from now, but its
 * `free_at` is only the hold's end (the request's timeout): so look again at the first `free_at`, and
 * in 1 s at the latest. Only the concurrency cap reached: shortly. (A token that another worker's
 * statement is taking at this very moment still reads as free: those runs look again shortly, and
 * then see it held.)
 */
export function retryAtOf(rateLimit: number | null, nextRateFree: Date | null): Date {
  const now = Date.now();
  if (rateLimit !== null && nextRateFree && nextRateFree.getTime() > now) return new Date(Math.min(nextRateFree.getTime(), now + 1000));
  return new Date(now + 20);
}

/** SQL: this instant as free_at can hold it. The column keeps milliseconds, and storing
 *  clock_timestamp() rounds it, up to half a millisecond into the future: a token freed "now" would
 *  not yet read as free to a statement starting right after. Truncated, it never lies ahead. */
const FREE_NOW = `date_trunc('milliseconds', clock_timestamp())`;

/** SQL: a released token's `free_at` — a busy token at once, a rate token 1 s after the answer. */
export const RELEASED = `CASE kind WHEN 'rate' THEN clock_timestamp() + interval '1 second' ELSE ${FREE_NOW} END`;

/** Tokens taken for a request that was not sent after all: both free again at once (if still ours). */
export async function giveBack(g: Grant): Promise<void> {
  await pool().query(
    `UPDATE workflow_webhook_tokens SET free_at = ${FREE_NOW}
      WHERE webhook_id = $1 AND ((kind = 'rate' AND n = $2::int) OR (kind = 'busy' AND n = $3::int)) AND free_at = $4::timestamptz`,
    [g.webhookId, g.rate, g.busy, g.until],
  );
}

/** The request was answered (or failed): the busy token is free now, the rate token in 1 s (if still ours). */
export async function release(g: Grant): Promise<void> {
  await pool().query(`UPDATE workflow_webhook_tokens SET free_at = ${RELEASED} WHERE webhook_id = $1 AND ((kind = 'rate' AND n = $2::int) OR (kind = 'busy' AND n = $3::int)) AND free_at = $4::timestamptz`, [
    g.webhookId,
    g.rate,
    g.busy,
    g.until,
  ]);
}

/** A 429 with Retry-After: no run sends to the webhook before `until`. */
export async function throttle(webhookId: string, until: Date): Promise<void> {
  await pool().query(`UPDATE request_webhooks SET throttled_until = GREATEST(coalesce(throttled_until, $2), $2) WHERE id = $1`, [webhookId, until]);
}
