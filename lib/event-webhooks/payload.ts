// Turning activities and list events into event objects, in one place (ingest, dummy data, tests).
import { activityInstant } from '@/lib/activities/time';
import type { Activity } from '@/lib/activities/schema';
import { ACTIVITY_EVENT_TYPES, LIST_EVENT_TYPES, type EventType, type ListEvent } from './schema';

const num = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : null);

/** ExpertSender's own form (2024-05-08T13:41:52.4514466Z): UTC with a fraction of any length. */
const EVENT_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$/;
/**
 * eventDate as received when it is already in the seed's form — a Date would cut the seed's seven
 * fractional digits to three — otherwise the instant in ISO form.
 */
export function eventDateOf(value: string | undefined, fallback: Date): string {
  if (value === undefined) return fallback.toISOString();
  return EVENT_DATE.test(value) ? value : activityInstant(value).toISOString();
}

/** The event type an activity maps to (email activities of a mapped status), or null. Ingest asks
 *  this of every activity, so it builds nothing. */
export function activityEventType(a: Activity): EventType | null {
  const eventType = ACTIVITY_EVENT_TYPES[a.activityStatus];
  return eventType && a.mediaType === 'email' ? eventType : null;
}

/** The event object an email activity becomes, or null when no event type takes it. */
export function activityEvent(a: Activity): { eventType: EventType; payload: Record<string, unknown> } | null {
  const eventType = activityEventType(a);
  if (!eventType) return null;
  const base = { eventType, eventDate: eventDateOf(a.activityDateTime, new Date()) };
  const who = { subscriberId: num(a.contactId), subscriberEmail: typeof a.email === 'string' ? a.email : null };
  // The list the contact left: the activity's own listId when the sender gives one; an activity
  // names no list otherwise, so listId is null then (README, "Event webhooks").
  return eventType === 'Unsubscriptions'
    ? { eventType, payload: { ...base, listId: num((a as Record<string, unknown>).listId), ...who } }
    : { eventType, payload: { ...base, messageId: num(a.messageId), ...who } };
}

export function listEventPayload(e: ListEvent, now = new Date()): { eventType: EventType; payload: Record<string, unknown> } {
  const eventType = LIST_EVENT_TYPES[e.type];
  const eventDate = eventDateOf(e.eventDate, now);
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
