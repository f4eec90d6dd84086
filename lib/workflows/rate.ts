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
async function ensureTokens(w: WebhookLimits): Promise<void> {
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

/**
 * Takes a token of each kind for one request held up to `holdMs` (its timeout), or answers when to
 * look again: when the first rate token frees up, or shortly when only the concurrency cap is reached.
 */
export async function acquire(w: WebhookLimits, holdMs: number): Promise<{ grant: Grant } | { retryAt: Date }> {
  await ensureTokens(w);
  const hold = holdMs + 1000;
  const { rows } = await pool().query<{ kind: string; n: number }>(
    `WITH r AS (SELECT n FROM workflow_webhook_tokens WHERE webhook_id = $1 AND kind = 'rate' AND n < $2::int AND free_at <= clock_timestamp()
                 ORDER BY free_at, n LIMIT 1 FOR UPDATE SKIP LOCKED),
          b AS (SELECT n FROM workflow_webhook_tokens WHERE webhook_id = $1 AND kind = 'busy' AND n < $3::int AND free_at <= clock_timestamp()
                 ORDER BY n LIMIT 1 FOR UPDATE SKIP LOCKED),
          ok AS (SELECT (SELECT n FROM r) AS rn, (SELECT n FROM b) AS bn
                  WHERE ($2::int IS NULL OR EXISTS (SELECT 1 FROM r)) AND EXISTS (SELECT 1 FROM b))
     UPDATE workflow_webhook_tokens t SET free_at = clock_timestamp() + $4::int * interval '1 millisecond'
       FROM ok WHERE t.webhook_id = $1 AND ((t.kind = 'rate' AND t.n = ok.rn) OR (t.kind = 'busy' AND t.n = ok.bn))
     RETURNING t.kind, t.n`,
    [w.id, w.rateLimit, w.maxConcurrency, hold],
  );
  const busy = rows.find((r) => r.kind === 'busy');
  if (busy) return { grant: { webhookId: w.id, rate: rows.find((r) => r.kind === 'rate')?.n ?? null, busy: busy.n } };
  if (w.rateLimit !== null) {
    const next = await pool().query<{ at: Date | null }>(
      `SELECT min(free_at) AS at FROM workflow_webhook_tokens WHERE webhook_id = $1 AND kind = 'rate' AND n < $2::int`,
      [w.id, w.rateLimit],
    );
    const at = next.rows[0]?.at;
    if (at && at.getTime() > Date.now()) return { retryAt: at };
  }
  return { retryAt: new Date(Date.now() + 20) };
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
