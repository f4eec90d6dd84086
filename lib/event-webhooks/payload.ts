// Turning activities and list events into event objects, in one place (ingest, dummy data, tests).
import { activityInstant } from '@/lib/activities/time';
import type { Activity } from '@/lib/activities/schema';
import { ACTIVITY_EVENT_TYPES, LIST_EVENT_TYPES, type EventType, type ListEvent } from './schema';

const num = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : null);

/** The event object an email activity becomes, or null when no event type takes it. */
export function activityEvent(a: Activity): { eventType: EventType; payload: Record<string, unknown> } | null {
  const eventType = ACTIVITY_EVENT_TYPES[a.activityStatus];
  if (!eventType || a.mediaType !== 'email') return null;
  const base = { eventType, eventDate: activityInstant(a.activityDateTime).toISOString() };
  const who = { subscriberId: num(a.contactId), subscriberEmail: typeof a.email === 'string' ? a.email : null };
  return eventType === 'Unsubscriptions'
    ? { eventType, payload: { ...base, listId: null, ...who } }
    : { eventType, payload: { ...base, messageId: num(a.messageId), ...who } };
}

export function listEventPayload(e: ListEvent, now = new Date()): { eventType: EventType; payload: Record<string, unknown> } {
  const eventType = LIST_EVENT_TYPES[e.type];
  const eventDate = (e.eventDate ? new Date(e.eventDate) : now).toISOString();
  const who = { subscriberId: e.subscriberId, subscriberEmail: e.subscriberEmail };
  const payload =
    eventType === 'Confirmations'
      ? { eventType, eventDate, messageId: e.messageId ?? null, ...who, listId: e.listId }
      : { eventType, eventDate, listId: e.listId, ...who };
  return { eventType, payload };
}

/** Dummy data for the connection test: the seed's example for the type. */
export function dummyEvent(eventType: EventType, now = new Date()): Record<string, unknown> {
  const eventDate = now.toISOString();
  const who = { subscriberId: 6552353, subscriberEmail: 'test@test.com' };
  if (eventType === 'Subscriptions' || eventType === 'Unsubscriptions') return { eventType, eventDate, listId: 7477, ...who };
  if (eventType === 'Confirmations') return { eventType, eventDate, messageId: 149212, ...who, listId: 7480 };
  return { eventType, eventDate, messageId: 145413, ...who };
}
