// Event webhooks (ExpertSender-style, seed 004): one event type each, HTTPS only, one JSON object per
// event. The event types, their payload shapes and the activity → event mapping live here. Browser-safe.
import { z } from 'zod';
import { isoInstant } from '@/lib/http/instant';
import type { Batch } from '@/lib/http/batch';
import { urlProblem } from '@/lib/http/rules';
import { MAX_ACTIVITIES_PER_REQUEST } from '@/lib/activities/schema';

export const EVENT_TYPES = [
  { key: 'EmailSends', label: 'Email — Send' },
  { key: 'EmailClicks', label: 'Email — Click' },
  { key: 'EmailOpens', label: 'Email — Open' },
  { key: 'EmailDeliveries', label: 'Email — Delivery' },
  { key: 'EmailBounces', label: 'Email — Bounce' },
  { key: 'EmailComplaints', label: 'Email — Complaint' },
  { key: 'Subscriptions', label: 'Subscription' },
  { key: 'Confirmations', label: 'Subscription Confirmation' },
  { key: 'Unsubscriptions', label: 'Unsubscription' },
] as const;
export type EventType = (typeof EVENT_TYPES)[number]['key'];
export const EVENT_TYPE_KEYS = EVENT_TYPES.map((e) => e.key) as [EventType, ...EventType[]];
export const eventTypeLabel = (key: string) => EVENT_TYPES.find((e) => e.key === key)?.label ?? key;

/** Email activity status → event type (email media only). */
export const ACTIVITY_EVENT_TYPES: Record<string, EventType> = {
  SENT: 'EmailSends',
  CLICKED: 'EmailClicks',
  READ: 'EmailOpens',
  DELIVERED: 'EmailDeliveries',
  UNDELIVERED: 'EmailBounces',
  SPAM: 'EmailComplaints',
  UNSUBSCRIBED: 'Unsubscriptions',
};

/** eventDate: ISO 8601 with a fraction and Z, as in the seed (2024-05-08T13:41:52.4514466Z). */
const eventDate = z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$/, 'ISO 8601 with fraction and Z');
const id = z.int().nullable();
const emailEvent = (t: EventType) =>
  z.strictObject({ eventType: z.literal(t), eventDate, messageId: id, subscriberId: id, subscriberEmail: z.string().nullable() });

/** The exact object each event type sends (the seed's "Returned data"). */
export const EVENT_PAYLOAD_SCHEMAS: Record<EventType, z.ZodType> = {
  EmailSends: emailEvent('EmailSends'),
  EmailClicks: emailEvent('EmailClicks'),
  EmailOpens: emailEvent('EmailOpens'),
  EmailDeliveries: emailEvent('EmailDeliveries'),
  EmailBounces: emailEvent('EmailBounces'),
  EmailComplaints: emailEvent('EmailComplaints'),
  Subscriptions: z.strictObject({ eventType: z.literal('Subscriptions'), eventDate, listId: id, subscriberId: id, subscriberEmail: z.string().nullable() }),
  Confirmations: z.strictObject({ eventType: z.literal('Confirmations'), eventDate, messageId: id, subscriberId: id, subscriberEmail: z.string().nullable(), listId: id }),
  Unsubscriptions: z.strictObject({ eventType: z.literal('Unsubscriptions'), eventDate, listId: id, subscriberId: id, subscriberEmail: z.string().nullable() }),
};

/** Seed 004: a valid HTTPS target (the one HTTPS rule and message of lib/http/rules.ts). */
export const httpsUrlSchema = z
  .string()
  .trim()
  .min(1, 'Enter the webhook URL')
  .superRefine((url, ctx) => {
    const problem = url && urlProblem(url, { https: true });
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const eventWebhookSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name').max(100, 'At most 100 characters'),
  eventType: z.enum(EVENT_TYPE_KEYS, { error: 'Choose an event' }),
  url: httpsUrlSchema,
});
export type EventWebhookInput = z.infer<typeof eventWebhookSchema>;
export const eventWebhookUpdateSchema = eventWebhookSchema.partial();

/** One step of the connection test, shown in the wizard like a log row. */
export type TestStep = {
  key: 'fields' | 'https' | 'send' | 'structure' | 'unique';
  label: string;
  ok: boolean;
  detail?: string;
  status?: number | null;
  durationMs?: number;
};
export type ConnectionTest = { ok: boolean; steps: TestStep[]; payload: unknown };

// ---- list events: POST /api/v1/list-events ----------------------------------------------------------

export const LIST_EVENT_TYPES = { subscription: 'Subscriptions', confirmation: 'Confirmations', unsubscription: 'Unsubscriptions' } as const;

const listEventFields = {
  listId: z.int('Must be a whole number'),
  subscriberId: z.int('Must be a whole number'),
  subscriberEmail: z.string('Must be a string').min(1, 'Required').max(320, 'At most 320 characters'),
  messageId: z.int('Must be a whole number').optional(),
  eventDate: isoInstant({ error: 'Use an ISO 8601 date-time' }).optional(),
};
const LIST_EVENT_TYPE_KEYS = Object.keys(LIST_EVENT_TYPES) as (keyof typeof LIST_EVENT_TYPES)[];

/** One list event. A union discriminated on `type`, so a bad event's errors name its fields
 *  (`type`, `0.listId`) instead of zod's field-less "Invalid input" for a plain union. */
const listEvent = <T extends keyof typeof LIST_EVENT_TYPES>(type: T) => z.object({ type: z.literal(type), ...listEventFields });
export const listEventSchema = z.discriminatedUnion('type', [listEvent('subscription'), listEvent('confirmation'), listEvent('unsubscription')], {
  error: (issue) => (issue.code === 'invalid_union' ? `Must be one of ${LIST_EVENT_TYPE_KEYS.join(', ')}` : undefined),
});
export type ListEvent = z.infer<typeof listEventSchema>;

/** POST /api/v1/list-events: one list event or an array of at most 1,000 (the activities' limit). */
export const listEventBatch: Batch<typeof listEventSchema> = { item: listEventSchema, max: MAX_ACTIVITIES_PER_REQUEST, noun: ['list event', 'list events'] };
