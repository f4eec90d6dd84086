// Event objects built from activities and list events keep what the sender gave them (seed 004:
// eventDate "2024-05-08T13:41:52.4514466Z", an Unsubscription with an integer listId).
import { describe, expect, it } from 'vitest';
import { activityEvent, listEventPayload } from '@/lib/event-webhooks/payload';
import { EVENT_PAYLOAD_SCHEMAS, listEventSchema } from '@/lib/event-webhooks/schema';
import { activitySchema, type Activity } from '@/lib/activities/schema';

const SEED_DATE = '2024-05-08T13:41:52.4514466Z';

describe('event payloads', () => {
  it('keeps a list event’s eventDate as received, seven fractional digits included', () => {
    const event = listEventSchema.parse({ type: 'unsubscription', listId: 7468, subscriberId: 4723542, subscriberEmail: 'x@example.test', eventDate: SEED_DATE });
    const { payload } = listEventPayload(event);
    expect(payload.eventDate).toBe(SEED_DATE);
    expect(JSON.parse(JSON.stringify(payload)).eventDate).toBe(SEED_DATE); // as stored and sent
    expect(EVENT_PAYLOAD_SCHEMAS.Unsubscriptions.safeParse(payload).success).toBe(true);
  });

  it('normalises other forms of eventDate to the ISO instant', () => {
    const withOffset = listEventSchema.parse({ type: 'subscription', listId: 1, subscriberId: 2, subscriberEmail: 's@example.test', eventDate: '2024-05-08T15:41:52+02:00' });
    expect(listEventPayload(withOffset).payload.eventDate).toBe('2024-05-08T13:41:52.000Z');
    const none = listEventSchema.parse({ type: 'subscription', listId: 1, subscriberId: 2, subscriberEmail: 's@example.test' });
    expect(listEventPayload(none, new Date('2026-01-02T03:04:05.678Z')).payload.eventDate).toBe('2026-01-02T03:04:05.678Z');
  });

  it('keeps an email activity’s precise activityDateTime', () => {
    const a = activitySchema.parse({ activityDateTime: SEED_DATE, activityStatus: 'READ', mediaType: 'email', contactId: 7, messageId: 1 }) as Activity;
    expect(activityEvent(a)?.payload.eventDate).toBe(SEED_DATE);
    const local = activitySchema.parse({ activityDateTime: '2023-09-14T08:30:03', activityStatus: 'READ', mediaType: 'email', contactId: 7 }) as Activity;
    expect(activityEvent(local)?.payload.eventDate).toBe('2023-09-14T08:30:03.000Z');
  });

  it('takes an unsubscription’s listId from the activity when it has one, else null', () => {
    const base = { activityDateTime: '2026-11-25T10:00:03', activityStatus: 'UNSUBSCRIBED', mediaType: 'email', contactId: 10, email: 'u@example.test' };
    const withList = activityEvent(activitySchema.parse({ ...base, listId: 7468 }) as Activity);
    expect(withList?.payload).toMatchObject({ eventType: 'Unsubscriptions', listId: 7468, subscriberId: 10 });
    expect(EVENT_PAYLOAD_SCHEMAS.Unsubscriptions.safeParse(withList?.payload).success).toBe(true);
    expect(activityEvent(activitySchema.parse(base) as Activity)?.payload.listId).toBeNull();
  });
});
