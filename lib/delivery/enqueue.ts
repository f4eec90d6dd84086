// The queue's write side: fan-out by reference and the wake-up. Ingest stores its activities once
// (lib/activities/service.ts) and calls this in the same transaction; each matching endpoint gets ONE
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

/** What ingest knows about each stored activity: its status and the event type it maps to (if any). */
export type StoredActivity = { status: string; eventType: string | null };

/** Queues activities stored with ids firstId, firstId + 1, … (in input order) for every active endpoint
 *  that takes them: laboratory and export endpoints by status, event webhooks by event type. Wakes the
 *  workers (NOTIFY is delivered at commit). Returns how many (activity, endpoint) pairs were queued. */
export async function enqueueActivities(client: pg.PoolClient, accountId: string, firstId: string, activities: StoredActivity[]): Promise<number> {
  if (activities.length === 0) return 0;
  const { rows } = await client.query<{ queued: number }>(
    `WITH acts AS (SELECT t.n, t.status, t.event_type FROM unnest($3::text[], $4::text[]) WITH ORDINALITY AS t(status, event_type, n)),
     ins AS (
       INSERT INTO queue_ranges (account_id, endpoint_id, first_activity_id, last_activity_id, statuses, event_type, count)
       SELECT $1, e.id, $2::bigint + m.lo - 1, $2::bigint + m.hi - 1,
              CASE WHEN e.kind = 'event' THEN NULL ELSE e.statuses END, CASE WHEN e.kind = 'event' THEN e.event_type END, m.n
         FROM endpoints e
        CROSS JOIN LATERAL (
          SELECT count(*)::int AS n, min(a.n) AS lo, max(a.n) AS hi FROM acts a
           WHERE (e.kind IN ('laboratory', 'export') AND a.status = ANY(e.statuses)) OR (e.kind = 'event' AND a.event_type = e.event_type)) m
        WHERE e.account_id = $1 AND e.active AND m.n > 0
       RETURNING count)
     SELECT coalesce(sum(count), 0)::int AS queued, (SELECT count(*) FROM (SELECT pg_notify($5, '') WHERE EXISTS (SELECT 1 FROM ins)) n)::int AS woke FROM ins`,
    [accountId, firstId, activities.map((a) => a.status), activities.map((a) => a.eventType), WORK_CHANNEL],
  );
  return rows[0]?.queued ?? 0;
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
