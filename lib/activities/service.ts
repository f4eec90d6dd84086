// Ingest: activities are validated (schema.ts) and stored once, and handed to the delivery queue
// (lib/delivery/enqueue.ts) in the same transaction, so a 202 means nothing can be lost. Public API:
// the same activities read back by time window.
import { observeIngested } from '@/lib/metrics';
import type pg from 'pg';
import { pool } from '@/lib/db/pool';
import { inTransaction } from '@/lib/db/transaction';
import { joinTexts, splitTextsSql } from '@/lib/db/texts';
import { BIGINT_ID, decodeCursor, encodeCursor } from '@/lib/http/cursor';
import type { Activity } from './schema';
import type { ActivityQuery } from './query';
import { ACTIVITY_ID_BLOCK, enqueueEvents, queueActivitiesSql } from '@/lib/delivery/enqueue';
import { WORK_CHANNEL } from '@/lib/delivery/wake';
import { activityEventType, listEventPayload } from '@/lib/event-webhooks/payload';
import type { ListEvent } from '@/lib/event-webhooks/schema';
import { activityInstant } from './time';

/**
 * Stores ≤ ACTIVITY_ID_BLOCK activities under ids base, base + 1, … in input order and queues them
 * (lib/delivery/enqueue.ts), in ONE statement: atomic on its own, one round trip. The payloads travel
 * as one parameter (lib/db/texts.ts), each parsed once, by its cast to json.
 */
async function storeAndQueue(q: pg.Pool | pg.PoolClient, accountId: string, activities: Activity[]): Promise<number> {
  const queue = queueActivitiesSql({ account: '$1', first: '(SELECT base FROM b)', acts: '(SELECT n, s AS status, ev AS event_type FROM t)', channel: '$8' });
  const { rows } = await q.query<{ queued: number }>({
    name: 'hl_ingest',
    text: `WITH b AS (SELECT nextval('activities_id_seq') AS base),
     t AS (SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::timestamptz[], $7::text[]) WITH ORDINALITY AS t(s, m, e, o, ev, n)),
     p AS (SELECT x.t::json AS p, x.n FROM ${splitTextsSql('$6')} AS x(t, n)),
     ins AS (
       INSERT INTO activities (id, account_id, status, media_type, email, occurred_at, payload)
       SELECT b.base + t.n - 1, $1, t.s, t.m, t.e, t.o, p.p FROM b, t JOIN p USING (n)),
     ${queue.ctes}
     SELECT ${queue.queued} AS queued, ${queue.woke} AS woke`,
    values: [
      accountId,
      activities.map((a) => a.activityStatus),
      activities.map((a) => (typeof a.mediaType === 'string' ? a.mediaType : null)),
      activities.map((a) => (typeof a.email === 'string' ? a.email : null)),
      activities.map((a) => activityInstant(a.activityDateTime).toISOString()), // pg's Date formatting is slow
      joinTexts(activities.map((a) => JSON.stringify(a))),
      activities.map((a) => activityEventType(a)),
      WORK_CHANNEL,
    ],
  });
  return rows[0]?.queued ?? 0;
}

/** Stores the activities and queues them for every active endpoint that takes them, atomically. */
export async function ingestActivities(accountId: string, activities: Activity[]): Promise<{ accepted: number; queued: number }> {
  if (activities.length === 0) return { accepted: 0, queued: 0 };
  const result =
    activities.length <= ACTIVITY_ID_BLOCK
      ? { accepted: activities.length, queued: await storeAndQueue(pool(), accountId, activities) }
      : await inTransaction((client) => ingestActivitiesWith(client, accountId, activities));
  observeIngested(result.accepted);
  return result;
}

/** The same inside the caller's transaction (a workflow run's message block records its SENT activity
 *  together with the run's step). */
export async function ingestActivitiesWith(client: pg.PoolClient, accountId: string, activities: Activity[]): Promise<{ accepted: number; queued: number }> {
  let queued = 0;
  for (let i = 0; i < activities.length; i += ACTIVITY_ID_BLOCK) queued += await storeAndQueue(client, accountId, activities.slice(i, i + ACTIVITY_ID_BLOCK));
  return { accepted: activities.length, queued };
}

/** List events (subscription, confirmation, unsubscription) go to the event webhooks of their type. */
export async function ingestListEvents(accountId: string, listEvents: ListEvent[]): Promise<{ accepted: number; queued: number }> {
  if (listEvents.length === 0) return { accepted: 0, queued: 0 };
  const events = listEvents.map((e) => listEventPayload(e)).map((e) => ({ eventType: e.eventType, payload: JSON.stringify(e.payload) }));
  const queued = await inTransaction((client) => enqueueEvents(client, accountId, events));
  return { accepted: listEvents.length, queued };
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
