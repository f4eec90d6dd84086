// Automation → Workflows: the one description of a workflow (a trigger and a linear chain of blocks),
// of its runs and of the launch-history filter. The editor's form, the route handlers, the API
// (`/api/v1/workflows`), OpenAPI and the tests all use these schemas. Browser-safe.
//
// Two levels of checking:
// - `workflowInputSchema` (every save): the shape and the limits — a draft may still be incomplete
//   (no trigger yet, a webhook block without its webhook).
// - activation (lib/workflows/validate.ts): a trigger, every webhook chosen and not deleted, a contact
//   identification field on every webhook block, templates that parse — field by field.
import { z } from 'zod';
import { isoInstant } from '@/lib/http/instant';
import { MAX_TEMPLATE_LENGTH } from '@/lib/templates/velocity';

export const MAX_WORKFLOW_NAME = 200;
export const MAX_EVENT_KEY = 200;
export const MAX_BLOCKS = 50;
export const MAX_IDENTIFIER_TEMPLATE = 500;
export const MAX_SUBJECT_LENGTH = 1000;
export const MAX_DELAY_DAYS = 365;
export const WEBHOOK_TIMEOUT_MS = { min: 1000, max: 30_000, default: 10_000 } as const;

export const BLOCK_KINDS = ['webhook', 'message', 'delay'] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];
export const CHANNELS = ['email', 'sms'] as const;
export const DELAY_UNITS = ['minutes', 'hours', 'days'] as const;
export type DelayUnit = (typeof DELAY_UNITS)[number];
export const DELAY_UNIT_MS: Record<DelayUnit, number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };
/** What a webhook block does when its request still fails after its retries. */
export const ON_FAILURE = ['stop', 'continue'] as const;

export const RUN_STATUSES = ['running', 'waiting', 'completed', 'failed', 'skipped'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const STEP_STATUSES = ['completed', 'failed', 'retrying', 'skipped', 'waiting'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** A block's id, unique within its workflow (the seed's workflowBlockId: "e_e9e90420db06b64c157440cd60d0b73d"). */
export const blockIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Letters, digits, _ and - only (at most 64)');

/** A new block id, the seed's shape: e_ and 32 hex digits. */
export function newBlockId(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return `e_${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

const template = (max: number) => z.string({ error: 'Must be a string' }).max(max, `At most ${max} characters`);

export const triggerSchema = z.object({
  /** The event type key that starts a run (POST /api/v1/events `eventTypeKey`); "" while a draft has none. */
  eventTypeKey: z.string({ error: 'Must be a string' }).trim().max(MAX_EVENT_KEY, `At most ${MAX_EVENT_KEY} characters`),
  /** Only events whose param equals the value (compared as text) start a run. */
  filter: z
    .object({
      param: z.string().trim().min(1, 'Name the parameter').max(200, 'At most 200 characters'),
      value: z.string().max(1000, 'At most 1000 characters'),
    })
    .nullable()
    .default(null),
});
export type Trigger = z.output<typeof triggerSchema>;

export const webhookBlockSchema = z.object({
  id: blockIdSchema,
  kind: z.literal('webhook'),
  /** The request webhook (Automation → Workflow webhooks) it sends; null while a draft has none. */
  webhookId: z.uuid('Choose a webhook').nullable().default(null),
  /** The seed's three contact-identification fields: a value or a template such as ${email}. One is enough. */
  contactId: template(MAX_IDENTIFIER_TEMPLATE).default(''),
  phone: template(MAX_IDENTIFIER_TEMPLATE).default(''),
  email: template(MAX_IDENTIFIER_TEMPLATE).default(''),
  timeoutMs: z.coerce
    .number()
    .int('Must be a whole number')
    .min(WEBHOOK_TIMEOUT_MS.min, `At least ${WEBHOOK_TIMEOUT_MS.min} ms`)
    .max(WEBHOOK_TIMEOUT_MS.max, `At most ${WEBHOOK_TIMEOUT_MS.max} ms`)
    .default(WEBHOOK_TIMEOUT_MS.default),
  onFailure: z.enum(ON_FAILURE, { error: 'Choose stop or continue' }).default('stop'),
});

export const messageBlockSchema = z.object({
  id: blockIdSchema,
  kind: z.literal('message'),
  channel: z.enum(CHANNELS, { error: 'Choose email or sms' }).default('email'),
  /** Velocity templates; an email body is HTML (inserted values escaped unless the template asks otherwise). */
  subject: template(MAX_SUBJECT_LENGTH).default(''),
  body: template(MAX_TEMPLATE_LENGTH).default(''),
});

export const delayBlockSchema = z
  .object({
    id: blockIdSchema,
    kind: z.literal('delay'),
    // The refinement below has no JSON Schema: the document (lib/openapi) says it in words.
    amount: z.coerce
      .number({ error: 'Must be a number' })
      .int('Must be a whole number')
      .min(1, 'At least 1')
      .meta({ description: `How many units to wait; at most ${MAX_DELAY_DAYS} days in all (amount × unit).` }),
    unit: z.enum(DELAY_UNITS, { error: 'Choose minutes, hours or days' }).default('hours'),
  })
  .refine((b) => b.amount * DELAY_UNIT_MS[b.unit] <= MAX_DELAY_DAYS * DELAY_UNIT_MS.days, {
    message: `At most ${MAX_DELAY_DAYS} days`,
    path: ['amount'],
  });

export const blockSchema = z.discriminatedUnion('kind', [webhookBlockSchema, messageBlockSchema, delayBlockSchema], {
  error: 'Must be a webhook, message or delay block',
});
export type WebhookBlock = z.output<typeof webhookBlockSchema>;
export type MessageBlock = z.output<typeof messageBlockSchema>;
export type DelayBlock = z.output<typeof delayBlockSchema>;
export type Block = z.output<typeof blockSchema>;
export type BlockInput = z.input<typeof blockSchema>;

export const workflowDefinitionSchema = z
  .object({
    trigger: triggerSchema,
    blocks: z.array(blockSchema).max(MAX_BLOCKS, `At most ${MAX_BLOCKS} blocks`).default([]),
  })
  .superRefine((d, ctx) => {
    const seen = new Set<string>();
    d.blocks.forEach((b, i) => {
      if (seen.has(b.id)) ctx.addIssue({ code: 'custom', path: ['blocks', i, 'id'], message: 'Another block has this id' });
      seen.add(b.id);
    });
  });
export type WorkflowDefinition = z.output<typeof workflowDefinitionSchema>;

/** Create and update (PUT: the whole workflow). */
export const workflowInputSchema = z.object({
  name: z.string({ error: 'Required' }).trim().min(1, 'Name the workflow').max(MAX_WORKFLOW_NAME, `At most ${MAX_WORKFLOW_NAME} characters`),
  trigger: triggerSchema,
  blocks: z.array(blockSchema).max(MAX_BLOCKS, `At most ${MAX_BLOCKS} blocks`).default([]),
});
export type WorkflowInput = z.output<typeof workflowInputSchema>;
export type WorkflowFormValues = z.input<typeof workflowInputSchema>;

// ---- answers --------------------------------------------------------------------------------------

/** One thing activation found wrong, with the form's field path (`blocks.2.webhookId`, `trigger.eventTypeKey`). */
export const problemSchema = z.object({ field: z.string(), message: z.string() });
export type WorkflowProblem = z.output<typeof problemSchema>;

export const workflowViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  active: z.boolean(),
  version: z.number().int(),
  trigger: triggerSchema,
  blocks: z.array(blockSchema),
  /** What activation would refuse now (a deleted webhook shows here on the list and in the editor). */
  problems: z.array(problemSchema),
  stats: z.object({
    runs24h: z.number().int(),
    failures24h: z.number().int(),
    inProgress: z.number().int(),
    lastRunAt: z.iso.datetime().nullable(),
  }),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type WorkflowView = z.output<typeof workflowViewSchema>;

export const runStepViewSchema = z.object({
  id: z.string(),
  blockId: z.string(),
  blockIndex: z.number().int(),
  kind: z.enum(BLOCK_KINDS),
  status: z.enum(STEP_STATUSES),
  try: z.number().int(),
  startedAt: z.iso.datetime(),
  durationMs: z.number().int(),
  request: z
    .object({ method: z.string(), url: z.string(), headers: z.record(z.string(), z.string()), body: z.string().nullable() })
    .nullable(),
  response: z
    .object({ status: z.number().int(), headers: z.record(z.string(), z.string()), body: z.string(), durationMs: z.number() })
    .nullable(),
  dataAdded: z.record(z.string(), z.unknown()).nullable(),
  message: z
    .object({ channel: z.enum(CHANNELS), subject: z.string().nullable(), body: z.string(), messageId: z.string(), messageInstanceId: z.string() })
    .nullable(),
  error: z.string().nullable(),
  attemptId: z.string().nullable(),
});
export type RunStepView = z.output<typeof runStepViewSchema>;

export const runViewSchema = z.object({
  id: z.uuid(),
  workflowId: z.uuid(),
  workflowName: z.string(),
  version: z.number().int(),
  status: z.enum(RUN_STATUSES),
  reason: z.string().nullable(),
  eventId: z.string().nullable(),
  eventTypeKey: z.string(),
  eventKey: z.string().nullable(),
  contactId: z.uuid().nullable(),
  contactEmail: z.string().nullable(),
  /** The block the run is at (or ended at). */
  step: z.number().int(),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
  /** When a waiting run (delay, retry) is due. */
  dueAt: z.iso.datetime().nullable(),
  durationMs: z.number().int().nullable(),
});
export type RunView = z.output<typeof runViewSchema>;

export const runDetailSchema = runViewSchema.extend({
  eventParams: z.record(z.string(), z.unknown()),
  data: z.record(z.string(), z.unknown()),
  steps: z.array(runStepViewSchema),
});
export type RunDetail = z.output<typeof runDetailSchema>;

// ---- launch history ----------------------------------------------------------------------------------

export const RUN_PAGE_DEFAULT = 50;
export const RUN_PAGE_MAX = 200;

/** Query strings carry "" for a cleared field: treat it as absent. */
const optional = <S extends z.ZodType>(schema: S) => z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());
const instant = isoInstant({ error: 'Use an ISO 8601 date-time, e.g. 2026-11-01T00:00:00Z' });

const runFilterFields = {
  workflowId: optional(z.uuid('Not a workflow id')).meta({ description: 'Only this workflow’s runs (under /workflows/{id}/runs the path’s workflow is used).' }),
  status: optional(z.enum(RUN_STATUSES, { error: `Use ${RUN_STATUSES.join(', ')}` })),
  from: optional(instant),
  to: optional(instant),
  email: optional(z.string().trim().max(320, 'At most 320 characters')),
  eventKey: optional(z.string().trim().max(500, 'At most 500 characters')),
};

export const runFilterSchema = z.object(runFilterFields).superRefine((f, ctx) => {
  if (f.from && f.to && Date.parse(f.from) >= Date.parse(f.to)) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end must be after the start' });
});
export type RunFilter = z.output<typeof runFilterSchema>;

export const runListQuerySchema = z
  .object({
    ...runFilterFields,
    cursor: optional(z.string().max(200)),
    limit: z.coerce.number().int('Must be a whole number').min(1, 'At least 1').max(RUN_PAGE_MAX, `At most ${RUN_PAGE_MAX}`).default(RUN_PAGE_DEFAULT),
  })
  .superRefine((f, ctx) => {
    if (f.from && f.to && Date.parse(f.from) >= Date.parse(f.to)) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end must be after the start' });
  });
export type RunListQuery = z.output<typeof runListQuerySchema>;
export type RunPage = { runs: RunView[]; nextCursor: string | null };

// ---- preview (POST /api/workflows/preview) ----------------------------------------------------------

/** The editor's live preview of a message block: the chain as it is in the editor (saved or not). */
export const previewInputSchema = z.object({
  trigger: triggerSchema.optional(),
  blocks: z.array(blockSchema).max(MAX_BLOCKS, `At most ${MAX_BLOCKS} blocks`),
  /** The message block to render; the webhook blocks before it run first, as tests. */
  blockId: blockIdSchema,
  contactId: z.uuid('Not a contact id').optional(),
  /** A received event (its id), or typed params. */
  eventId: z.string().regex(/^\d{1,18}$/, 'Not an event id').optional(),
  event: z.record(z.string(), z.unknown()).optional(),
});
export type PreviewInput = z.output<typeof previewInputSchema>;

export type PreviewResult = {
  webhooks: { blockId: string; name: string | null; ok: boolean; status: number | null; error: string | null }[];
  /** $data as the message sees it. */
  data: Record<string, unknown>;
  subject: string | null;
  body: string | null;
  /** Why the message could not be rendered (a template error), else null. */
  error: string | null;
};
