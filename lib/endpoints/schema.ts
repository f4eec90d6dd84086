// Endpoint (webhook receiver) schemas: one source for the screens' forms, the route handlers and the tests.
import { z } from 'zod';
import { ACTIVITY_STATUSES } from '@/lib/activities/schema';
import { RESERVED_HEADER_MESSAGE, headerListIssues, urlProblem, type OwnHeaders } from '@/lib/http/rules';

export const ENDPOINT_KINDS = ['laboratory', 'export', 'event'] as const;
export type EndpointKind = (typeof ENDPOINT_KINDS)[number];
export const PAYLOAD_FORMATS = ['array', 'object'] as const;
export const MAX_CUSTOM_HEADERS = 5;

/** Headers an export sets from its own settings (lib/delivery/request.ts); the rest are reserved for every request (lib/http/rules.ts). */
export const EXPORT_OWN_HEADERS: OwnHeaders = {
  authorization: 'Set the login and password under Authentication',
  'content-type': 'Hookline sends JSON and sets this header itself',
  'user-agent': RESERVED_HEADER_MESSAGE,
};

export const webhookUrlSchema = z
  .string()
  .trim()
  .min(1, 'Enter the webhook URL')
  .superRefine((url, ctx) => {
    const problem = url && urlProblem(url, { https: false }); // empty: 'Enter the webhook URL'
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const customHeaderSchema = z.object({
  name: z.string().trim(),
  value: z.string().max(2000, 'At most 2,000 characters'),
});
export type CustomHeader = z.infer<typeof customHeaderSchema>;

export const customHeadersSchema = z
  .array(customHeaderSchema)
  .max(MAX_CUSTOM_HEADERS, `At most ${MAX_CUSTOM_HEADERS} headers`)
  .superRefine((headers, ctx) => {
    for (const issue of headerListIssues(headers, { own: EXPORT_OWN_HEADERS })) ctx.addIssue({ code: 'custom', ...issue });
  });

/** Basic auth. On update, an absent password keeps the stored one. */
export const basicAuthSchema = z.object({
  login: z.string().trim().min(1, 'Enter the login').max(200, 'At most 200 characters'),
  password: z.string().min(1, 'Enter the password').max(200, 'At most 200 characters').optional(),
});

export const statusesSchema = z
  .array(z.enum(ACTIVITY_STATUSES, { error: `Must be one of ${ACTIVITY_STATUSES.join(', ')}` }))
  .min(1, 'Choose at least one activity status')
  .transform((s) => ACTIVITY_STATUSES.filter((x) => s.includes(x)));

export const endpointFields = {
  name: z.string().trim().min(1, 'Enter a name').max(100, 'At most 100 characters'),
  url: webhookUrlSchema,
  active: z.boolean(),
  statuses: statusesSchema,
  format: z.enum(PAYLOAD_FORMATS),
  auth: basicAuthSchema.nullable(),
  headers: customHeadersSchema,
};

export const endpointCreateSchema = z.object({
  kind: z.enum(['laboratory', 'export']).default('export'),
  name: endpointFields.name,
  url: endpointFields.url,
  active: endpointFields.active.default(true),
  statuses: endpointFields.statuses.default([...ACTIVITY_STATUSES]),
  format: endpointFields.format.default('array'),
  auth: endpointFields.auth.default(null),
  headers: endpointFields.headers.default([]),
});
export type EndpointCreateInput = z.input<typeof endpointCreateSchema>;
export type EndpointCreate = z.output<typeof endpointCreateSchema>;

export const endpointUpdateSchema = z.object(endpointFields).partial();
export type EndpointUpdate = z.output<typeof endpointUpdateSchema>;

export const endpointListQuerySchema = z.object({ kind: z.enum(ENDPOINT_KINDS).optional() });

/** What the API and the screens see of an endpoint: secrets never leave the server. */
export const endpointViewSchema = z.object({
  id: z.uuid(),
  kind: z.enum(ENDPOINT_KINDS),
  name: z.string(),
  url: z.string(),
  active: z.boolean(),
  /** The activity statuses it takes (empty for event webhooks, which take one event type). */
  statuses: z.array(z.string()),
  format: z.enum(PAYLOAD_FORMATS),
  auth: z.object({ login: z.string(), passwordSet: z.boolean() }).nullable(),
  /** Custom headers; credential-like values come back masked. */
  headers: z.array(z.object({ name: z.string(), value: z.string() })),
  /** active | inactive | failing (the head delivery is being retried). */
  state: z.enum(['active', 'inactive', 'failing']),
  blockedSince: z.iso.datetime().nullable(),
  /** Deliveries and activities waiting for this endpoint. */
  waiting: z.int().min(0),
  lastSuccessAt: z.iso.datetime().nullable(),
  nextAttemptAt: z.iso.datetime().nullable(),
  /** While failing: the latest failed attempt ("HTTP 503", "Connection refused" …) and when. */
  lastError: z.object({ attemptId: z.string(), at: z.iso.datetime(), status: z.int().nullable(), message: z.string() }).nullable(),
  createdAt: z.iso.datetime(),
});
export type EndpointView = z.infer<typeof endpointViewSchema>;

/** A new endpoint and its signing secret (shown once). */
export const endpointCreatedSchema = z.object({ endpoint: endpointViewSchema, signingSecret: z.string().regex(/^whsec_/) });
/** A rotated secret; the previous one keeps verifying until previousValidUntil. */
export const secretRotatedSchema = z.object({ signingSecret: z.string().regex(/^whsec_/), previousValidUntil: z.iso.datetime() });
