// Endpoint (webhook receiver) schemas: one source for the screens' forms, the route handlers and the tests.
import { z } from 'zod';
import { ACTIVITY_STATUSES } from '@/lib/activities/schema';

export const ENDPOINT_KINDS = ['laboratory', 'export', 'event'] as const;
export type EndpointKind = (typeof ENDPOINT_KINDS)[number];
export const PAYLOAD_FORMATS = ['array', 'object'] as const;
export const MAX_CUSTOM_HEADERS = 5;

/** Headers Hookline sets itself; a custom header may not replace them. */
export const RESERVED_HEADERS = [
  'authorization',
  'content-type',
  'content-length',
  'host',
  'user-agent',
  'connection',
  'transfer-encoding',
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
] as const;

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export const webhookUrlSchema = z
  .string()
  .trim()
  .min(1, 'Enter the webhook URL')
  .max(2048, 'At most 2,048 characters')
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
    } catch {
      return false;
    }
  }, 'Enter a full http:// or https:// address')
  .refine((v) => {
    try {
      const u = new URL(v);
      return !u.username && !u.password;
    } catch {
      return true;
    }
  }, 'Put the login and password in Authentication, not in the URL');

export const customHeaderSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Enter the header name')
    .max(100, 'At most 100 characters')
    .regex(TOKEN, 'Letters, digits and - only')
    .refine((n) => !(RESERVED_HEADERS as readonly string[]).includes(n.toLowerCase()), 'Hookline sets this header itself'),
  value: z.string().max(2000, 'At most 2,000 characters').refine((v) => !/[\r\n]/.test(v), 'No line breaks in header values'),
});
export type CustomHeader = z.infer<typeof customHeaderSchema>;

export const customHeadersSchema = z
  .array(customHeaderSchema)
  .max(MAX_CUSTOM_HEADERS, `At most ${MAX_CUSTOM_HEADERS} headers`)
  .superRefine((headers, ctx) => {
    const seen = new Set<string>();
    headers.forEach((h, i) => {
      const key = h.name.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: 'This header is already set' });
      seen.add(key);
    });
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
export type EndpointView = {
  id: string;
  kind: EndpointKind;
  name: string;
  url: string;
  active: boolean;
  statuses: string[];
  format: (typeof PAYLOAD_FORMATS)[number];
  auth: { login: string; passwordSet: boolean } | null;
  headers: CustomHeader[];
  /** active | inactive | failing (the head delivery is being retried). */
  state: 'active' | 'inactive' | 'failing';
  blockedSince: string | null;
  /** Deliveries and activities waiting for this endpoint. */
  waiting: number;
  lastSuccessAt: string | null;
  nextAttemptAt: string | null;
  /** While failing: the latest failed attempt ("HTTP 503", "Connection refused" …) and when. */
  lastError: { attemptId: string; at: string; status: number | null; message: string } | null;
  createdAt: string;
};
