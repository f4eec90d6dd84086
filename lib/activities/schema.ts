// The activity object: one contact activity (delivered, read, clicked …) as the upstream platform
// pushes it into Hookline, and as receivers get it back from Hookline, field for field.
//
// Fields are the union of the parameter tables of the eSputnik / Yespo activity-webhook pages
// (seeds 000–003, DESIGN.md §2); the types follow what the seeds' JSON examples actually send
// (see tests/support/seed-examples.ts, which tests/activities/schema.test.ts validates).
//
// The schema only *checks*: it never coerces, trims or defaults, so what is parsed is what is
// sent on. Fields it does not know are kept (the platform may add fields).
import { z } from 'zod';

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
export const activityDateTimeSchema = z.iso.datetime({
  local: true,
  offset: true,
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

/** A non-empty array of at most MAX_ACTIVITIES_PER_REQUEST activities (the length is checked before the objects). */
export const activityArraySchema = z
  .array(z.unknown(), { error: 'Must be an activity object or an array of them' })
  .min(1, 'Send at least one activity')
  .max(MAX_ACTIVITIES_PER_REQUEST, `At most ${MAX_ACTIVITIES_PER_REQUEST} activities per request; split the batch`)
  .pipe(z.array(activitySchema));

/**
 * The body of an ingest request: one activity object or a non-empty array of them (≤ 1,000),
 * always normalised to an array. Errors carry the path the sender used: `['activityStatus']` for a
 * single object, `[2, 'activityStatus']` for the third object of an array.
 *
 * The output is the sender's own (validated) objects rather than zod's rebuilt copies, so
 * JSON.stringify of the result gives the sender's JSON again, key order included. That is only
 * correct because activitySchema never changes a value; if a field ever gets a transform or
 * default, return `result.data` instead.
 */
export const ingestBodySchema = z.unknown().transform((body, ctx): Activity[] => {
  const isArray = Array.isArray(body);
  const result = isArray ? activityArraySchema.safeParse(body) : activitySchema.safeParse(body);
  if (!result.success) {
    // A bare non-object body: say that an array would also have done.
    const message = isArray ? undefined : 'Must be an activity object or an array of them';
    for (const issue of result.error.issues) {
      // Finished issues (message and path set) pass through unchanged; zod keeps both.
      ctx.issues.push((issue.path.length === 0 && message ? { ...issue, message } : issue) as z.core.$ZodRawIssue);
    }
    return z.NEVER;
  }
  return (isArray ? body : [body]) as Activity[];
});
export type IngestBody = z.output<typeof ingestBodySchema>;

/** Validates an ingest body and returns it as an array of activities; throws a ZodError otherwise. */
export function toActivityArray(body: unknown): Activity[] {
  return ingestBodySchema.parse(body);
}
