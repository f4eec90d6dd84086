// Launch history, the read side: an account's workflow runs (all, or one workflow's), newest first,
// filtered and keyset-paged over the (account_id | workflow_id, started_at desc, id desc) indexes like
// the Webhook logs; and one run with what each block did, in order. The engine (lib/workflows/engine.ts)
// writes these rows; this module only reads them.
import { pool } from '@/lib/db';
import { notFound } from '@/lib/http/errors';
import { UUID_ID, decodeCursor, encodeCursor } from '@/lib/http/cursor';
import { likePattern } from '@/lib/logs/query';
import type { RunDetail, RunFilter, RunPage, RunStatus, RunStepView, RunView, StepStatus, BlockKind } from './schema';

type RunRow = {
  id: string;
  workflow_id: string;
  workflow_name: string;
  version: number;
  status: RunStatus;
  reason: string | null;
  event_id: string | null;
  event_type_key: string;
  event_key: string | null;
  contact_id: string | null;
  contact_email: string | null;
  step: number;
  started_at: Date;
  finished_at: Date | null;
  due_at: Date | null;
};

const RUN_COLUMNS = `r.id, r.workflow_id, w.name AS workflow_name, r.version, r.status, r.reason, r.event_id::text AS event_id,
  r.event_type_key, r.event_key, r.contact_id, r.contact_email, r.step, r.started_at, r.finished_at, r.due_at`;

const ENDED = new Set<RunStatus>(['completed', 'failed', 'skipped']);

function toRunView(r: RunRow): RunView {
  return {
    id: r.id,
    workflowId: r.workflow_id,
    workflowName: r.workflow_name,
    version: r.version,
    status: r.status,
    reason: r.reason,
    eventId: r.event_id,
    eventTypeKey: r.event_type_key,
    eventKey: r.event_key,
    contactId: r.contact_id,
    contactEmail: r.contact_email,
    step: r.step,
    startedAt: r.started_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
    // Only a run still going has a next time; an ended one's is history.
    dueAt: ENDED.has(r.status) ? null : (r.due_at?.toISOString() ?? null),
    durationMs: r.finished_at ? Math.max(0, r.finished_at.getTime() - r.started_at.getTime()) : null,
  };
}

/** One page of runs, newest first. `workflowId` narrows to one workflow (its own index). */
export async function listRuns(accountId: string, f: Partial<RunFilter>, { limit, cursor }: { limit: number; cursor?: string | null }): Promise<RunPage> {
  const params: unknown[] = [accountId];
  const add = (v: unknown) => `$${params.push(v)}`;
  const conds = ['r.account_id = $1::uuid'];
  if (f.workflowId) conds.push(`r.workflow_id = ${add(f.workflowId)}::uuid`);
  if (f.status) conds.push(`r.status = ${add(f.status)}`);
  if (f.from) conds.push(`r.started_at >= ${add(new Date(f.from))}`);
  if (f.to) conds.push(`r.started_at < ${add(new Date(f.to))}`);
  if (f.email) conds.push(`r.contact_email ILIKE ${add(likePattern(f.email))}`);
  if (f.eventKey) conds.push(`r.event_key ILIKE ${add(likePattern(f.eventKey))}`);
  if (cursor) {
    const c = decodeCursor(cursor, UUID_ID);
    conds.push(`(r.started_at, r.id) < (${add(new Date(c.t))}::timestamptz, ${add(c.id)}::uuid)`);
  }
  const { rows } = await pool().query<RunRow>(
    `SELECT ${RUN_COLUMNS} FROM workflow_runs r JOIN workflows w ON w.id = r.workflow_id
      WHERE ${conds.join(' AND ')} ORDER BY r.started_at DESC, r.id DESC LIMIT ${add(limit + 1)}`,
    params,
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    runs: page.map(toRunView),
    nextCursor: rows.length > limit && last ? encodeCursor({ t: last.started_at.toISOString(), id: last.id }) : null,
  };
}

/** One workflow's runs; 404 when the account has no such workflow. */
export async function listWorkflowRuns(accountId: string, workflowId: string, q: Partial<RunFilter> & { limit: number; cursor?: string | null }): Promise<RunPage> {
  const { rowCount } = await pool().query('SELECT 1 FROM workflows WHERE account_id = $1::uuid AND id = $2::uuid', [accountId, workflowId]);
  if (!rowCount) throw notFound('Workflow');
  return listRuns(accountId, { ...q, workflowId }, q);
}

type StepRow = {
  id: string;
  block_id: string;
  block_index: number;
  kind: BlockKind;
  status: StepStatus;
  try: number;
  started_at: Date;
  duration_ms: number;
  request: RunStepView['request'];
  response: RunStepView['response'];
  data_added: RunStepView['dataAdded'];
  message: RunStepView['message'];
  error: string | null;
  attempt_id: string | null;
};

const toStepView = (s: StepRow): RunStepView => ({
  id: s.id,
  blockId: s.block_id,
  blockIndex: s.block_index,
  kind: s.kind,
  status: s.status,
  try: s.try,
  startedAt: s.started_at.toISOString(),
  durationMs: s.duration_ms,
  request: s.request,
  response: s.response,
  dataAdded: s.data_added,
  message: s.message,
  error: s.error,
  attemptId: s.attempt_id,
});

const asRecord = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** One run with each block's steps in the order they happened (tries included). `workflowId`, when
 *  given, must be the run's workflow (the API's /workflows/{id}/runs/{runId}). */
export async function getRun(accountId: string, id: string, { workflowId }: { workflowId?: string } = {}): Promise<RunDetail> {
  const { rows } = await pool().query<RunRow & { event_params: unknown; data: unknown }>(
    `SELECT ${RUN_COLUMNS}, r.event_params, r.data FROM workflow_runs r JOIN workflows w ON w.id = r.workflow_id
      WHERE r.account_id = $1::uuid AND r.id = $2::uuid${workflowId ? ' AND r.workflow_id = $3::uuid' : ''}`,
    workflowId ? [accountId, id, workflowId] : [accountId, id],
  );
  const run = rows[0];
  if (!run) throw notFound('Run');
  const steps = await pool().query<StepRow>(
    `SELECT id::text, block_id, block_index, kind, status, try, started_at, duration_ms, request, response, data_added, message, error, attempt_id::text
       FROM workflow_run_steps WHERE run_id = $1::uuid AND account_id = $2::uuid ORDER BY id`,
    [id, accountId],
  );
  return { ...toRunView(run), eventParams: asRecord(run.event_params), data: asRecord(run.data), steps: steps.rows.map(toStepView) };
}
