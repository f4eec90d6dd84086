// Custom events: ingest (the body is read by readBatch with eventBatch; all or nothing), the latest
// events of an account newest first, and one event by id (the Send test step's event source).
import { tenantDb } from '@/lib/db/tenant';
import { notFound } from '@/lib/http/errors';
import { BIGINT_ID, decodeCursor, encodeCursor } from '@/lib/http/cursor';
import type { Event, Prisma } from '@/lib/generated/prisma/client';
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

/** Stores the events in one statement; answers their ids in the order sent. */
export async function ingestEvents(accountId: string, events: EventInput[]): Promise<{ accepted: number; ids: string[] }> {
  if (events.length === 0) return { accepted: 0, ids: [] };
  const rows = await tenantDb(accountId).event.createManyAndReturn({
    data: events.map((e) => ({ accountId, eventTypeKey: e.eventTypeKey, keyValue: e.keyValue ?? null, params: e.params as Prisma.InputJsonObject })),
    select: { id: true },
  });
  return { accepted: rows.length, ids: rows.map((r) => r.id.toString()) };
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
