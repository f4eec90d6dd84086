// Custom events: ingest (the body is read by readBatch with eventBatch; all or nothing), the latest
// events of an account newest first, and one event by id (the Send test step's event source).
import { tenantDb } from '@/lib/db/tenant';
import { inTransaction } from '@/lib/db/transaction';
import { startRuns } from '@/lib/workflows/engine';
import { notFound } from '@/lib/http/errors';
import { BIGINT_ID, decodeCursor, encodeCursor } from '@/lib/http/cursor';
import type { Event } from '@/lib/generated/prisma/client';
import {
  type EventInput,
  type EventListQuery,
  type EventPage,
  type EventParams,
  type EventTypeSummary,
  type EventView,
} from './schema';

export function toEventView(e: Event): EventView {
  return {
    id: e.id.toString(),
    eventTypeKey: e.eventTypeKey,
    keyValue: e.keyValue,
    params: (e.params ?? {}) as EventParams,
    receivedAt: e.receivedAt.toISOString(),
  };
}

/** Stores the events in one statement and, in the same transaction, starts the runs of the active
 *  workflows they trigger (lib/workflows/engine.ts); answers their ids in the order sent. */
export async function ingestEvents(accountId: string, events: EventInput[]): Promise<{ accepted: number; ids: string[] }> {
  if (events.length === 0) return { accepted: 0, ids: [] };
  return inTransaction(async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO events (account_id, event_type_key, key_value, params)
       SELECT $1, t.k, t.v, t.p::jsonb FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS t(k, v, p, n) ORDER BY t.n
       RETURNING id::text`,
      [accountId, events.map((e) => e.eventTypeKey), events.map((e) => e.keyValue ?? null), events.map((e) => JSON.stringify(e.params))],
    );
    const ids = rows.map((r) => r.id).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    await startRuns(client, accountId, ids);
    return { accepted: ids.length, ids };
  });
}

export async function getEvent(accountId: string, id: string): Promise<EventView> {
  if (!BIGINT_ID.test(id)) throw notFound('Event');
  const found = await tenantDb(accountId).event.findUnique({ where: { id: BigInt(id) } });
  if (!found) throw notFound('Event');
  return toEventView(found);
}

/** The latest events first, keyset-paginated by (received_at, id), optionally of one event type. */
export async function listEvents(accountId: string, q: EventListQuery): Promise<EventPage> {
  const after = q.cursor ? decodeCursor(q.cursor, BIGINT_ID) : null;
  const rows = await tenantDb(accountId).event.findMany({
    where: {
      ...(q.eventTypeKey ? { eventTypeKey: q.eventTypeKey } : {}),
      ...(after
        ? { OR: [{ receivedAt: { lt: new Date(after.t) } }, { receivedAt: new Date(after.t), id: { lt: BigInt(after.id) } }] }
        : {}),
    },
    orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
    take: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    events: page.map(toEventView),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ t: last.receivedAt.toISOString(), id: last.id.toString() }) : null,
  };
}

/** The event types the account has received, most recent first (the screens' type filter). */
export async function listEventTypes(accountId: string): Promise<EventTypeSummary[]> {
  const groups = await tenantDb(accountId).event.groupBy({
    by: ['eventTypeKey'],
    _count: { _all: true },
    _max: { receivedAt: true },
    orderBy: { _max: { receivedAt: 'desc' } },
    take: 200,
  });
  return groups.map((g) => ({ eventTypeKey: g.eventTypeKey, count: g._count._all, lastReceivedAt: (g._max.receivedAt ?? new Date(0)).toISOString() }));
}
