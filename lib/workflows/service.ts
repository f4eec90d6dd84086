// Automation → Workflows: list (with each workflow's run figures), get, create, update (PUT, the whole
// workflow), duplicate, delete, activate and deactivate. A save that changes the definition bumps the
// version and stores it as a WorkflowVersion in the same transaction (runs finish on the version they
// started with); the trigger's event type is copied out for ingest's index. Activation, and any save of
// an active workflow, must pass lib/workflows/validate.ts; every view carries what it would refuse now.
import { isDeepStrictEqual } from 'node:util';
import { db } from '@/lib/db';
import { recordAudit } from '@/lib/audit/service';
import { ApiError, isUniqueViolation, nameTaken, notFound } from '@/lib/http/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import {
  MAX_WORKFLOW_NAME,
  workflowDefinitionSchema,
  type WorkflowDefinition,
  type WorkflowInput,
  type WorkflowView,
} from './schema';
import { assertActivatable, webhookIdsOf, workflowProblems, type WebhookState } from './validate';

export type Tx = Prisma.TransactionClient;
type Queryable = Pick<Tx, '$queryRaw'>;

type WorkflowRow = { id: string; name: string; active: boolean; version: number; definition: unknown; created_at: Date; updated_at: Date };
type Stats = WorkflowView['stats'];
const NO_STATS: Stats = { runs24h: 0, failures24h: 0, inProgress: 0, lastRunAt: null };
const DAY_MS = 86_400_000;

/** A stored definition as the schema reads it (defaults filled in for fields added since it was saved). */
function definitionOf(row: Pick<WorkflowRow, 'definition'>): WorkflowDefinition {
  const parsed = workflowDefinitionSchema.safeParse(row.definition);
  if (parsed.success) return parsed.data;
  // Stored by this module, so valid when written; never fail a list over it.
  const d = (row.definition ?? {}) as Partial<WorkflowDefinition>;
  return { trigger: { eventTypeKey: d.trigger?.eventTypeKey ?? '', filter: d.trigger?.filter ?? null }, blocks: Array.isArray(d.blocks) ? d.blocks : [] };
}

/** The definition a save stores, or a 422 (two blocks with one id …). */
const definitionFromInput = (input: WorkflowInput): WorkflowDefinition => workflowDefinitionSchema.parse({ trigger: input.trigger, blocks: input.blocks });

function toView(row: WorkflowRow, webhooks: ReadonlyMap<string, WebhookState>, stats: Stats): WorkflowView {
  const def = definitionOf(row);
  return {
    id: row.id,
    name: row.name,
    active: row.active,
    version: row.version,
    trigger: def.trigger,
    blocks: def.blocks,
    problems: workflowProblems(def, webhooks),
    stats,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The account's request webhooks among `ids`, deleted ones too; `lock` holds them (FOR SHARE) until
 *  the transaction ends, so a webhook cannot be deleted between the check and the activation. */
async function webhookStates(q: Queryable, accountId: string, ids: string[], { lock = false } = {}): Promise<Map<string, WebhookState>> {
  if (ids.length === 0) return new Map();
  const rows = lock
    ? await q.$queryRaw<{ id: string; name: string; deleted: boolean }[]>`
        SELECT id, name, deleted_at IS NOT NULL AS deleted FROM request_webhooks
         WHERE account_id = ${accountId}::uuid AND id = ANY(${ids}::uuid[]) ORDER BY id FOR SHARE`
    : await q.$queryRaw<{ id: string; name: string; deleted: boolean }[]>`
        SELECT id, name, deleted_at IS NOT NULL AS deleted FROM request_webhooks
         WHERE account_id = ${accountId}::uuid AND id = ANY(${ids}::uuid[])`;
  return new Map(rows.map((r) => [r.id, { name: r.name, deleted: r.deleted }]));
}

/**
 * Each workflow's figures, over the workflow_runs indexes: runs and failures since 24 h ago and the
 * last run on (workflow_id, started_at desc, id desc); runs in progress on the partial index of
 * running/waiting runs (a delay can keep one waiting for a year).
 */
async function statsOf(accountId: string, ids: string[], now = new Date()): Promise<Map<string, Stats>> {
  if (ids.length === 0) return new Map();
  const since = new Date(now.getTime() - DAY_MS);
  const rows = await db().$queryRaw<{ id: string; runs: number; failures: number; in_progress: number; last_run_at: Date | null }[]>`
    SELECT w.id, d.runs, d.failures, p.in_progress, l.last_run_at
      FROM workflows w
      CROSS JOIN LATERAL (
        SELECT count(*)::int AS runs, (count(*) FILTER (WHERE r.status = 'failed'))::int AS failures
          FROM workflow_runs r WHERE r.workflow_id = w.id AND r.started_at >= ${since}) d
      CROSS JOIN LATERAL (
        SELECT count(*)::int AS in_progress FROM workflow_runs r
         WHERE r.workflow_id = w.id AND r.status IN ('running', 'waiting')) p
      LEFT JOIN LATERAL (
        SELECT r.started_at AS last_run_at FROM workflow_runs r
         WHERE r.workflow_id = w.id ORDER BY r.started_at DESC, r.id DESC LIMIT 1) l ON true
     WHERE w.account_id = ${accountId}::uuid AND w.id = ANY(${ids}::uuid[])`;
  return new Map(rows.map((r) => [r.id, { runs24h: r.runs, failures24h: r.failures, inProgress: r.in_progress, lastRunAt: r.last_run_at?.toISOString() ?? null }]));
}

const SELECT_WORKFLOW = 'SELECT id, name, active, version, definition, created_at, updated_at FROM workflows';

async function views(accountId: string, rows: WorkflowRow[]): Promise<WorkflowView[]> {
  const ids = rows.map((r) => r.id);
  const hookIds = [...new Set(rows.flatMap((r) => webhookIdsOf(definitionOf(r))))];
  const [hooks, stats] = await Promise.all([webhookStates(db(), accountId, hookIds), statsOf(accountId, ids)]);
  return rows.map((r) => toView(r, hooks, stats.get(r.id) ?? NO_STATS));
}

export async function listWorkflows(accountId: string): Promise<WorkflowView[]> {
  const rows = await db().$queryRawUnsafe<WorkflowRow[]>(`${SELECT_WORKFLOW} WHERE account_id = $1::uuid ORDER BY lower(name), id`, accountId);
  return views(accountId, rows);
}

export async function getWorkflow(accountId: string, id: string): Promise<WorkflowView> {
  const rows = await db().$queryRawUnsafe<WorkflowRow[]>(`${SELECT_WORKFLOW} WHERE account_id = $1::uuid AND id = $2::uuid`, accountId, id);
  if (!rows[0]) throw notFound('Workflow');
  return (await views(accountId, rows))[0];
}

/** The workflow row, locked for the rest of the transaction. */
async function lockWorkflow(tx: Tx, accountId: string, id: string): Promise<WorkflowRow> {
  const rows = await tx.$queryRawUnsafe<WorkflowRow[]>(`${SELECT_WORKFLOW} WHERE account_id = $1::uuid AND id = $2::uuid FOR UPDATE`, accountId, id);
  if (!rows[0]) throw notFound('Workflow');
  return rows[0];
}

/**
 * What a save checks beyond the schema: every webhook a block names is one of this account's (a
 * deleted one may stay in a draft: restoring it heals the workflow); an active workflow must also pass
 * activation, with the webhooks it names locked until the transaction ends. 422 field by field.
 */
async function assertSavable(tx: Tx, accountId: string, def: WorkflowDefinition, { active }: { active: boolean }): Promise<void> {
  const hooks = await webhookStates(tx, accountId, webhookIdsOf(def), { lock: active });
  const fields: Record<string, string[]> = {};
  def.blocks.forEach((b, i) => {
    if (b.kind === 'webhook' && b.webhookId && !hooks.has(b.webhookId)) fields[`blocks.${i}.webhookId`] = ['Choose one of your webhooks'];
  });
  if (Object.keys(fields).length > 0) throw new ApiError('unprocessable_entity', 'Some fields are invalid', fields);
  if (active) assertActivatable(workflowProblems(def, hooks));
}

/** Runs the write; a name another workflow of the account has is a 409 on `name`. */
async function writing<T>(name: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db().$transaction(fn);
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken('workflow', name);
    throw err;
  }
}

async function insertWorkflow(tx: Tx, accountId: string, name: string, def: WorkflowDefinition): Promise<string> {
  const created = await tx.workflow.create({
    data: { accountId, name, active: false, version: 1, triggerEventType: def.trigger.eventTypeKey, definition: def as Prisma.InputJsonValue },
    select: { id: true },
  });
  await tx.workflowVersion.create({ data: { workflowId: created.id, version: 1, definition: def as Prisma.InputJsonValue } });
  await recordAudit(tx, { accountId, action: 'created', target: { kind: 'workflow', id: created.id, name } });
  return created.id;
}

/** A new workflow, inactive, at version 1. */
export async function createWorkflow(accountId: string, input: WorkflowInput): Promise<WorkflowView> {
  const def = definitionFromInput(input);
  const id = await writing(input.name, async (tx) => {
    await assertSavable(tx, accountId, def, { active: false });
    return insertWorkflow(tx, accountId, input.name, def);
  });
  return getWorkflow(accountId, id);
}

/**
 * PUT: the whole workflow. A changed definition is a new version (stored as a WorkflowVersion); a
 * rename alone is not. An active workflow stays active only if the new definition passes activation.
 */
export async function updateWorkflow(accountId: string, id: string, input: WorkflowInput): Promise<WorkflowView> {
  await writing(input.name, async (tx) => updateIn(tx, accountId, await lockWorkflow(tx, accountId, id), input));
  return getWorkflow(accountId, id);
}

async function updateIn(tx: Tx, accountId: string, current: WorkflowRow, input: WorkflowInput): Promise<void> {
  const id = current.id;
  const def = definitionFromInput(input);
  await assertSavable(tx, accountId, def, { active: current.active });
  const before = definitionOf(current);
  const fields = [
    ...(current.name !== input.name ? ['name'] : []),
    ...(isDeepStrictEqual(before.trigger, def.trigger) ? [] : ['trigger']),
    ...(isDeepStrictEqual(before.blocks, def.blocks) ? [] : ['blocks']),
  ];
  if (fields.length === 0) return;
  const changed = fields.includes('trigger') || fields.includes('blocks');
  const version = changed ? current.version + 1 : current.version;
  await tx.workflow.update({
    where: { id, accountId },
    data: { name: input.name, version, triggerEventType: def.trigger.eventTypeKey, definition: def as Prisma.InputJsonValue },
  });
  if (changed) await tx.workflowVersion.create({ data: { workflowId: id, version, definition: def as Prisma.InputJsonValue } });
  await recordAudit(tx, { accountId, action: 'changed', target: { kind: 'workflow', id, name: input.name }, fields });
}

/** "<name> (copy)", or "(copy 2)" … when taken, shortened to fit the name's limit. */
async function copyName(tx: Tx, accountId: string, name: string): Promise<string> {
  const taken = new Set((await tx.workflow.findMany({ where: { accountId, name: { startsWith: name.slice(0, 100) } }, select: { name: true } })).map((w) => w.name));
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? ' (copy)' : ` (copy ${n})`;
    const candidate = `${name.slice(0, MAX_WORKFLOW_NAME - suffix.length).trimEnd()}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** A copy of the workflow's current definition, named "<name> (copy)", inactive. */
export async function duplicateWorkflow(accountId: string, id: string): Promise<WorkflowView> {
  const copyId = await writing('', async (tx) => {
    const source = await lockWorkflow(tx, accountId, id);
    return insertWorkflow(tx, accountId, await copyName(tx, accountId, source.name), definitionOf(source));
  }).catch((err: unknown) => {
    // Two copies made at once can pick the same name: say so rather than name an empty one.
    if (err instanceof ApiError && err.code === 'conflict') throw new ApiError('conflict', 'Another copy was made at the same moment; try again');
    throw err;
  });
  return getWorkflow(accountId, copyId);
}

/** Deletes the workflow with its versions and runs (the launch history goes with it). */
export async function deleteWorkflow(accountId: string, id: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ name: string }[]>`DELETE FROM workflows WHERE account_id = ${accountId}::uuid AND id = ${id}::uuid RETURNING name`;
    if (!rows[0]) throw notFound('Workflow');
    await recordAudit(tx, { accountId, action: 'deleted', target: { kind: 'workflow', id, name: rows[0].name } });
  });
}

/** Starts taking events, once activation's checks pass (422 with each field that fails). */
export async function activateWorkflow(accountId: string, id: string): Promise<WorkflowView> {
  await db().$transaction(async (tx) => activateIn(tx, accountId, await lockWorkflow(tx, accountId, id)));
  return getWorkflow(accountId, id);
}

async function activateIn(tx: Tx, accountId: string, current: WorkflowRow): Promise<void> {
  await assertSavable(tx, accountId, definitionOf(current), { active: true });
  if (current.active) return;
  await tx.workflow.update({ where: { id: current.id, accountId }, data: { active: true } });
  await recordAudit(tx, { accountId, action: 'activated', target: { kind: 'workflow', id: current.id, name: current.name } });
}

/** Stops taking events; runs already started finish. */
export async function deactivateWorkflow(accountId: string, id: string): Promise<WorkflowView> {
  await db().$transaction(async (tx) => deactivateIn(tx, accountId, await lockWorkflow(tx, accountId, id)));
  return getWorkflow(accountId, id);
}

async function deactivateIn(tx: Tx, accountId: string, current: WorkflowRow): Promise<void> {
  if (!current.active) return;
  await tx.workflow.update({ where: { id: current.id, accountId }, data: { active: false } });
  await recordAudit(tx, { accountId, action: 'deactivated', target: { kind: 'workflow', id: current.id, name: current.name } });
}

/**
 * Config import (lib/config-io): the workflow named `input.name` created or updated inside the
 * caller's transaction with the same rules as the screens (a changed definition is a new version;
 * activation's checks), then switched on or off as `active` says. Answers whether it was created.
 */
export async function saveWorkflowByName(tx: Tx, accountId: string, input: WorkflowInput, { active }: { active: boolean }): Promise<{ id: string; created: boolean }> {
  const found = await tx.$queryRawUnsafe<WorkflowRow[]>(`${SELECT_WORKFLOW} WHERE account_id = $1::uuid AND name = $2 FOR UPDATE`, accountId, input.name);
  let current = found[0];
  const created = !current;
  if (!current) {
    const def = definitionFromInput(input);
    await assertSavable(tx, accountId, def, { active: false });
    current = await lockWorkflow(tx, accountId, await insertWorkflow(tx, accountId, input.name, def));
  } else {
    // Off first, so a definition an active workflow could not keep is still saved when the file switches it off.
    if (!active) await deactivateIn(tx, accountId, current);
    await updateIn(tx, accountId, await lockWorkflow(tx, accountId, current.id), input);
  }
  if (active) await activateIn(tx, accountId, await lockWorkflow(tx, accountId, current.id));
  return { id: current.id, created };
}

/**
 * The account's ACTIVE workflows whose blocks use any of these request webhooks: deleting such a
 * webhook (or its connector) is refused. Call it inside the transaction that deletes, after the
 * webhook row is written (locked): activation locks the webhooks it checks, so one of the two waits.
 */
export async function activeWorkflowsUsing(tx: Queryable, accountId: string, webhookIds: string[]): Promise<{ id: string; name: string }[]> {
  if (webhookIds.length === 0) return [];
  return tx.$queryRaw<{ id: string; name: string }[]>`
    SELECT w.id, w.name FROM workflows w
     WHERE w.account_id = ${accountId}::uuid AND w.active
       AND EXISTS (SELECT 1 FROM jsonb_array_elements(w.definition -> 'blocks') b
                    WHERE b ->> 'kind' = 'webhook' AND b ->> 'webhookId' = ANY(${webhookIds}::text[]))
     ORDER BY lower(w.name)`;
}

/** “Welcome”, “Win-back” — for messages that name workflows. */
export const quoteNames = (rows: { name: string }[]) => rows.map((w) => `“${w.name}”`).join(', ');
