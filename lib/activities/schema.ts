// The activity object: one contact activity (delivered, read, clicked …) as the upstream platform
// pushes it into Hookline, and as receivers get it back from Hookline, field for field.
//
// Fields are the union of the parameter tables of the eSputnik / Yespo activity-webhook pages
// (their JSON examples are kept verbatim in tests/support/seed-examples.ts); the types follow what the seeds' JSON examples actually send
// (tests/activities/schema.test.ts validates every one of them).
//
// The schema only *checks*: it never coerces, trims or defaults, so what is parsed is what is
// sent on. Fields it does not know are kept (the platform may add fields).
import { z } from 'zod';
import { isoInstant } from '@/lib/http/instant';
import { batchSchema, type Batch } from '@/lib/http/batch';

export const ACTIVITY_STATUSES = [
  'SENT',
  'DELIVERED',
  'UNDELIVERED',
  'READ',
  'CLICKED',
  'UNSUBSCRIBED',
  'SPAM',
  'SUBSCRIPTION_CHANGED',
] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** Spelled as in the seeds' examples ("email", "sms", "viber"): lower case, no separators. */
export const MEDIA_TYPES = ['email', 'sms', 'webpush', 'viber', 'mobilepush', 'appinbox', 'widget', 'inapp', 'telegram'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

/** Largest number of activity objects one ingest request may carry. */
export const MAX_ACTIVITIES_PER_REQUEST = 1000;

/**
 * Required: the event itself (activityStatus, activityDateTime) and its channel (mediaType, which
 * routing and filters need). contactId and iid appear in every seed example too, but a platform that
 * omits them still has a deliverable activity, so they are optional rather than a reason to refuse it.
 */
export const REQUIRED_ACTIVITY_FIELDS = ['activityDateTime', 'activityStatus', 'mediaType'] as const;

// ---- field schemas, with short messages meant for API users ----------------------------------

type IssueInput = { input?: unknown };
const required = (message: string) => (issue: IssueInput) => (issue.input === undefined ? 'Required' : message);
const oneOf = (values: readonly string[]) => `Must be one of ${values.join(', ')}`;

const text = () => z.string({ error: required('Must be a string') });

/** Ids are JSON numbers in every example; a numeric string is refused rather than coerced. */
const id = () =>
  z.int({
    error: (issue) => {
      if (issue.input === undefined) return 'Required';
      if (typeof issue.input === 'number') return 'Must be a whole number';
      return 'Must be a number';
    },
  });

/** A JSON object with any content ("Data array" in the seeds' tables, `{}` or nested objects in the examples). */
const jsonObject = () =>
  z.record(z.string(), z.json({ error: 'Must be JSON data' }), { error: required('Must be an object') });

/**
 * ISO-8601 date-time, with or without fractional seconds and with or without a zone
 * ("2023-09-14T08:30:03", "2023-09-14T08:30:03.120Z", "2023-09-14T08:30:03+03:00").
 * Impossible dates (2023-02-30, hour 25) are refused.
 */
export const activityDateTimeSchema = isoInstant({
  local: true,
  error: required('Must be an ISO 8601 date-time, e.g. 2023-09-14T08:30:03'),
});

const activityShape = {
  activityDateTime: activityDateTimeSchema,
  activityStatus: z.enum(ACTIVITY_STATUSES, { error: required(oneOf(ACTIVITY_STATUSES)) }),
  broadcastId: id().optional(),
  bundleId: text().optional(),
  clickEventLink: text().optional(),
  contactId: id().optional(),
  email: text().optional(),
  externalCustomerId: text().optional(),
  from: text().optional(),
  hardBounce: z.boolean({ error: 'Must be true or false' }).optional(),
  iid: text().optional(),
  imId: id().optional(),
  mediaType: z.enum(MEDIA_TYPES, { error: required(oneOf(MEDIA_TYPES)) }),
  messageId: id().optional(),
  messageInstanceId: id().optional(),
  messageLanguageCode: text().optional(),
  messageName: text().optional(),
  messageTag: text().optional(),
  mobilepush: text().optional(),
  osName: text().optional(),
  osType: text().optional(),
  sms: text().optional(),
  sourceEventId: id().optional(),
  sourceEventKey: text().optional(),
  sourceEventTypeKey: text().optional(),
  statusData: jsonObject().optional(),
  statusDescription: text().optional(),
  subscription: jsonObject().optional(),
  subscriptions: z.array(z.string({ error: 'Must be a string' }), { error: 'Must be a list of strings' }).optional(),
  viber: text().optional(),
  viewMessageLink: text().optional(),
  webpush: text().optional(),
  workflowBlockId: text().optional(),
  workflowId: id().optional(),
  // The tables say int (eSputnik) or uuid (Yespo); the examples send a uuid string.
  workflowInstanceId: z
    .union([z.string(), z.int()], { error: 'Must be a string or a whole number' })
    .optional(),
};

/** Every field Hookline knows, in the order of the seeds' parameter tables (alphabetical). */
export const ACTIVITY_FIELDS = Object.keys(activityShape) as (keyof typeof activityShape)[];

/** One activity object. Unknown fields are kept as they are. */
export const activitySchema = z.looseObject(activityShape, { error: 'Must be an activity object' });
export type Activity = z.infer<typeof activitySchema>;

/** The ingest body: one activity or a non-empty array of at most MAX_ACTIVITIES_PER_REQUEST.
 *  keepInput: the answer is the sender's own (validated) objects, so JSON.stringify of it gives the
 *  sender's JSON again, key order included; correct only while activitySchema never changes a value. */
export const activityBatch: Batch<typeof activitySchema> = {
  item: activitySchema,
  max: MAX_ACTIVITIES_PER_REQUEST,
  noun: ['activity', 'activities'],
  keepInput: true,
};

/**
 * The body of an ingest request, always normalised to an array. Errors carry the path the sender
 * used: `['activityStatus']` for a single object, `[2, 'activityStatus']` for the third of an array.
 */
export const ingestBodySchema = batchSchema(activityBatch);
export type IngestBody = z.output<typeof ingestBodySchema>;

/** Validates an ingest body and returns it as an array of activities; throws a ZodError otherwise. */
export function toActivityArray(body: unknown): Activity[] {
  return ingestBodySchema.parse(body);
}
