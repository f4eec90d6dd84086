// Ingest: activities are validated (schema.ts) and stored once, and handed to the delivery queue
// (lib/delivery/enqueue.ts) in the same transaction, so a 202 means nothing can be lost. Public API:
// the same activities read back by time window.
import { observeIngested } from '@/lib/metrics';
import type pg from 'pg';
import { pool } from '@/lib/db';
import { inTransaction } from '@/lib/db/transaction';
import { BIGINT_ID, decodeCursor, encodeCursor } from '@/lib/http/cursor';
import type { Activity } from './schema';
import type { ActivityQuery } from './query';
import { ACTIVITY_ID_BLOCK, enqueueActivities, enqueueEvents } from '@/lib/delivery/enqueue';
import { activityEvent, listEventPayload } from '@/lib/event-webhooks/payload';
import type { ListEvent } from '@/lib/event-webhooks/schema';
import { activityInstant } from './time';

/** Stores ≤ ACTIVITY_ID_BLOCK activities under ids base, base + 1, … in input order; returns base. */
async function storeActivities(client: pg.PoolClient, accountId: string, activities: Activity[]): Promise<string> {
  const { rows } = await client.query<{ base: string }>(
    `WITH b AS (SELECT nextval('activities_id_seq') AS base),
     ins AS (
       INSERT INTO activities (id, account_id, status, media_type, email, occurred_at, payload)
       SELECT b.base + t.n - 1, $1, t.s, t.m, t.e, t.o, t.p::json
         FROM b CROSS JOIN unnest($2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[]) WITH ORDINALITY AS t(s, m, e, o, p, n))
     SELECT base::text FROM b`,
    [
      accountId,
      activities.map((a) => a.activityStatus),
      activities.map((a) => (typeof a.mediaType === 'string' ? a.mediaType : null)),
      activities.map((a) => (typeof a.email === 'string' ? a.email : null)),
      activities.map((a) => activityInstant(a.activityDateTime)),
      activities.map((a) => JSON.stringify(a)),
    ],
  );
  return rows[0].base;
}

/** Stores the activities and queues them for every active endpoint that takes them, in one transaction. */
export async function ingestActivities(accountId: string, activities: Activity[]): Promise<{ accepted: number; queued: number }> {
  if (activities.length === 0) return { accepted: 0, queued: 0 };
  const result = await inTransaction(async (client) => {
    let queued = 0;
    for (let i = 0; i < activities.length; i += ACTIVITY_ID_BLOCK) {
      const part = activities.slice(i, i + ACTIVITY_ID_BLOCK);
      const base = await storeActivities(client, accountId, part);
      queued += await enqueueActivities(client, accountId, base, part.map((a) => ({ status: a.activityStatus, eventType: activityEvent(a)?.eventType ?? null })));
    }
    return { accepted: activities.length, queued };
  });
  observeIngested(result.accepted);
  return result;
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
