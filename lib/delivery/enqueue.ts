// The queue's write side: fan-out by reference and the wake-up. Ingest stores its activities once
// (lib/activities/service.ts) and queues them in the same statement (queueActivitiesSql); each matching endpoint gets ONE
// queue_ranges row per request (the request's activity ids first..last with the endpoint's filter), so
// the write volume is O(activities + endpoints × requests), not activities × endpoints. The worker
// (engine.ts) builds delivery bodies from the stored activities.
//
// Ingest never waits for delivery: nothing here locks or updates a row a worker touches. The ranges
// are new rows (their foreign key takes only a KEY SHARE lock on the endpoint, which does not conflict
// with the worker's NO KEY UPDATE), and a worker finds endpoints with ranges on its own (claimEndpoints).
import type pg from 'pg';
import { WORK_CHANNEL } from './wake';

/** Activity ids a request may use from one value of activities_id_seq (which steps by this much;
 *  migration 20261201210700_queue_ranges). Larger inputs take several values. */
export const ACTIVITY_ID_BLOCK = 1000;

/**
 * The enqueue step of ingest, as SQL to run in the statement that stores the activities (lib/activities/
 * service.ts), so a request is stored and queued in ONE statement — atomic without a transaction and one
 * round trip. For every active endpoint of account `$account` that takes them (laboratory and export
 * endpoints by status, event webhooks by event type), one queue_ranges row covering the activities of
 * `acts` (columns n = 1, 2 …, status, event_type) stored under ids `first` + n − 1. The CTEs it returns
 * (`queued`: the ranges' counts) go after those names are defined; `woke` wakes the workers (NOTIFY is
 * delivered at commit) when anything was queued.
 */
export function queueActivitiesSql({ account, first, acts, channel }: { account: string; first: string; acts: string; channel: string }): { ctes: string; queued: string; woke: string } {
  return {
    ctes: `queued AS (
       INSERT INTO queue_ranges (account_id, endpoint_id, first_activity_id, last_activity_id, statuses, event_type, count)
       SELECT ${account}, e.id, ${first} + m.lo - 1, ${first} + m.hi - 1,
              CASE WHEN e.kind = 'event' THEN NULL ELSE e.statuses END, CASE WHEN e.kind = 'event' THEN e.event_type END, m.n
         FROM endpoints e
        CROSS JOIN LATERAL (
          SELECT count(*)::int AS n, min(a.n) AS lo, max(a.n) AS hi FROM ${acts} a
           WHERE (e.kind IN ('laboratory', 'export') AND a.status = ANY(e.statuses)) OR (e.kind = 'event' AND a.event_type = e.event_type)) m
        WHERE e.account_id = ${account} AND e.active AND m.n > 0
       RETURNING count)`,
    queued: `(SELECT coalesce(sum(count), 0)::int FROM queued)`,
    woke: `(SELECT count(*) FROM (SELECT pg_notify(${channel}, '') WHERE EXISTS (SELECT 1 FROM queued)) n)::int`,
  };
}

/** Queues list events (already turned into event objects) for the event webhooks of their type, inline:
 *  they are not stored anywhere else. */
export async function enqueueEvents(client: pg.PoolClient, accountId: string, events: { eventType: string; payload: string }[]): Promise<number> {
  if (events.length === 0) return 0;
  const { rows } = await client.query<{ queued: number }>(
    `WITH ins AS (
       INSERT INTO queue_ranges (account_id, endpoint_id, payload, count)
       SELECT $1, e.id, '[' || string_agg(ev.payload, ',' ORDER BY ev.n) || ']', count(*)::int
         FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS ev(event_type, payload, n)
         JOIN endpoints e ON e.account_id = $1 AND e.active AND e.kind = 'event' AND e.event_type = ev.event_type
        GROUP BY e.id
       RETURNING count)
     SELECT coalesce(sum(count), 0)::int AS queued, (SELECT count(*) FROM (SELECT pg_notify($4, '') WHERE EXISTS (SELECT 1 FROM ins)) n)::int AS woke FROM ins`,
    [accountId, events.map((e) => e.eventType), events.map((e) => e.payload), WORK_CHANNEL],
  );
  return rows[0]?.queued ?? 0;
}
