// Custom events an account receives (POST /api/v1/events): an event type key such as productViewed
// or subscribeFromApi, an optional key value, and parameters that workflow templates read as ${name}.
// Browser-safe: the ingest handler, the Events screen and the Send test step share it.
import { z } from 'zod';
import { batchSchema, type Batch } from '@/lib/http/batch';

/** Largest number of events one ingest request may carry. */
export const MAX_EVENTS_PER_REQUEST = 1000;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type EventParams = Record<string, JsonValue>;

const paramName = z.string({ error: 'Must be a string' }).trim().min(1, 'Name the parameter').max(200, 'At most 200 characters');

/** The platform's list form: `[{ "name": "email", "value": "a@b.c" }, …]` (a later name wins). */
const paramListSchema = z
  .array(z.object({ name: paramName, value: z.json({ error: 'Must be JSON data' }).optional() }, { error: 'Must be an object { name, value }' }))
  .transform((list): EventParams => Object.fromEntries(list.map((p) => [p.name, (p.value ?? null) as JsonValue])));

const paramObjectSchema = z.record(z.string(), z.json({ error: 'Must be JSON data' })) as z.ZodType<EventParams>;

/** An object of any JSON, or the list of { name, value } pairs, always normalised to an object
 *  (none, or null, is {}). */
export const eventParamsSchema = z.unknown().optional().transform((params, ctx): EventParams => {
  if (params === undefined || params === null) return {};
  const isObject = typeof params === 'object' && params !== null;
  const result = Array.isArray(params) ? paramListSchema.safeParse(params) : isObject ? paramObjectSchema.safeParse(params) : null;
  if (result?.success) return result.data;
  if (result) for (const issue of result.error.issues) ctx.issues.push(issue as z.core.$ZodRawIssue);
  else ctx.issues.push({ code: 'custom', input: params, message: 'Must be an object of parameters or a list of { name, value } pairs' });
  return z.NEVER;
}).meta({
  // What the document (lib/openapi) shows for this input: the transform above has no JSON Schema of its own.
  description: 'An object of parameters (any JSON values), or a list of { name, value } pairs (a later name wins); none or null is {}.',
  anyOf: [
    { type: 'object', additionalProperties: true },
    { type: 'array', items: { type: 'object', properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, value: {} }, required: ['name'] } },
    { type: 'null' },
  ],
});

export const eventInputSchema = z.object(
  {
    eventTypeKey: z
      .string({ error: (i) => (i.input === undefined ? 'Required' : 'Must be a string') })
      .trim()
      .min(1, 'Required')
      .max(100, 'At most 100 characters'),
    keyValue: z
      .union([z.string().trim().max(500, 'At most 500 characters'), z.number().transform(String)], { error: 'Must be a string' })
      .nullish()
      .transform((v) => v || undefined),
    params: eventParamsSchema,
  },
  { error: 'Must be an event object { eventTypeKey, keyValue, params }' },
);
export type EventInput = z.output<typeof eventInputSchema>;

/**
 * The body of POST /api/v1/events: one event or a non-empty array of at most 1,000, normalised to an
 * array. Errors carry the sender's path: `eventTypeKey` for one object, `2.params.0.name` in an array.
 */
export const eventBatch: Batch<typeof eventInputSchema> = { item: eventInputSchema, max: MAX_EVENTS_PER_REQUEST, noun: ['event', 'events'] };
export const eventIngestSchema = batchSchema(eventBatch);

export const EVENT_PAGE_MAX = 100;

export const eventListQuerySchema = z.object({
  eventTypeKey: z
    .string()
    .trim()
    .max(100, 'At most 100 characters')
    .transform((v) => v || undefined)
    .optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int('Must be a whole number').min(1, 'At least 1').max(EVENT_PAGE_MAX, `At most ${EVENT_PAGE_MAX}`).default(25),
});
export type EventListQuery = z.output<typeof eventListQuerySchema>;
export type EventListQueryInput = z.input<typeof eventListQuerySchema>;

export const eventViewSchema = z.object({
  /** A decimal string (the row id is a bigint). */
  id: z.string().regex(/^\d+$/),
  eventTypeKey: z.string(),
  keyValue: z.string().nullable(),
  params: paramObjectSchema,
  receivedAt: z.iso.datetime(),
});
export type EventView = z.infer<typeof eventViewSchema>;

export const eventPageSchema = z.object({ events: z.array(eventViewSchema), nextCursor: z.string().nullable() });
export type EventPage = z.infer<typeof eventPageSchema>;

/** POST /api/v1/events: how many were stored and their ids, in the order sent. */
export const eventIngestResultSchema = z.object({ accepted: z.int(), ids: z.array(z.string().regex(/^\d+$/)) });
export type EventTypeSummary = { eventTypeKey: string; count: number; lastReceivedAt: string };

/**
 * The variables a workflow template reads as `${name}`: the event's params, one level deep. Strings
 * stay as they are, numbers and booleans become their text, objects and arrays their JSON; a null
 * parameter is left out (the template lists it as missing).
 */
export function eventVariables(event: Pick<EventView, 'params'>): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.params)) {
    if (value === null || value === undefined) continue;
    vars[name] = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return vars;
}
