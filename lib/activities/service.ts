// Ingest: activities are stored and fanned out to every matching endpoint in one transaction, so a
// 202 means nothing can be lost. Public API: the same activities read back by time window.
import type pg from 'pg';
import { pool } from '@/lib/db';
import { config } from '@/lib/config';
import { BIGINT_ID, decodeCursor, encodeCursor } from '@/lib/http/cursor';
import type { Activity } from './schema';
import type { ActivityQuery } from './query';
import { WORK_CHANNEL } from '@/lib/delivery/wake';
import { activityEvent, listEventPayload } from '@/lib/event-webhooks/payload';
import type { ListEvent } from '@/lib/event-webhooks/schema';
import { activityInstant } from './time';

type QueuedCount = { endpoint_id: string; n: number };

/** After queueing: bump the endpoints' work_version and make them due (at once when a batch is full
 *  or the endpoint takes single objects, else after the linger; a retrying endpoint keeps its
 *  schedule), then wake the workers (NOTIFY is delivered at commit). */
async function wakeQueued(client: pg.PoolClient, counts: QueuedCount[]): Promise<void> {
  if (counts.length === 0) return;
  const { HOOKLINE_BATCH_MAX_ACTIVITIES: batchMax, HOOKLINE_BATCH_LINGER_MS: linger } = config();
  // Lock the endpoint rows in one fixed order first: concurrent ingests for the same account would
  // otherwise lock them in plan order and could deadlock.
  await client.query('SELECT 1 FROM endpoints WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE', [counts.map((r) => r.endpoint_id)]);
  await client.query(
    `UPDATE endpoints e
        SET work_version = e.work_version + 1,
            next_attempt_at = CASE
              WHEN e.blocked_since IS NOT NULL THEN e.next_attempt_at
              ELSE LEAST(COALESCE(e.next_attempt_at, 'infinity'),
                         CASE WHEN e.format = 'object' OR c.n >= $2 THEN now() ELSE now() + $3 * interval '1 millisecond' END)
            END
       FROM unnest($1::uuid[], $4::int[]) AS c(id, n)
      WHERE e.id = c.id`,
    [counts.map((r) => r.endpoint_id), batchMax, linger, counts.map((r) => r.n)],
  );
  await client.query(`SELECT pg_notify($1, '')`, [WORK_CHANNEL]);
}

/** One transaction, retried (a few times) when PostgreSQL picks it as a deadlock or serialization victim. */
async function inTransaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool().connect();
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      const code = (err as { code?: string }).code;
      if (attempt < 3 && (code === '40P01' || code === '40001')) continue;
      throw err;
    } finally {
      client.release();
    }
  }
}

/**
 * Stores the activities and queues them, in one transaction, for every active endpoint that takes
 * them: laboratory and export endpoints by status filter (the activity as pushed), event webhooks by
 * event type (the activity turned into the event object).
 */
export async function ingestActivities(accountId: string, activities: Activity[]): Promise<{ accepted: number; queued: number }> {
  if (activities.length === 0) return { accepted: 0, queued: 0 };
  const events = activities.map(activityEvent);
  return inTransaction(async (client) => {
    const { rows } = await client.query<QueuedCount>(
      `WITH ins AS (
         INSERT INTO activities (account_id, status, media_type, email, occurred_at, payload)
         SELECT $1, t.s, t.m, t.e, t.o, t.p::json
           FROM unnest($2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[]) WITH ORDINALITY AS t(s, m, e, o, p, n)
          ORDER BY t.n
         RETURNING id, status),
       numbered AS (SELECT id, status, row_number() OVER (ORDER BY id) AS n FROM ins),
       feeds AS (
         INSERT INTO queue_items (endpoint_id, activity_id)
         SELECT e.id, a.id FROM numbered a
           JOIN endpoints e ON e.account_id = $1 AND e.active AND e.kind IN ('laboratory', 'export') AND a.status = ANY(e.statuses)
          ORDER BY a.id
         RETURNING endpoint_id),
       events AS (
         INSERT INTO queue_items (endpoint_id, activity_id, payload)
         SELECT e.id, a.id, ev.payload FROM numbered a
           JOIN unnest($7::text[], $8::text[]) WITH ORDINALITY AS ev(event_type, payload, n) ON ev.n = a.n
           JOIN endpoints e ON e.account_id = $1 AND e.active AND e.kind = 'event' AND e.event_type = ev.event_type
          ORDER BY a.id
         RETURNING endpoint_id)
       SELECT endpoint_id, count(*)::int AS n FROM (SELECT endpoint_id FROM feeds UNION ALL SELECT endpoint_id FROM events) q GROUP BY endpoint_id`,
      [
        accountId,
        activities.map((a) => a.activityStatus),
        activities.map((a) => (typeof a.mediaType === 'string' ? a.mediaType : null)),
        activities.map((a) => (typeof a.email === 'string' ? a.email : null)),
        activities.map((a) => activityInstant(a.activityDateTime)),
        activities.map((a) => JSON.stringify(a)),
        events.map((e) => e?.eventType ?? null),
        events.map((e) => (e ? JSON.stringify(e.payload) : null)),
      ],
    );
    await wakeQueued(client, rows);
    return { accepted: activities.length, queued: rows.reduce((s, r) => s + r.n, 0) };
  });
}

/** List events (subscription, confirmation, unsubscription) go to the event webhooks of their type. */
export async function ingestListEvents(accountId: string, listEvents: ListEvent[]): Promise<{ accepted: number; queued: number }> {
  if (listEvents.length === 0) return { accepted: 0, queued: 0 };
  const events = listEvents.map((e) => listEventPayload(e));
  return inTransaction(async (client) => {
    const { rows } = await client.query<QueuedCount>(
      `WITH q AS (
         INSERT INTO queue_items (endpoint_id, payload)
         SELECT e.id, ev.payload FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS ev(event_type, payload, n)
           JOIN endpoints e ON e.account_id = $1 AND e.active AND e.kind = 'event' AND e.event_type = ev.event_type
          ORDER BY ev.n
         RETURNING endpoint_id)
       SELECT endpoint_id, count(*)::int AS n FROM q GROUP BY endpoint_id`,
      [accountId, events.map((e) => e.eventType), events.map((e) => JSON.stringify(e.payload))],
    );
    await wakeQueued(client, rows);
    return { accepted: listEvents.length, queued: rows.reduce((s, r) => s + r.n, 0) };
  });
}


/**
 * Activities of the account in [dateFrom, dateTo), oldest first, keyset-paginated. Answers the JSON
 * text directly so every activity comes back exactly as it was pushed (field order included).
 */
export async function listActivitiesJson(accountId: string, q: ActivityQuery): Promise<string> {
  const after = q.cursor ? decodeCursor(q.cursor, BIGINT_ID) : null;
  const { rows } = await pool().query<{ id: string; occurred_at: Date; payload: string }>(
    `SELECT id::text, occurred_at, payload::text AS payload FROM activities
      WHERE account_id = $1 AND occurred_at >= $2 AND occurred_at < $3
        AND ($4::text IS NULL OR email = $4) AND ($5::text IS NULL OR status = $5) AND ($6::text IS NULL OR media_type = $6)
        AND ($7::timestamptz IS NULL OR (occurred_at, id) > ($7, $8::bigint))
      ORDER BY occurred_at, id
      LIMIT $9`,
    [accountId, q.dateFrom, q.dateTo, q.email ?? null, q.status ?? null, q.mediaType ?? null, after?.t ?? null, after?.id ?? null, q.limit + 1],
  );
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > q.limit && last ? encodeCursor({ t: last.occurred_at.toISOString(), id: last.id }) : null;
  return `{"activities":[${page.map((r) => r.payload).join(',')}],"nextCursor":${JSON.stringify(nextCursor)}}`;
}
