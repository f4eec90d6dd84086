// Workflows for engine tests, written straight into the tables (the CRUD service is another branch's):
// a workflow row with its current definition and a WorkflowVersion per saved definition, as the service
// stores them.
import { pool } from '@/lib/db/pool';
import { workflowDefinitionSchema, type BlockInput } from '@/lib/workflows/schema';
import { runDue } from '@/lib/workflows/engine';

export type Def = { trigger: { eventTypeKey: string; filter?: { param: string; value: string } | null }; blocks: BlockInput[] };

export async function createWorkflow(accountId: string, name: string, def: Def, { active = true } = {}): Promise<string> {
  const definition = workflowDefinitionSchema.parse(def);
  const { rows } = await pool().query<{ id: string }>(
    `INSERT INTO workflows (account_id, name, active, trigger_event_type, version, definition) VALUES ($1, $2, $3, $4, 1, $5::jsonb) RETURNING id`,
    [accountId, name, active, definition.trigger.eventTypeKey, JSON.stringify(definition)],
  );
  await pool().query(`INSERT INTO workflow_versions (workflow_id, version, definition) VALUES ($1, 1, $2::jsonb)`, [rows[0].id, JSON.stringify(definition)]);
  return rows[0].id;
}

/** A save that changes the definition: the next version. */
export async function saveWorkflow(workflowId: string, def: Def): Promise<number> {
  const definition = workflowDefinitionSchema.parse(def);
  const { rows } = await pool().query<{ version: number }>(
    `UPDATE workflows SET version = version + 1, definition = $2::jsonb, trigger_event_type = $3, updated_at = now() WHERE id = $1 RETURNING version`,
    [workflowId, JSON.stringify(definition), definition.trigger.eventTypeKey],
  );
  await pool().query(`INSERT INTO workflow_versions (workflow_id, version, definition) VALUES ($1, $2, $3::jsonb)`, [workflowId, rows[0].version, JSON.stringify(definition)]);
  return rows[0].version;
}

export type RunRecord = {
  id: string;
  status: string;
  reason: string | null;
  step: number;
  tries: number;
  version: number;
  data: Record<string, unknown>;
  contact_id: string | null;
  contact_email: string | null;
  due_at: Date | null;
  finished_at: Date | null;
};

export async function runsOf(workflowId: string): Promise<RunRecord[]> {
  const { rows } = await pool().query<RunRecord>(`SELECT * FROM workflow_runs WHERE workflow_id = $1 ORDER BY started_at, event_id`, [workflowId]);
  return rows;
}

export type StepRecord = { block_id: string; block_index: number; kind: string; status: string; try: number; request: { headers: Record<string, string>; url: string } | null; response: unknown; data_added: unknown; message: { subject: string | null; body: string; messageId: string; messageInstanceId: string } | null; error: string | null; attempt_id: string | null };

export async function stepsOf(runId: string): Promise<StepRecord[]> {
  const { rows } = await pool().query<StepRecord>(`SELECT *, attempt_id::text AS attempt_id FROM workflow_run_steps WHERE run_id = $1 ORDER BY id`, [runId]);
  return rows;
}

/** Works due runs (the cron path) until `done` holds or `timeoutMs` passes. */
export async function drain(done: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    await runDue({ budgetMs: 2000, owner: 'test-drain', concurrency: 16 });
    if (await done()) return;
    if (Date.now() > until) throw new Error('runs did not get there in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const ended = (workflowId: string, n = 1) => async () => {
  const runs = await runsOf(workflowId);
  return runs.length >= n && runs.every((r) => ['completed', 'failed', 'skipped'].includes(r.status));
};
