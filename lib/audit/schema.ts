// Audit → Account activity: the actions and targets an entry names, the filter (one source for the
// page's URL state, the routes and the tests) and the rows the routes answer with. Browser-safe.
import { z } from 'zod';

export const AUDIT_ACTIONS = [
  'created',
  'changed',
  'activated',
  'deactivated',
  'deleted',
  'restored',
  'tested',
  'replayed',
  'rotated_secret',
  'signed_in',
  'sign_in_failed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_TARGET_KINDS = ['event_webhook', 'export', 'laboratory', 'connector', 'request_webhook', 'workflow', 'user'] as const;
export type AuditTargetKind = (typeof AUDIT_TARGET_KINDS)[number];

export const ACTOR_KINDS = ['user', 'api_key', 'system'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const ACTION_LABEL: Record<AuditAction, string> = {
  created: 'Created',
  changed: 'Changed',
  activated: 'Activated',
  deactivated: 'Deactivated',
  deleted: 'Deleted',
  restored: 'Restored',
  tested: 'Tested',
  replayed: 'Replayed',
  rotated_secret: 'Rotated the signing secret',
  signed_in: 'Signed in',
  sign_in_failed: 'Failed to sign in',
};

export const TARGET_LABEL: Record<AuditTargetKind, string> = {
  event_webhook: 'Event webhook',
  export: 'Data export',
  laboratory: 'Laboratory webhook',
  connector: 'Connector',
  request_webhook: 'Request webhook',
  workflow: 'Workflow',
  user: 'User',
};

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;
export const CSV_MAX_ROWS = 100_000;

/** Query strings carry "" for a cleared field: treat it as absent. */
const optional = <S extends z.ZodType>(schema: S) => z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());
const instant = z.iso.datetime({ offset: true, error: 'Use an ISO 8601 date-time, e.g. 2026-11-01T00:00:00Z' });

const filterFields = {
  /** Part of the actor's name (email or API key name). */
  actor: optional(z.string().trim().max(200, 'At most 200 characters')),
  action: optional(z.enum(AUDIT_ACTIONS, { error: 'Not an action' })),
  targetKind: optional(z.enum(AUDIT_TARGET_KINDS, { error: 'Not a kind of target' })),
  from: optional(instant),
  to: optional(instant),
};

function checkRange(f: { from?: string; to?: string }, ctx: z.RefinementCtx) {
  if (f.from && f.to && Date.parse(f.from) >= Date.parse(f.to)) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end must be after the start' });
}

export const auditFilterSchema = z.object(filterFields).superRefine(checkRange);
export type AuditFilter = z.output<typeof auditFilterSchema>;

export const auditListQuerySchema = z
  .object({
    ...filterFields,
    cursor: optional(z.string().max(200)),
    limit: z.coerce.number().int('Must be a whole number').min(1, 'At least 1').max(MAX_LIMIT, `At most ${MAX_LIMIT}`).default(DEFAULT_LIMIT),
  })
  .superRefine(checkRange);
export type AuditListQuery = z.output<typeof auditListQuerySchema>;

/** The filter as query-string pairs (empty fields left out), for the page's URL, links and fetches. */
export function auditFilterToSearchParams(f: Partial<AuditFilter>): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of Object.keys(filterFields) as (keyof AuditFilter)[]) if (f[key]) params.set(key, String(f[key]));
  return params;
}

/** The filter of a query string; an invalid field is dropped rather than failing the whole page. */
export function auditFilterFromSearchParams(params: URLSearchParams): AuditFilter {
  const raw = Object.fromEntries(params);
  const parsed = auditFilterSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
  return auditFilterSchema.parse(Object.fromEntries(Object.entries(raw).filter(([k]) => !bad.has(k) && k in filterFields)));
}

export type AuditRow = {
  id: string;
  at: string;
  actorKind: ActorKind;
  actorName: string;
  action: AuditAction;
  targetKind: AuditTargetKind;
  targetId: string | null;
  targetName: string | null;
  address: string | null;
  /** Changed field names, never values. */
  fields: string[];
};
export type AuditPage = { rows: AuditRow[]; nextCursor: string | null };
