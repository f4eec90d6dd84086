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
export type Grant = { webhookId: string; rate: number | null; busy: number };

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
 * a rate token (when the rate limit is not null) and a busy token each, up to `count` pairs — and
 * `taken(kind, n)` the tokens. Shared by acquire() and the engine's one statement that reads a
 * webhook and takes the tokens of all runs in flight that call it.
 */
export function takeTokensSql({ id, rate, busy, hold, count = '1', when = 'true' }: { id: string; rate: string; busy: string; hold: string; count?: string; when?: string }): string {
  return `tr AS (SELECT n FROM workflow_webhook_tokens WHERE webhook_id = ${id} AND kind = 'rate' AND n < ${rate} AND free_at <= clock_timestamp() AND ${when}
                 ORDER BY free_at, n LIMIT ${count} FOR UPDATE SKIP LOCKED),
     tb AS (SELECT n FROM workflow_webhook_tokens WHERE webhook_id = ${id} AND kind = 'busy' AND n < ${busy} AND free_at <= clock_timestamp() AND ${when}
                 ORDER BY n LIMIT ${count} FOR UPDATE SKIP LOCKED),
     tok AS MATERIALIZED (SELECT r.n AS rn, b.n AS bn
              FROM (SELECT n, row_number() OVER (ORDER BY n) AS i FROM tb) b
              LEFT JOIN (SELECT n, row_number() OVER (ORDER BY n) AS i FROM tr) r ON r.i = b.i
             WHERE ${rate} IS NULL OR r.n IS NOT NULL),
     taken AS (UPDATE workflow_webhook_tokens t SET free_at = clock_timestamp() + ${hold} * interval '1 millisecond'
                 FROM tok WHERE t.webhook_id = ${id} AND ((t.kind = 'rate' AND t.n = tok.rn) OR (t.kind = 'busy' AND t.n = tok.bn))
               RETURNING t.kind, t.n)`;
}

/**
 * When to look again after no token was free. A rate token cooling down is free at its `free_at` (its
 * answer + 1 s); one held by a request in flight is free no sooner than 1 s from now, but its
 * `free_at` is only the hold's end (the request's timeout): so look again at the first `free_at`, and
 * in 1 s at the latest. Only the concurrency cap reached: shortly.
 */
export function retryAtOf(rateLimit: number | null, nextRateFree: Date | null): Date {
  const now = Date.now();
  if (rateLimit !== null && nextRateFree && nextRateFree.getTime() > now) return new Date(Math.min(nextRateFree.getTime(), now + 1000));
  return new Date(now + 20);
}

/**
 * Takes a token of each kind for one request held up to `holdMs` (its timeout), or answers when to
 * look again: when the first rate token frees up, or shortly when only the concurrency cap is reached.
 */
export async function acquire(w: WebhookLimits, holdMs: number): Promise<{ grant: Grant } | { retryAt: Date }> {
  await ensureTokens(w);
  const { rows } = await pool().query<{ rn: number | null; bn: number | null; next_rate: Date | null }>(
    `WITH ${takeTokensSql({ id: '$1::uuid', rate: '$2::int', busy: '$3::int', hold: '$4::int' })}
     SELECT (SELECT n FROM taken WHERE kind = 'rate') AS rn, (SELECT n FROM taken WHERE kind = 'busy') AS bn,
            CASE WHEN $2::int IS NOT NULL THEN (SELECT min(free_at) FROM workflow_webhook_tokens WHERE webhook_id = $1 AND kind = 'rate' AND n < $2::int) END AS next_rate`,
    [w.id, w.rateLimit, w.maxConcurrency, holdMs + 1000],
  );
  const r = rows[0];
  if (r && r.bn !== null) return { grant: { webhookId: w.id, rate: r.rn, busy: r.bn } };
  return { retryAt: retryAtOf(w.rateLimit, r?.next_rate ?? null) };
}

/** Tokens taken for a request that was not sent after all: both free again at once. */
export async function giveBack(g: Grant): Promise<void> {
  await pool().query(`UPDATE workflow_webhook_tokens SET free_at = clock_timestamp() WHERE webhook_id = $1 AND ((kind = 'rate' AND n = $2::int) OR (kind = 'busy' AND n = $3::int))`, [
    g.webhookId,
    g.rate,
    g.busy,
  ]);
}

/** The request was answered (or failed): the busy token is free now, the rate token in 1 s. */
export async function release(g: Grant): Promise<void> {
  await pool().query(
    `UPDATE workflow_webhook_tokens SET free_at = CASE kind WHEN 'rate' THEN clock_timestamp() + interval '1 second' ELSE clock_timestamp() END
      WHERE webhook_id = $1 AND ((kind = 'rate' AND n = $2::int) OR (kind = 'busy' AND n = $3::int))`,
    [g.webhookId, g.rate, g.busy],
  );
}

/** A 429 with Retry-After: no run sends to the webhook before `until`. */
export async function throttle(webhookId: string, until: Date): Promise<void> {
  await pool().query(`UPDATE request_webhooks SET throttled_until = GREATEST(coalesce(throttled_until, $2), $2) WHERE id = $1`, [webhookId, until]);
}
