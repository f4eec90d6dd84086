// Audit → Webhook logs: the filter (one source for the page's URL state, the routes and the tests),
// and the shapes the routes answer with. Browser-safe.
import { z } from 'zod';
import { isoInstant } from '@/lib/http/instant';

/** A status class, "network" (no HTTP answer: timeout, refused, DNS …) or one exact HTTP code. */
export const STATUS_CLASSES = ['2xx', '3xx', '4xx', '5xx', 'network'] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];
const STATUS_FILTER = /^(?:[1-5]xx|network|[1-5]\d\d)$/;

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;
/** The CSV export stops after this many rows. */
export const CSV_MAX_ROWS = 100_000;

/** Query strings carry "" for a cleared field: treat it as absent. */
const optional = <S extends z.ZodType>(schema: S) => z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());
const instant = isoInstant({ error: 'Use an ISO 8601 date-time, e.g. 2026-11-01T00:00:00Z' });
const flag = z.union([z.boolean(), z.stringbool({ error: 'Use true or false' })]);

const filterFields = {
  endpointId: optional(z.uuid('Not a webhook id')),
  status: optional(z.string().trim().toLowerCase().regex(STATUS_FILTER, 'Use 2xx, 3xx, 4xx, 5xx, network or a 3-digit HTTP code')),
  from: optional(instant),
  to: optional(instant),
  q: optional(z.string().trim().max(200, 'At most 200 characters')),
  /** false (default): failed delivery attempts only; true: every attempt, successes and tests too. */
  all: flag.default(false),
};

function checkRange(f: { from?: string; to?: string }, ctx: z.RefinementCtx) {
  if (f.from && f.to && Date.parse(f.from) >= Date.parse(f.to)) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end must be after the start' });
}

export const logFilterSchema = z.object(filterFields).superRefine(checkRange);
export type LogFilter = z.output<typeof logFilterSchema>;

export const logListQuerySchema = z
  .object({
    ...filterFields,
    cursor: optional(z.string().max(200)),
    limit: z.coerce.number().int('Must be a whole number').min(1, 'At least 1').max(MAX_LIMIT, `At most ${MAX_LIMIT}`).default(DEFAULT_LIMIT),
  })
  .superRefine(checkRange);
export type LogListQuery = z.output<typeof logListQuerySchema>;

/** The filter as query-string pairs (defaults and empty fields left out), for links and fetches. */
export function filterToSearchParams(f: Partial<LogFilter>): URLSearchParams {
  const params = new URLSearchParams();
  if (f.endpointId) params.set('endpointId', f.endpointId);
  if (f.status) params.set('status', f.status);
  if (f.from) params.set('from', f.from);
  if (f.to) params.set('to', f.to);
  if (f.q) params.set('q', f.q);
  if (f.all) params.set('all', 'true');
  return params;
}

/** The filter of a query string; an invalid field is dropped rather than failing the whole page. */
export function filterFromSearchParams(params: URLSearchParams): LogFilter {
  const raw = Object.fromEntries(params);
  const parsed = logFilterSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
  return logFilterSchema.parse(Object.fromEntries(Object.entries(raw).filter(([k]) => !bad.has(k) && k in filterFields)));
}

/** `workflow`: a request webhook sent by a workflow run (endpointId is the request webhook's id). */
export type EndpointKindName = 'laboratory' | 'export' | 'event' | 'workflow';

/** One row of the log: one HTTP attempt. */
export type LogRow = {
  id: string;
  startedAt: string;
  endpointId: string;
  endpointName: string;
  kind: EndpointKindName;
  /** The webhook was deleted: its name and kind are as they were then. */
  endpointDeleted: boolean;
  /** The HTTP status, or null when no answer arrived (see errorKind). */
  responseStatus: number | null;
  errorKind: string | null;
  /** "HTTP 500", "Connection refused" …; null for a success. */
  error: string | null;
  /** The start of the response body (the server's own words about the error). */
  responseSnippet: string | null;
  attemptNo: number;
  isTest: boolean;
  success: boolean;
  durationMs: number;
  /** pending | delivered; null for tests and workflow requests. */
  deliveryStatus: 'pending' | 'delivered' | null;
  /** The workflow run that sent this request (its detail page links here), else null. */
  workflowRunId: string | null;
};
export type LogPage = { rows: LogRow[]; nextCursor: string | null };

export type LogDetail = LogRow & {
  deliveryId: string | null;
  request: { method: string; url: string; headers: Record<string, string>; body: string | null };
  response: { status: number; headers: Record<string, string>; body: string } | null;
};

export type ChartBucket = 'hour' | 'day';
export type LogChart = { from: string; to: string; bucket: ChartBucket; points: { t: string; success: number; failure: number }[] };

export type ReplayResult =
  | { action: 'retried'; endpointId: string; deliveryId: string }
  | { action: 'requeued'; endpointId: string; deliveryId: string; seq: string };
export type BulkReplayResult = { endpoints: number; deliveries: number; inactiveEndpoints: number };

/** "500", "timeout" …: what the Status column shows. */
export const statusLabel = (r: Pick<LogRow, 'responseStatus' | 'errorKind'>) => (r.responseStatus !== null ? String(r.responseStatus) : (r.errorKind ?? 'error'));
