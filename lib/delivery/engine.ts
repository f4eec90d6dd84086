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
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { lazyCommitPool, pool } from '@/lib/db/pool';
import { joinTexts, splitTextsSql } from '@/lib/db/texts';
import { activityEvent } from '@/lib/event-webhooks/payload';
import { activityTexts, type ActivityText } from './activity-texts';
import type { Activity } from '@/lib/activities/schema';
import { config } from '@/lib/config';
import { defaultTimeoutMs, sendRequest, type OutboundResult } from '@/lib/http/outbound';
import { buildDeliveryRequest, type EndpointTarget } from './request';
import { maskHeaders } from '@/lib/http/mask';
import { retryDelayMs } from './backoff';
import { logger } from '@/lib/log';
import { observeAttempt, observeFormed, observeRetry } from '@/lib/metrics';

export type EngineStats = { claimed: number; formed: number; delivered: number; failed: number };
export const emptyStats = (): EngineStats => ({ claimed: 0, formed: 0, delivered: 0, failed: 0 });

type EndpointRow = EndpointTarget & {
  id: string;
  account_id: string;
  kind: string;
  active: boolean;
  format: 'array' | 'object';
  work_version: string;
};
type HeadRow = { id: string; seq: string; body: string; attempts: number };
/** A delivery about to be sent: its body, or (just formed) the items it is joined from at send time, so
 *  a form's bodies are not all held at once. */
type Head = { id: string; seq: string; attempts: number } & ({ body: string } | { items: string[] });
/** An array batch's body: its items joined exactly as delivery_body() joins stored texts (migration
 *  20261208000000_deliveries_by_reference), so a retry sends the same bytes. */
const arrayBody = (items: string[]) => `[${items.join(',')}]`;
const bodyOf = (head: Head) => ('body' in head ? head.body : arrayBody(head.items));

/** Which endpoints a claim takes: those whose last attempt was slow, the others, or both. */
export type Lane = 'slow' | 'fast' | 'any';

/** An attempt that timed out or took at least this long puts its endpoint in the slow lane. */
export const slowAttemptMs = () => Math.min(2000, defaultTimeoutMs() / 2);
const wasSlow = (res: OutboundResult) => res.error?.kind === 'timeout' || res.durationMs >= slowAttemptMs();

/** What a run holds in memory at once: the bodies of one form (or of one read of pending deliveries),
 *  at most the bytes of this many full array batches (× HOOKLINE_BATCH_MAX_BYTES). */
const FORM_BATCHES_OF_BYTES = 4;
/** Single-object deliveries formed in one go (there is nothing to batch for `object` endpoints), within
 *  those bytes. Four statements serve this many requests. */
const OBJECTS_PER_FORM = 100;
/** Pending (retried or replayed) single objects read in one go. */
const PENDING_OBJECTS = 25;
/** Full array batches formed in one go when a backlog is waiting, within those bytes: up to sixteen
 *  small ones (100 activities of ~1 KB: ~100 KB), four of 1 MiB. Fewer forms and success records per
 *  request sent: S3's CPU (worker + PostgreSQL, peer-bench) fell ~16 % from four to eight and ~11 % more
 *  from eight to sixteen (issue 9). A crash re-sends at most the form in hand (same webhook-ids). */
const ARRAYS_PER_FORM = 16;

const ENDPOINT_COLUMNS = `id, account_id, kind, active, format, url, work_version,
  auth_login AS "authLogin", auth_password_enc AS "authPasswordEnc", headers,
  signing_secret_enc AS "signingSecretEnc", previous_secrets AS "previousSecrets"`;

/** What a claim read of each endpoint it took, for the first step of its run (no second read). */
type Claimed = { ep: EndpointRow; pending: boolean; leaseEnds: number };
const claimedRows = new Map<string, Claimed>();
const claimKey = (owner: string, id: string) => `${owner} ${id}`;

/** Claims up to `limit` endpoints that have work for `owner`: queued ranges (older than the optional
 *  linger) on an endpoint that is not waiting for a retry, or a due retry / a due "go on". The least
 *  recently worked endpoints go first, so a few busy ones cannot keep the rest waiting. The claim also
 *  reads each endpoint and whether it has pending deliveries, which its run (processEndpoint) starts from. */
export async function claimEndpoints(limit: number, owner: string, lane: Lane = 'any'): Promise<string[]> {
  const { HOOKLINE_LEASE_MS: leaseMs, HOOKLINE_BATCH_LINGER_MS: linger } = config();
  const startedAt = Date.now(); // the lease runs from the statement's now(), which is no earlier
  const { rows } = await lazyCommitPool().query<EndpointRow & { has_pending: boolean }>({
    name: 'hl_claim',
    // next_attempt_at is set (if it was not) so that, should this worker die, the endpoint is due
    // again once the lease runs out; release() puts the real value back.
    text: `UPDATE endpoints SET lease_until = now() + $2 * interval '1 millisecond', lease_owner = $3,
            next_attempt_at = COALESCE(next_attempt_at, now())
      WHERE id IN (
        SELECT e.id FROM endpoints e
         WHERE e.active AND (e.lease_until IS NULL OR e.lease_until <= now())
           AND ($5::boolean IS NULL OR e.slow = $5)
           AND (e.next_attempt_at <= now()
                -- its oldest range, by one index probe per endpoint: an IN (SELECT … FROM queue_ranges) was
                -- hashed over the whole queue on every claim, a cost that grew with the backlog
                OR (e.blocked_since IS NULL AND (SELECT q.created_at FROM queue_ranges q WHERE q.endpoint_id = e.id ORDER BY q.id LIMIT 1)
                                                 <= now() - $4 * interval '1 millisecond'))
         ORDER BY e.lease_until NULLS FIRST
         LIMIT $1
         FOR NO KEY UPDATE SKIP LOCKED)
      RETURNING ${ENDPOINT_COLUMNS},
        EXISTS (SELECT 1 FROM deliveries d WHERE d.endpoint_id = endpoints.id AND d.status = 'pending') AS has_pending`,
    values: [limit, leaseMs, owner, linger, lane === 'any' ? null : lane === 'slow'],
  });
  for (const { has_pending, ...ep } of rows) claimedRows.set(claimKey(owner, ep.id), { ep, pending: has_pending, leaseEnds: startedAt + leaseMs });
  return rows.map((r) => r.id);
}

/** One item of the form read; `act`: it is a stored activity (pos is its id), not an inline object. */
type RangeItem = { range_id: string; count: number; event_type: string | null; act: boolean; pos: string | null; item: string | null };

/**
 * Turns the oldest queued work into deliveries, built from the stored activities: array batches
 * (≤ HOOKLINE_BATCH_MAX_ACTIVITIES and ≤ HOOKLINE_BATCH_MAX_BYTES each), or up to OBJECTS_PER_FORM
 * single objects. Natural batching: a partial array batch is formed only alone (an endpoint with
 * little waiting sends what it has at once, and what arrives while it is in flight goes into the next
 * one); with a backlog, up to ARRAYS_PER_FORM FULL batches (within FORM_BATCHES_OF_BYTES) are formed at once and a partial tail is
 * left queued for arrivals to fill. Two round trips and no open transaction: a read (plus one for shared
 * activity texts the worker does not remember, activity-texts.ts), then ONE statement that takes the
 * endpoint row, checks that `owner` still holds the lease, consumes the ranges read and inserts the
 * deliveries — so a worker whose lease ran out can never form the same work twice (its statement
 * changes nothing). Returns the new deliveries, in seq order.
 */
async function formDeliveries(ep: EndpointRow, owner: string): Promise<{ heads: Head[]; progressed: boolean }> {
  const { HOOKLINE_BATCH_MAX_ACTIVITIES: maxCount, HOOKLINE_BATCH_MAX_BYTES: maxBytes, HOOKLINE_LEASE_MS: leaseMs } = config();
  const objects = ep.format === 'object';
  const want = objects ? OBJECTS_PER_FORM : maxCount * ARRAYS_PER_FORM;
  // Texts in hand at once are bounded like the bodies: a read carries at most this many (the first items
  // of a lone endpoint's queue; the rest, and shared texts, come a chunk at a time as the walk needs them).
  const textsPerRead = objects ? OBJECTS_PER_FORM : maxCount * FORM_BATCHES_OF_BYTES;
  const p = pool();
  const { rows } = await p.query<RangeItem>({
    name: 'hl_form_read',
    text: `WITH r AS (
         SELECT y.*,
                -- another active endpoint of the account may take the same activities: their texts
                -- come from the worker's memory (activity-texts.ts), else with this read
                EXISTS (SELECT 1 FROM endpoints e WHERE e.account_id = y.account_id AND e.id <> y.endpoint_id AND e.active) AS shared
           FROM (
           SELECT x.*, sum(x.count) OVER (ORDER BY x.id) - x.count AS before
             FROM (SELECT * FROM queue_ranges WHERE endpoint_id = $1 ORDER BY id LIMIT $2) x) y
          WHERE before < $2)
       SELECT r.id::text AS range_id, r.count, r.event_type, r.payload IS NULL AS act, i.pos::text AS pos,
              -- the bound on texts in hand, over all ranges (an event type's range returns activities its
              -- count leaves out, so the check inside is only a cheap first cut)
              CASE WHEN r.payload IS NULL AND row_number() OVER (ORDER BY r.id, i.pos) > $3 THEN NULL ELSE i.item END AS item
         FROM r LEFT JOIN LATERAL (
           (SELECT a.id AS pos, CASE WHEN r.shared OR r.before + row_number() OVER (ORDER BY a.id) > $3 THEN NULL ELSE a.payload::text END AS item
              FROM activities a
             WHERE r.payload IS NULL AND a.id BETWEEN r.first_activity_id AND r.last_activity_id
               AND (r.statuses IS NULL OR a.status = ANY(r.statuses))
             ORDER BY a.id LIMIT $2)
           UNION ALL
           (SELECT o.n AS pos, o.v::text AS item FROM json_array_elements(r.payload::json) WITH ORDINALITY AS o(v, n)
             WHERE r.payload IS NOT NULL AND o.n > r.skip
             ORDER BY o.n LIMIT $2)
         ) i ON true
        ORDER BY r.id, i.pos
        LIMIT $2 * 2`,
    values: [ep.id, want, textsPerRead],
  });
  // Texts of activities other endpoints take too come from the worker's memory or one more read
  // (activity-texts.ts), textsPerRead at a time, only as far as the walk gets. An endpoint alone on its
  // account got its first textsPerRead texts with the read above (nothing to share, nothing kept in
  // memory); a longer form reads the rest the same way as shared ones.
  const stored = rows.filter((r) => r.pos !== null && r.item === null).map((r) => r.pos!);
  const texts = new Map<string, ActivityText>();
  let fetched = 0;
  // Walk the items in queue order, taking what fits; each range remembers how far it was read. An array
  // body made only of stored activities as they are keeps their ids (`ids`) and is stored by reference
  // (a single object is stored as it is: small, inline in its row, no index to keep).
  const bodies: { items: string[]; bytes: number; ids: string[] | null }[] = [];
  let progress = new Map<string, { pos: string | null; taken: number }>();
  let taken = 0;
  let objectBytes = 0;
  let formBytes = 0; // bytes of the array batches before the last one (complete)
  // Another array batch may start: fewer than ARRAYS_PER_FORM, and room for it to grow to maxBytes.
  const roomForBatch = () => {
    const last = bodies.at(-1);
    return !last || (bodies.length < ARRAYS_PER_FORM && formBytes + last.bytes + maxBytes <= maxBytes * FORM_BATCHES_OF_BYTES);
  };
  // Before a second or later array batch is started: what to go back to if it stays partial.
  let beforeLast: Map<string, { pos: string | null; taken: number }> | null = null;
  let lastFull = false;
  for (const row of rows) {
    const p = progress.get(row.range_id) ?? { pos: null, taken: 0 };
    if (row.pos === null) {
      progress.set(row.range_id, { pos: null, taken: row.count }); // nothing left to read: drop the range
      continue;
    }
    let item: string;
    let size: number;
    if (row.item === null) {
      if (!texts.has(row.pos)) {
        // Full: this row would stop the walk below, so read no more.
        if (taken >= want) break;
        if (!objects && (bodies.at(-1)?.items.length ?? 0) >= maxCount && !roomForBatch()) {
          lastFull = true;
          break;
        }
        const next = stored.slice(fetched, fetched + textsPerRead);
        (await activityTexts(pool(), next)).forEach((t, i) => texts.set(next[i], t));
        fetched += next.length;
      }
      ({ text: item, bytes: size } = texts.get(row.pos)!);
      size += 1;
    } else {
      item = row.item;
      size = Buffer.byteLength(item) + 1;
    }
    let id: string | null = row.act ? row.pos : null;
    if (row.event_type) {
      // Event webhooks take the activities of their type, turned into the event object.
      id = null;
      const ev = activityEvent(JSON.parse(item) as Activity);
      if (!ev || ev.eventType !== row.event_type) {
        progress.set(row.range_id, { pos: row.pos, taken: p.taken });
        continue;
      }
      item = JSON.stringify(ev.payload);
      size = Buffer.byteLength(item) + 1;
    }
    const last = bodies.at(-1);
    if (objects) {
      if (taken >= want || (taken > 0 && objectBytes + size > maxBytes * FORM_BATCHES_OF_BYTES)) break;
      objectBytes += size;
      bodies.push({ items: [item], bytes: 2 + size, ids: null });
    } else if (last && last.items.length < maxCount && last.bytes + size <= maxBytes) {
      last.items.push(item);
      last.bytes += size;
      if (last.ids) {
        if (id === null) last.ids = null;
        else last.ids.push(id);
      }
    } else {
      if (last) lastFull = true;
      if (!roomForBatch()) break;
      formBytes += last?.bytes ?? 0;
      if (last) beforeLast = new Map(progress);
      bodies.push({ items: [item], bytes: 2 + size, ids: id === null ? null : [id] });
      lastFull = false;
    }
    taken++;
    progress.set(row.range_id, { pos: row.pos, taken: p.taken + 1 });
  }
  if (!objects && beforeLast && !lastFull && bodies.at(-1)!.items.length < maxCount) {
    // A partial batch behind full ones stays queued: arrivals may still fill it.
    bodies.pop();
    progress = beforeLast;
  }
  if (progress.size === 0) return { heads: [], progressed: false };
  const ids = [...progress.keys()];
  // Bodies stored as text are joined now; those by reference at send time (bodyOf).
  const bodyTexts = bodies.map((b) => (b.ids ? null : objects ? b.items[0] : arrayBody(b.items)));
  const deliveryIds = bodies.map(() => randomUUID());
  // Bodies by reference travel as their activity ids, one flat array sliced per delivery; the others
  // as one text parameter (lib/db/texts.ts), numbered among themselves.
  const refIds: string[] = [];
  const refFrom: (number | null)[] = [];
  const inline: string[] = [];
  const inlineAt: (number | null)[] = [];
  bodies.forEach((b, i) => {
    refFrom.push(b.ids ? refIds.length : null);
    if (b.ids) refIds.push(...b.ids);
    inlineAt.push(b.ids ? null : inline.push(bodyTexts[i]!));
  });
  const { rows: held } = await p.query<{ first: string }>({
    name: 'hl_form_write',
    text: `WITH s AS (
         UPDATE endpoints SET next_seq = next_seq + $3, lease_until = now() + $5 * interval '1 millisecond'
          WHERE id = $2 AND lease_owner = $4 AND lease_until > now()
         RETURNING next_seq - $3 AS first),
       u AS (SELECT u.* FROM s, unnest($6::bigint[], $7::bigint[], $8::int[]) AS u(id, pos, taken)),
       gone AS (DELETE FROM queue_ranges q USING u WHERE q.id = u.id AND q.endpoint_id = $2 AND (u.pos IS NULL OR q.count - u.taken <= 0)),
       kept AS (
         UPDATE queue_ranges q
            SET count = q.count - u.taken,
                first_activity_id = CASE WHEN q.payload IS NULL THEN u.pos + 1 ELSE q.first_activity_id END,
                skip = CASE WHEN q.payload IS NULL THEN q.skip ELSE u.pos::int END
           FROM u WHERE q.id = u.id AND q.endpoint_id = $2 AND u.pos IS NOT NULL AND q.count - u.taken > 0),
       t AS (
         SELECT t.*, CASE WHEN t.ref IS NOT NULL THEN ($12::bigint[])[t.ref + 1 : t.ref + t.n] END AS refs
           FROM unnest($9::uuid[], $10::int[], $11::int[], $13::int[]) WITH ORDINALITY AS t(id, n, ref, at, i)),
       ins AS (
         INSERT INTO deliveries (id, account_id, endpoint_id, seq, body, activity_ids, first_activity_id, activity_count)
         SELECT t.id, $1, $2, s.first + t.i - 1, b.body, t.refs, (SELECT min(x) FROM unnest(t.refs) x), t.n
           FROM s, t LEFT JOIN ${splitTextsSql('$14')} AS b(body, i) ON b.i = t.at)
       SELECT first::text FROM s`,
    values: [
      ep.account_id, ep.id, bodies.length, owner, leaseMs, ids, ids.map((id) => progress.get(id)!.pos), ids.map((id) => progress.get(id)!.taken),
      deliveryIds, bodies.map((b) => b.items.length), refFrom, refIds, inlineAt, inline.length > 0 ? joinTexts(inline) : null,
    ],
  });
  if (held.length === 0) return { heads: [], progressed: false }; // the lease ran out: another worker has it
  const first = BigInt(held[0].first);
  const heads = bodies.map((b, i): Head => {
    const head = { id: deliveryIds[i], seq: String(first + BigInt(i)), attempts: 0 };
    return bodyTexts[i] === null ? { ...head, items: b.items } : { ...head, body: bodyTexts[i]! };
  });
  return { heads, progressed: true };
}

function attemptValues(ep: EndpointRow, head: Head, req: ReturnType<typeof buildDeliveryRequest>, res: OutboundResult, startedAt: Date) {
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
 *  a crash before the flush only means those deliveries are sent again (same webhook-id). The same
 *  statement renews `owner`'s lease and reads the endpoint back, as the next step's renewal would
 *  (`null`: the lease is no longer ours; `undefined`: nothing to record, nothing read). */
async function recordSuccesses(c: pg.Pool, ep: EndpointRow, rows: unknown[][], slow: boolean, owner: string): Promise<EndpointRow | null | undefined> {
  if (rows.length === 0) return undefined;
  const col = (i: number) => rows.map((r) => r[i]);
  const { rows: renewed } = await c.query<EndpointRow & { held: boolean }>({
    name: 'hl_record',
    text: `WITH x AS (
       SELECT * FROM unnest($3::uuid[], $4::int[], $5::timestamptz[], $6::int[], $7::text[], $8::text[], $9::jsonb[], $10::int[], $11::jsonb[], $12::text[])
         AS x(delivery_id, attempt_no, started_at, duration_ms, method, url, req_headers, status, res_headers, res_body)),
     d AS (UPDATE deliveries SET status = 'delivered', delivered_at = now(), attempts = x.attempt_no, last_status = x.status, last_error = NULL
             FROM x WHERE deliveries.id = x.delivery_id AND deliveries.status = 'pending'),
     e AS (UPDATE endpoints SET last_success_at = now(), blocked_since = NULL, slow = $13,
                  lease_until = CASE WHEN lease_owner = $14 AND lease_until > now() THEN now() + $15 * interval '1 millisecond' ELSE lease_until END
            WHERE id = $2
            RETURNING ${ENDPOINT_COLUMNS}, lease_owner = $14 AND lease_until > now() AS held),
     ins AS (
       INSERT INTO attempts (account_id, endpoint_id, delivery_id, attempt_no, started_at, duration_ms, success,
                             request_method, request_url, request_headers, response_status, response_headers, response_body)
       SELECT $1, $2, x.delivery_id, x.attempt_no, x.started_at, x.duration_ms, true, x.method, x.url, x.req_headers, x.status, x.res_headers, x.res_body FROM x)
     SELECT * FROM e`,
    values: [ep.account_id, ep.id, col(2), col(3), col(4), col(5), col(7), col(8), col(9), col(10), col(11), col(12), slow, owner, config().HOOKLINE_LEASE_MS],
  });
  const row = renewed[0];
  if (!row?.held) return null;
  const { held: _held, ...next } = row;
  return next;
}

async function recordFailure(c: pg.Pool, values: unknown[], owner: string, retryAt: Date, slow: boolean) {
  await c.query(
    `WITH d AS (UPDATE deliveries SET attempts = attempts + 1, last_status = $11, last_error = $15 WHERE id = $3),
          e AS (UPDATE endpoints SET next_attempt_at = $17, blocked_since = COALESCE(blocked_since, now()), lease_until = now(), lease_owner = NULL, slow = $18
                 WHERE id = $2 AND lease_owner = $16)
     ${INSERT_ATTEMPT}`,
    [...values, owner, retryAt, slow],
  );
}

/** Gives the endpoint back (lease_until = now() records when it was last worked, for the claim order).
 *  Going idle (nextAttemptAt null) only if no replay or reactivation touched it meanwhile; queued
 *  ranges need no flag, claimEndpoints finds them. */
async function release(ep: EndpointRow, owner: string, nextAttemptAt: Date | null, expectVersion?: string): Promise<boolean> {
  const { rowCount } = await lazyCommitPool().query(
    `UPDATE endpoints SET lease_until = now(), lease_owner = NULL, next_attempt_at = $3
      WHERE id = $1 AND lease_owner = $2 AND ($4::bigint IS NULL OR work_version = $4)`,
    [ep.id, owner, nextAttemptAt, expectVersion ?? null],
  );
  return rowCount === 1;
}

/** Works one claimed endpoint until it is drained, fails, the budget is spent or `stop` is aborted (a
 *  worker stopping: the request in flight finishes and is recorded, then the endpoint is given back).
 *  An unexpected error gives the endpoint back with a short backoff instead of holding it until the
 *  lease expires. */
export async function processEndpoint(
  endpointId: string,
  owner: string,
  stats: EngineStats,
  budgetMs = config().HOOKLINE_CLAIM_BUDGET_MS,
  stop?: AbortSignal,
): Promise<void> {
  try {
    await work(endpointId, owner, stats, budgetMs, stop);
  } catch (err) {
    if ((err as { code?: string }).code === '23503') return; // the endpoint was deleted while we were sending
    await lazyCommitPool()
      .query(`UPDATE endpoints SET lease_until = now(), lease_owner = NULL, next_attempt_at = now() + $3 * interval '1 millisecond' WHERE id = $1 AND lease_owner = $2`, [
        endpointId,
        owner,
        config().HOOKLINE_RETRY_UNIT_MS,
      ])
      .catch(() => undefined);
    throw err;
  }
}

async function work(endpointId: string, owner: string, stats: EngineStats, budgetMs: number, stop?: AbortSignal): Promise<void> {
  const { HOOKLINE_LEASE_MS: leaseMs, HOOKLINE_RETRY_UNIT_MS: unitMs } = config();
  const sendMs = defaultTimeoutMs();
  const deadline = Date.now() + budgetMs;
  // Leases and send records commit without waiting for the WAL flush (lazyCommitPool); formed
  // deliveries are written through pool() before they are sent.
  const p = lazyCommitPool();
  // Pending deliveries exist at the start of a run (a failed head, a replay) or when a replay bumps
  // work_version; a run that sent all it formed knows there are none and goes straight to forming.
  let maybePending = true;
  let seenVersion: string | null = null;
  // The first step uses what the claim read (taken a moment ago, with the lease).
  let claimed = claimedRows.get(claimKey(owner, endpointId));
  claimedRows.delete(claimKey(owner, endpointId));
  if (claimed && claimed.leaseEnds - Date.now() < leaseMs / 2) claimed = undefined; // read too long ago
  // The endpoint as the last record of successes renewed and read it (the next step needs no renewal).
  let renewed: { ep: EndpointRow; leaseEnds: number } | undefined;
  for (;;) {
    let ep: EndpointRow | undefined;
    let leaseEnds: number;
    if (claimed) {
      ({ ep, leaseEnds } = claimed);
      maybePending = claimed.pending;
      seenVersion = ep.work_version;
      claimed = undefined;
    } else if (renewed) {
      ({ ep, leaseEnds } = renewed);
      renewed = undefined;
    } else {
      // Renew the lease while reading the endpoint; a lease that ran out (another worker may hold the
      // endpoint now) ends this run.
      const { rows } = await p.query<EndpointRow>({
        name: 'hl_renew',
        text: `UPDATE endpoints SET lease_until = now() + $3 * interval '1 millisecond'
          WHERE id = $1 AND lease_owner = $2 AND lease_until > now() RETURNING ${ENDPOINT_COLUMNS}`,
        values: [endpointId, owner, leaseMs],
      });
      ep = rows[0];
      leaseEnds = Date.now() + leaseMs;
    }
    if (!ep) return; // deleted, or the lease was lost
    if (!ep.active) {
      await release(ep, owner, null, ep.work_version);
      return; // deactivated: the queue is held
    }
    if (stop?.aborted) {
      await release(ep, owner, new Date()); // due again at once, for another worker
      return;
    }
    if (ep.work_version !== seenVersion) maybePending = true;
    seenVersion = ep.work_version;
    let heads: Head[] = [];
    if (maybePending) {
      // Bodies in memory are bounded: a few array batches (up to HOOKLINE_BATCH_MAX_BYTES each), more small objects.
      const limit = ep.format === 'object' ? PENDING_OBJECTS : FORM_BATCHES_OF_BYTES;
      const pending = await p.query<HeadRow>({
        name: 'hl_pending',
        text: `SELECT id, seq::text AS seq, delivery_body(body, activity_ids) AS body, attempts FROM deliveries d
              WHERE endpoint_id = $1 AND status = 'pending' ORDER BY d.seq LIMIT $2`,
        values: [ep.id, limit],
      });
      heads = pending.rows;
      maybePending = heads.length === limit;
    }
    if (heads.length === 0) {
      const formed = await formDeliveries(ep, owner);
      heads = formed.heads;
      stats.formed += heads.length;
      observeFormed(ep.kind, heads.length);
      if (formed.progressed && heads.length === 0) continue;
      if (heads.length === 0) {
        if (await release(ep, owner, null, ep.work_version)) return;
        maybePending = true;
        continue; // a replay or reactivation arrived meanwhile
      }
    }
    // Send the heads in order; successes are recorded together before the next read of the queue.
    const delivered: unknown[][] = [];
    let slow = false; // any of this run's successful attempts slow
    for (const head of heads) {
      // Renew the lease before a send could outlive it (when the lease is long enough to matter).
      if (leaseMs > sendMs + 1000 && Date.now() + sendMs + 1000 > leaseEnds) {
        maybePending = true; // the rest stays pending
        break;
      }
      const req = buildDeliveryRequest(ep, { webhookId: `msg_${head.id}`, body: bodyOf(head) });
      const startedAt = new Date();
      const res = await sendRequest(req);
      const attempt = { kind: ep.kind, endpointId: ep.id, deliveryId: head.id, attemptNo: head.attempts + 1 };
      observeAttempt(attempt, res);
      const values = attemptValues(ep, head, req, res, startedAt);
      if (res.ok) {
        delivered.push(values);
        stats.delivered++;
        slow ||= wasSlow(res);
      } else {
        await recordSuccesses(p, ep, delivered.splice(0), slow, owner);
        const delay = retryDelayMs({ failures: head.attempts + 1, status: res.status, retryAfter: res.headers['retry-after'] }, unitMs);
        await recordFailure(p, values, owner, new Date(Date.now() + delay), wasSlow(res));
        observeRetry(attempt, res, delay);
        stats.failed++;
        return;
      }
      if (Date.now() >= deadline || stop?.aborted) {
        await recordSuccesses(p, ep, delivered.splice(0), slow, owner);
        await release(ep, owner, new Date());
        return;
      }
    }
    const recordedAt = Date.now();
    const next = await recordSuccesses(p, ep, delivered.splice(0), slow, owner);
    if (next === null) return; // the lease ran out: another worker may hold the endpoint now
    if (next) renewed = { ep: next, leaseEnds: recordedAt + leaseMs };
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
    for (const r of results) if (r.status === 'rejected') logger().error({ err: (r.reason as Error).message }, 'delivery run failed');
  }
  return stats;
}
