// Workflow runs: started by event ingest, claimed and executed by the same workers (and cron) as
// deliveries. PostgreSQL is the queue: a run is a row (workflow_runs) with the index of its next block
// (`step`), the tries of that block, its $data, and when it is due; workers claim due runs with
// FOR UPDATE SKIP LOCKED and a lease, like endpoints.
//
// Durability: the outcome of each block is committed together with the run's advance (one
// transaction: the run's row, the step's row, the webhook attempt in the logs, the SENT activity), and
// only while this worker still holds the lease. A worker killed at any moment leaves the run at its
// last committed block; once the lease runs out another worker takes it from there. Only a webhook
// request that was in flight is sent again, with the same `Idempotency-Key: <runId>:<blockId>`.
// A Delay is a due time; a retry is a due time; a rate-limited webhook makes the run due again when a
// token frees up. Runs are not FIFO: runs of different contacts go in parallel, bounded per webhook
// by its rate limit and concurrency cap (rate.ts).
//
// Runs execute the WorkflowVersion they started with, so a workflow edited mid-run does not change them.
//
// Cost: each run is written as straight-line code, but its statements (contact lookup, webhook read
// with its tokens, commit) go through natural batchers (lib/db/batcher.ts): the runs in flight in
// this process share one statement of each kind, so the round trips per run fall as the load rises.
import { createHash, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { pool } from '@/lib/db/pool';
import { inTransaction } from '@/lib/db/transaction';
import { naturalBatcher } from '@/lib/db/batcher';
import { config } from '@/lib/config';
import { WORK_CHANNEL, wakeWorkers } from '@/lib/delivery/wake';
import { parseRetryAfter, retryDelayMs } from '@/lib/delivery/backoff';
import { ingestActivitiesWith } from '@/lib/activities/service';
import type { Activity } from '@/lib/activities/schema';
import { openHeaders } from '@/lib/crypto/headers';
import { render as renderText } from '@/lib/templates/render';
import { contactVariables, type ContactView } from '@/lib/contacts/schema';
import { CONTACT_COLUMNS, rowToView, type ContactRow } from '@/lib/contacts/service';
import { eventVariables, type EventParams } from '@/lib/events/schema';
import { connectorAuth, parseAnswer, resolveSpec, sendResolved } from '@/lib/request-webhooks/resolve';
import { VelocityError } from '@/lib/templates/velocity';
import { ApiError, notFound } from '@/lib/http/errors';
import type { OutboundResult } from '@/lib/http/outbound';
import { observeRunEnded } from '@/lib/metrics';
import { ensureTokens, giveBack, release, RELEASED, retryAtOf, takeTokensSql, throttle, tokensEnsured, type Grant } from './rate';
import { renderMessage } from './context';
import { DELAY_UNIT_MS, workflowDefinitionSchema, type Block, type MessageBlock, type WebhookBlock, type WorkflowDefinition } from './schema';

/** After the first failed request, a webhook block is retried this many times, waiting 1, 2, 4 retry units. */
export const WEBHOOK_RETRIES = 3;

// ---- trigger ---------------------------------------------------------------------------------------

/**
 * One run per (stored event × active workflow whose trigger matches it: event type, and the optional
 * param filter compared as text), at the workflow's current version — one INSERT … SELECT for the whole
 * request, inside the ingest transaction. Wakes the workers (NOTIFY is delivered at commit).
 */
export async function startRuns(client: pg.PoolClient, accountId: string, eventIds: string[]): Promise<number> {
  if (eventIds.length === 0) return 0;
  const { rows } = await client.query<{ started: number }>(
    `WITH ins AS (
       INSERT INTO workflow_runs (account_id, workflow_id, version, event_id, event_type_key, event_key, event_params)
       SELECT $1, w.id, w.version, ev.id, ev.event_type_key, ev.key_value, ev.params
         FROM events ev
         JOIN workflows w ON w.account_id = $1 AND w.active AND w.trigger_event_type = ev.event_type_key
        WHERE ev.account_id = $1 AND ev.id = ANY($2::bigint[])
          AND (jsonb_typeof(w.definition->'trigger'->'filter') IS DISTINCT FROM 'object'
               OR ev.params->>(w.definition->'trigger'->'filter'->>'param') = w.definition->'trigger'->'filter'->>'value')
        ORDER BY ev.id
       RETURNING 1)
     SELECT count(*)::int AS started, (SELECT count(*) FROM (SELECT pg_notify($3, '') WHERE EXISTS (SELECT 1 FROM ins)) n)::int AS woke FROM ins`,
    [accountId, eventIds, WORK_CHANNEL],
  );
  return rows[0]?.started ?? 0;
}

// ---- claim -----------------------------------------------------------------------------------------

export type RunRow = {
  id: string;
  account_id: string;
  workflow_id: string;
  version: number;
  event_id: string | null;
  event_type_key: string;
  event_key: string | null;
  event_params: EventParams;
  contact_id: string | null;
  contact_email: string | null;
  status: string;
  step: number;
  tries: number;
  data: Record<string, unknown>;
};
const RUN_COLUMNS = `id, account_id, workflow_id, version, event_id::text AS event_id, event_type_key, event_key, event_params,
  contact_id, contact_email, status, step, tries, data`;

/**
 * A statement the worker repeats for every run, as a named prepared statement: each pooled connection
 * parses and plans its text once instead of on every run (the server's CPU is the worker's bound when
 * they share a machine). The name is the text's hash, so a different text never meets a stale plan.
 */
const statementNames = new Map<string, string>();
function prepared(text: string, values: unknown[]): pg.QueryConfig {
  let name = statementNames.get(text);
  if (!name) {
    name = `wf_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    if (statementNames.size > 500) statementNames.clear();
    statementNames.set(text, name);
  }
  return { name, text, values };
}

/** Claims up to `limit` due runs for `owner` (a lease of HOOKLINE_LEASE_MS), oldest due first. */
export async function claimRuns(limit: number, owner: string): Promise<RunRow[]> {
  if (limit <= 0) return [];
  const { rows } = await pool().query<RunRow>(
    prepared(
      `UPDATE workflow_runs SET lease_until = now() + $2 * interval '1 millisecond', lease_owner = $3
      WHERE id IN (SELECT id FROM workflow_runs
                    WHERE due_at <= now() AND (lease_until IS NULL OR lease_until <= now())
                    ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED)
      RETURNING ${RUN_COLUMNS}`,
      [limit, config().HOOKLINE_LEASE_MS, owner],
    ),
  );
  return rows;
}

// ---- versions --------------------------------------------------------------------------------------

const definitions = new Map<string, WorkflowDefinition>();

/** The definition a run executes: its workflow's saved version (immutable, so cached). */
async function definitionOf(workflowId: string, version: number): Promise<WorkflowDefinition> {
  const key = `${workflowId}:${version}`;
  const cached = definitions.get(key);
  if (cached) return cached;
  const { rows } = await pool().query<{ definition: unknown }>(
    `SELECT coalesce(v.definition, CASE WHEN w.version = $2 THEN w.definition END) AS definition
       FROM workflows w LEFT JOIN workflow_versions v ON v.workflow_id = w.id AND v.version = $2 WHERE w.id = $1`,
    [workflowId, version],
  );
  if (!rows[0]?.definition) throw new RunError(`Version ${version} of the workflow is not stored`);
  const parsed = workflowDefinitionSchema.parse(rows[0].definition);
  if (definitions.size > 1000) definitions.clear();
  definitions.set(key, parsed);
  return parsed;
}

/** A fault of the run itself (not of the worker): the run fails with this message. */
class RunError extends Error {}
class LeaseLost extends Error {}

// ---- committing --------------------------------------------------------------------------------------

type AttemptRow = {
  webhookId: string;
  attemptNo: number;
  startedAt: Date;
  res: OutboundResult;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
};
type StepRow = {
  blockId: string;
  blockIndex: number;
  kind: Block['kind'];
  status: 'completed' | 'failed' | 'retrying' | 'skipped' | 'waiting';
  try: number;
  startedAt: Date;
  durationMs: number;
  request?: unknown;
  response?: unknown;
  dataAdded?: unknown;
  message?: unknown;
  error?: string | null;
  /** The webhook request the step sent, for the Webhook logs (attempts), linked from the step. */
  attempt?: AttemptRow;
  /** The SENT activity the step records, given the step's id (its messageInstanceId). */
  activity?: (stepId: string) => Activity;
};
type RunChange = {
  step: number;
  tries: number;
  status: 'running' | 'waiting' | 'completed' | 'failed' | 'skipped';
  reason?: string | null;
  data?: Record<string, unknown>;
  contact?: { id: string; email: string | null } | null;
  /** null: the run ended. */
  dueAt: Date | null;
  /** Keep the lease (go on with the next block now) or let the run go. */
  keep: boolean;
};
type CommitParts = { step?: StepRow; grant?: Grant; completeWaiting?: number };

/** What one commit writes for one run: its advance, the steps it recorded, the tokens it gives back. */
type Outcome = { runId: string; accountId: string; owner: string; change: RunChange; steps: StepRow[]; grants: Grant[]; completeWaiting?: number };

const outcomeOf = (run: RunRow, owner: string, change: RunChange, { step, grant, completeWaiting }: CommitParts): Outcome => ({
  runId: run.id,
  accountId: run.account_id,
  owner,
  change,
  steps: step ? [step] : [],
  grants: grant ? [grant] : [],
  completeWaiting,
});

/** A deferred outcome followed by the next one: the run's last state, every step and token of both. */
function merge(first: Outcome | undefined, then: Outcome): Outcome {
  if (!first) return then;
  const change = { ...then.change, data: then.change.data ?? first.change.data };
  if (then.change.contact === undefined && first.change.contact !== undefined) change.contact = first.change.contact;
  return { ...then, change, steps: [...first.steps, ...then.steps], grants: [...first.grants, ...then.grants], completeWaiting: then.completeWaiting ?? first.completeWaiting };
}

/**
 * Commits one block's outcome with the run's advance (the run's row, the step's row, the webhook
 * attempt in the logs, the webhook's tokens given back, the SENT activity), only while `owner` holds
 * the lease (else LeaseLost, and nothing of the run is written). A deferred outcome (defer) is written
 * in the same commit. The commits of all runs in flight in this process go out together (commitRuns).
 */
async function commit(run: Working, owner: string, change: RunChange, parts: CommitParts = {}): Promise<void> {
  const outcome = merge(run.pending, outcomeOf(run, owner, change, parts));
  run.pending = undefined;
  let committed: boolean;
  try {
    committed = await commitRun(outcome);
  } catch (err) {
    // Nothing was written: the tokens of the requests this outcome recorded are over all the same.
    await Promise.all(outcome.grants.map((g) => release(g).catch(() => undefined)));
    throw err;
  }
  if (!committed) throw new LeaseLost();
  applyChange(run, change);
}

/**
 * Defers a block's outcome (a webhook block followed by a message block): it is written in the same
 * commit as the next block's. A worker killed in between leaves the run at the webhook block, whose
 * request is then sent again with the same Idempotency-Key, as for a request in flight. Only for a
 * change that keeps the lease (the run goes on in this worker now).
 */
function defer(run: Working, owner: string, change: RunChange, parts: CommitParts): void {
  run.pending = merge(run.pending, outcomeOf(run, owner, change, parts));
  applyChange(run, change);
}

/**
 * The outcomes of many runs in ONE statement: the runs still leased to their owner advance, their
 * steps and attempts are inserted (ids from the sequences, the step linked to its attempt), waiting
 * delay steps complete, and every token is given back whether or not the lease still holds (the
 * request is over either way). Answers, per run ordinal `i` that committed, its new step ids in order.
 */
const COMMIT_RUNS_SQL = `WITH x AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(i int, id uuid, owner text, step int, tries int, status text, reason text, data jsonb,
      set_contact boolean, contact_id uuid, contact_email text, due_at timestamptz, ended boolean, keep boolean, complete_waiting int)),
  r AS (
    UPDATE workflow_runs w SET step = x.step, tries = x.tries, status = x.status, reason = x.reason, data = coalesce(x.data, w.data),
           contact_id = CASE WHEN x.set_contact THEN x.contact_id ELSE w.contact_id END,
           contact_email = CASE WHEN x.set_contact THEN x.contact_email ELSE w.contact_email END,
           due_at = x.due_at, finished_at = CASE WHEN x.ended THEN now() END,
           lease_until = CASE WHEN x.keep THEN now() + $5 * interval '1 millisecond' END,
           lease_owner = CASE WHEN x.keep THEN w.lease_owner END, updated_at = now()
      FROM x WHERE w.id = x.id AND w.lease_owner = x.owner AND w.lease_until > now()
    RETURNING x.i, w.id, w.account_id, x.complete_waiting),
  ax AS MATERIALIZED (
    SELECT a.*, r.id AS run_id, r.account_id, nextval(pg_get_serial_sequence('attempts', 'id')) AS aid
      FROM jsonb_to_recordset($3::jsonb) AS a(a int, i int, webhook_id uuid, attempt_no int, started_at timestamptz, duration_ms int, success boolean,
             method text, url text, headers jsonb, body text, status int, rheaders jsonb, rbody text, error_kind text, error text)
      JOIN r USING (i)),
  ai AS (
    INSERT INTO attempts (id, account_id, endpoint_id, workflow_run_id, attempt_no, started_at, duration_ms, success, request_method, request_url,
                          request_headers, request_body, response_status, response_headers, response_body, error_kind, error)
    SELECT aid, account_id, webhook_id, run_id, attempt_no, started_at, duration_ms, success, method, url, headers, body, status, rheaders, rbody, error_kind, error FROM ax),
  sx AS MATERIALIZED (
    SELECT q.*, nextval(pg_get_serial_sequence('workflow_run_steps', 'id')) AS sid
      FROM (SELECT s.*, r.id AS run_id, r.account_id
              FROM jsonb_to_recordset($2::jsonb) AS s(i int, k int, block_id text, block_index int, kind text, status text, try int, started_at timestamptz,
                     duration_ms int, request jsonb, response jsonb, data_added jsonb, message jsonb, error text, a int)
              JOIN r USING (i) ORDER BY s.i, s.k) q),
  si AS (
    INSERT INTO workflow_run_steps (id, account_id, run_id, block_id, block_index, kind, status, try, started_at, duration_ms,
                                    request, response, data_added, message, error, attempt_id)
    SELECT sid, account_id, run_id, block_id, block_index, kind, status, try, started_at, duration_ms, request, response, data_added,
           message || jsonb_build_object('messageInstanceId', sid::text), error, (SELECT aid FROM ax WHERE ax.a = sx.a) FROM sx),
  wc AS (
    UPDATE workflow_run_steps st SET status = 'completed', duration_ms = (extract(epoch FROM now() - st.started_at) * 1000)::int
      FROM r WHERE st.run_id = r.id AND st.block_index = r.complete_waiting AND st.status = 'waiting'),
  t AS (
    UPDATE workflow_webhook_tokens t SET free_at = ${RELEASED}
      FROM jsonb_to_recordset($4::jsonb) AS g(webhook_id uuid, rate int, busy int, until timestamptz)
     WHERE t.webhook_id = g.webhook_id AND ((t.kind = 'rate' AND t.n = g.rate) OR (t.kind = 'busy' AND t.n = g.busy)) AND t.free_at = g.until)
  SELECT r.i, coalesce((SELECT json_agg(sx.sid::text ORDER BY sx.k) FROM sx WHERE sx.i = r.i), '[]') AS steps FROM r`;

/**
 * Commits the outcomes of the runs in flight: one statement for all of them, and when some record a
 * SENT activity, the activities of the runs that committed ingested in the same transaction. Answers,
 * per outcome, whether its run committed (false: the lease was lost, nothing of it was written).
 */
async function commitRuns(outcomes: Outcome[]): Promise<boolean[]> {
  const runs: unknown[] = [];
  const steps: unknown[] = [];
  const attempts: unknown[] = [];
  const grants: Grant[] = [];
  outcomes.forEach((o, i) => {
    const c = o.change;
    const ended = c.dueAt === null;
    runs.push({
      i,
      id: o.runId,
      owner: o.owner,
      step: c.step,
      tries: c.tries,
      status: c.status,
      reason: c.reason ?? null,
      data: c.data ?? null,
      set_contact: c.contact !== undefined,
      contact_id: c.contact?.id ?? null,
      contact_email: c.contact?.email ?? null,
      due_at: c.dueAt?.toISOString() ?? null,
      ended,
      keep: c.keep && !ended,
      complete_waiting: o.completeWaiting ?? null,
    });
    o.steps.forEach((s, k) => {
      let a: number | null = null;
      const at = s.attempt;
      if (at) {
        const r = at.res;
        a = attempts.length;
        attempts.push({
          a,
          i,
          webhook_id: at.webhookId,
          attempt_no: at.attemptNo,
          started_at: at.startedAt.toISOString(),
          duration_ms: Math.round(r.durationMs),
          success: r.ok,
          method: at.method,
          url: at.url,
          headers: at.headers,
          body: at.body,
          status: r.status,
          rheaders: r.status === null ? null : r.headers,
          rbody: r.status === null ? null : r.body,
          error_kind: r.ok ? null : (r.error?.kind ?? 'http'),
          error: r.ok ? null : (r.error?.message ?? `The server answered ${r.status}`),
        });
      }
      steps.push({
        i,
        k,
        block_id: s.blockId,
        block_index: s.blockIndex,
        kind: s.kind,
        status: s.status,
        try: s.try,
        started_at: s.startedAt.toISOString(),
        duration_ms: Math.round(s.durationMs),
        request: s.request ?? null,
        response: s.response ?? null,
        data_added: s.dataAdded ?? null,
        message: s.message ?? null,
        error: s.error ?? null,
        a,
      });
    });
    grants.push(...o.grants);
  });
  const values = [JSON.stringify(runs), JSON.stringify(steps), JSON.stringify(attempts), JSON.stringify(grants.map((g) => ({ webhook_id: g.webhookId, rate: g.rate, busy: g.busy, until: g.until }))), config().HOOKLINE_LEASE_MS];
  const write = async (q: pg.Pool | pg.PoolClient) => {
    const { rows } = await q.query<{ i: number; steps: string[] }>(prepared(COMMIT_RUNS_SQL, values));
    const stepIds = new Map(rows.map((r) => [r.i, r.steps]));
    return stepIds;
  };
  if (!outcomes.some((o) => o.steps.some((s) => s.activity))) {
    const stepIds = await write(pool());
    return outcomes.map((_, i) => stepIds.has(i));
  }
  return inTransaction(async (client) => {
    const stepIds = await write(client);
    const activities = new Map<string, Activity[]>();
    outcomes.forEach((o, i) => {
      const ids = stepIds.get(i);
      if (!ids) return;
      o.steps.forEach((s, k) => {
        if (!s.activity) return;
        const list = activities.get(o.accountId) ?? [];
        list.push(s.activity(ids[k]));
        activities.set(o.accountId, list);
      });
    });
    for (const [accountId, list] of activities) await ingestActivitiesWith(client, accountId, list);
    return outcomes.map((_, i) => stepIds.has(i));
  });
}
/**
 * commitRuns for the runs in flight together; when that fails, each run alone, so a run whose outcome
 * the database refuses fails by itself and its neighbours' outcomes still land. Answers, per outcome,
 * whether it committed, or the error of its own commit.
 */
async function commitTogether(outcomes: Outcome[]): Promise<(boolean | Error)[]> {
  try {
    return await commitRuns(outcomes);
  } catch (err) {
    // Run by run only after an error the server answered (the statement was rolled back); a lost
    // connection leaves it unknown whether the batch committed, so its runs are given back instead.
    const code = (err as { code?: string }).code;
    if (outcomes.length === 1 || !code || code.startsWith('08')) return outcomes.map(() => err as Error);
    return Promise.all(outcomes.map((o) => commitRuns([o]).then(([committed]) => committed, (e: Error) => e)));
  }
}
const commitRun = naturalBatcher(commitTogether, { max: 200, inFlight: 2 });

function applyChange(run: RunRow, change: RunChange): void {
  run.step = change.step;
  run.tries = change.tries;
  run.status = change.status;
  if (change.dueAt === null) observeRunEnded(change.status); // the run ended (deferred changes never end one)
  if (change.data) run.data = change.data;
  if (change.contact !== undefined) {
    run.contact_id = change.contact?.id ?? null;
    run.contact_email = change.contact?.email ?? null;
  }
}

/** Lets the run go until `dueAt` without recording a step (a rate limit or a throttle: nothing happened). */
async function postpone(run: RunRow, owner: string, dueAt: Date): Promise<void> {
  await pool().query(`UPDATE workflow_runs SET due_at = $3, lease_until = NULL, lease_owner = NULL, updated_at = now() WHERE id = $1 AND lease_owner = $2`, [
    run.id,
    owner,
    dueAt,
  ]);
}

// ---- contacts ----------------------------------------------------------------------------------------

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A contact asked for: by its row id, or identified by a block's field (the oldest contact that matches). */
type ContactAsk = { accountId: string; by: 'row' | 'contactId' | 'email' | 'phone'; value: string };

const FIND_CONTACTS_SQL: Record<ContactAsk['by'], string> = {
  row: `SELECT c.id::text AS k, ${CONTACT_COLUMNS} FROM contacts c WHERE c.account_id = $1 AND c.id = ANY($2::uuid[])`,
  // contacts.id or the external customer ID
  contactId: `SELECT DISTINCT ON (v.k) v.k, ${CONTACT_COLUMNS} FROM unnest($2::text[]) AS v(k)
                JOIN contacts c ON c.account_id = $1
                 AND (c.external_customer_id = v.k OR c.id = CASE WHEN v.k ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN v.k::uuid END)
               ORDER BY v.k, c.created_at`,
  email: `SELECT DISTINCT ON (c.email) c.email AS k, ${CONTACT_COLUMNS} FROM contacts c WHERE c.account_id = $1 AND c.email = ANY($2::text[]) ORDER BY c.email, c.created_at`,
  phone: `SELECT DISTINCT ON (c.phone) c.phone AS k, ${CONTACT_COLUMNS} FROM contacts c WHERE c.account_id = $1 AND c.phone = ANY($2::text[]) ORDER BY c.phone, c.created_at`,
};

/** The contacts all runs in flight ask for, one statement per account and kind of question. */
async function findContacts(asks: ContactAsk[]): Promise<(ContactView | null | Error)[]> {
  const groups = new Map<string, ContactAsk[]>();
  for (const a of asks) {
    const key = `${a.accountId}|${a.by}`;
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  const found = new Map<string, ContactView | Error>();
  await Promise.all(
    [...groups.values()].map(async (group) => {
      const { accountId, by } = group[0];
      const values = [...new Set(group.map((a) => (by === 'row' ? a.value.toLowerCase() : a.value)))];
      try {
        const { rows } = await pool().query<ContactRow & { k: string }>(prepared(FIND_CONTACTS_SQL[by], [accountId, values]));
        for (const row of rows) found.set(`${accountId}|${by}|${row.k}`, rowToView(row));
      } catch (err) {
        for (const v of values) found.set(`${accountId}|${by}|${v}`, err as Error); // this group's callers only
      }
    }),
  );
  return asks.map((a) => found.get(`${a.accountId}|${a.by}|${a.by === 'row' ? a.value.toLowerCase() : a.value}`) ?? null);
}
const findContact = naturalBatcher(findContacts, { max: 500, inFlight: 2 });

export type Identification = { contactId: string; phone: string; email: string };
/** The seed's fields when a message comes before any webhook block: the event's own. */
const FROM_EVENT: Identification = { contactId: '${contactId}', phone: '${phone}', email: '${email}' };

/**
 * The contact named by the block's identification fields, resolved against the event: Contact ID
 * (contacts.id or the external customer ID), then Email, then Phone — the first field with a value
 * decides. Answers the contact, or why there is none ("no contact with email ann@example.com").
 */
export async function identifyContact(accountId: string, fields: Identification, params: EventParams): Promise<{ contact: ContactView } | { reason: string }> {
  const event = eventVariables({ params });
  const value = (template: string) => renderText(template, { event }, 'text').value.trim();
  const tries: { label: string; by: ContactAsk['by']; value: string }[] = [
    { label: 'contact ID', by: 'contactId' as const, value: value(fields.contactId) },
    { label: 'email', by: 'email' as const, value: value(fields.email) },
    { label: 'phone', by: 'phone' as const, value: value(fields.phone) },
  ];
  const first = tries.find((t) => t.value);
  if (!first) {
    const named = [fields.contactId, fields.email, fields.phone].filter((f) => f.trim()).join(', ');
    return { reason: named ? `no contact: ${named} has no value in the event` : 'no contact: the block names no contact field' };
  }
  const contact = await findContact({ accountId, by: first.by, value: first.value });
  return contact ? { contact } : { reason: `no contact with ${first.label} ${first.value}` };
}

// ---- request webhooks -----------------------------------------------------------------------------------

type WebhookRow = {
  id: string;
  name: string;
  method: 'GET' | 'POST';
  url: string;
  headers: unknown;
  body_format: 'json' | 'xml' | 'text' | null;
  body: string | null;
  rate_limit: number | null;
  max_concurrency: number;
  throttled_until: Date | null;
  deleted_at: Date | null;
  connector: { type: string; login: string | null; secretEnc: string; headerName: string | null } | null;
};

const WEBHOOK_SELECT = `SELECT w.id, w.name, w.method, w.url, w.headers, w.body_format, w.body, w.rate_limit, w.max_concurrency, w.throttled_until, w.deleted_at,
            CASE WHEN c.id IS NULL THEN NULL ELSE json_build_object('type', c.type, 'login', c.login, 'secretEnc', c.secret_enc, 'headerName', c.header_name) END AS connector
       FROM request_webhooks w LEFT JOIN connectors c ON c.id = w.connector_id
      WHERE w.account_id = $1 AND w.id = $2`;

export async function loadWebhook(accountId: string, id: string): Promise<WebhookRow | null> {
  const { rows } = await pool().query<WebhookRow>(WEBHOOK_SELECT, [accountId, id]);
  return rows[0] ?? null;
}

type TakeAsk = { accountId: string; webhookId: string; holdMs: number };
type Taken = { webhook: WebhookRow | null; grant: Grant | null; retryAt: Date };

/**
 * A webhook read and up to `count` pairs of its tokens taken (rate.ts) in ONE statement, with the
 * limits stored right now: tokens only for a webhook that is not deleted and not throttled. Answers
 * null for a webhook that is not there.
 */
async function takeFor(accountId: string, id: string, holdMs: number, count: number) {
  const { rows } = await pool().query<WebhookRow & { pairs: { rn: number | null; bn: number; until: string }[] | null; next_rate: Date | null }>(
    prepared(
      `WITH w AS (${WEBHOOK_SELECT}),
       ${takeTokensSql({
         id: '(SELECT id FROM w)',
         rate: '(SELECT rate_limit FROM w)',
         busy: '(SELECT max_concurrency FROM w)',
         hold: '$3::int',
         count: '$4::int',
         when: 'coalesce((SELECT deleted_at IS NULL AND (throttled_until IS NULL OR throttled_until <= now()) FROM w), false)',
       })}
       SELECT w.*, (SELECT json_agg(json_build_object('rn', rn, 'bn', bn, 'until', (SELECT free_at::text FROM taken WHERE kind = 'busy' AND n = tok.bn))) FROM tok) AS pairs,
              CASE WHEN w.rate_limit IS NOT NULL THEN (SELECT min(free_at) FROM workflow_webhook_tokens t WHERE t.webhook_id = w.id AND t.kind = 'rate' AND t.n < w.rate_limit) END AS next_rate
         FROM w`,
      [accountId, id, holdMs + 1000, count],
    ),
  );
  const row = rows[0];
  if (!row) return null;
  const { pairs, next_rate, ...webhook } = row;
  return { webhook, pairs: pairs ?? [], nextRate: next_rate };
}

/**
 * The webhooks the runs in flight are about to call, each read once with the tokens for all of its
 * callers taken together; a caller without a token learns when to look again. The first time this
 * process meets a webhook's limits, its tokens are created (ensureTokens) and the take repeated for
 * those who got none.
 */
async function takeWebhooks(asks: TakeAsk[]): Promise<(Taken | Error)[]> {
  const groups = new Map<string, number[]>();
  asks.forEach((a, i) => {
    const key = `${a.accountId}|${a.webhookId}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const answers: (Taken | Error)[] = asks.map(() => ({ webhook: null, grant: null, retryAt: new Date() }));
  // A group whose statement fails fails its own callers only.
  await Promise.all(
    [...groups.values()].map(async (idx) => {
      try {
        await takeGroup(idx);
      } catch (err) {
        for (const i of idx) answers[i] = err as Error;
      }
    }),
  );
  return answers;

  async function takeGroup(idx: number[]) {
      const { accountId, webhookId } = asks[idx[0]];
      const holdMs = Math.max(...idx.map((i) => asks[i].holdMs));
      let taken = await takeFor(accountId, webhookId, holdMs, idx.length);
      if (!taken) return;
      const limits = { id: taken.webhook.id, rateLimit: taken.webhook.rate_limit, maxConcurrency: taken.webhook.max_concurrency };
      let pairs = taken.pairs;
      if (!tokensEnsured(limits)) {
        await ensureTokens(limits);
        if (pairs.length < idx.length) {
          const more = await takeFor(accountId, webhookId, holdMs, idx.length - pairs.length);
          if (more) {
            taken = more;
            pairs = [...pairs, ...more.pairs];
          }
        }
      }
      const retryAt = retryAtOf(taken.webhook.rate_limit, taken.nextRate);
      idx.forEach((i, k) => {
        const p = pairs[k];
        answers[i] = { webhook: taken.webhook, grant: p ? { webhookId: taken.webhook.id, rate: p.rn, busy: p.bn, until: p.until } : null, retryAt };
      });
  }
}
const takeWebhook = naturalBatcher(takeWebhooks, { max: 500, inFlight: 2 });

/** The request a run sends: the stored webhook resolved exactly as Send test resolves it. */
export function resolveWebhook(w: WebhookRow, contact: ContactView | null, params: EventParams) {
  const spec = { method: w.method, url: w.url, headers: openHeaders(w.headers), bodyFormat: w.body_format, body: w.body };
  return resolveSpec(spec, { contact: contact ? contactVariables(contact) : undefined, event: eventVariables({ params }) }, w.connector ? connectorAuth(w.connector) : null);
}

export const idempotencyKey = (runId: string, blockId: string) => `${runId}:${blockId}`;

// ---- executing ---------------------------------------------------------------------------------------------

export type RunStats = { runs: number; completed: number; failed: number; skipped: number; requests: number };
export const emptyRunStats = (): RunStats => ({ runs: 0, completed: 0, failed: 0, skipped: 0, requests: 0 });

/** What a claimed run carries while a worker holds it. */
type Working = RunRow & { contact?: ContactView; total: number; blocks: Block[]; pending?: Outcome };

/** Works one claimed run until it ends, waits (delay, retry, rate limit) or loses its lease. */
export async function processRun(claimed: RunRow, owner: string, stats: RunStats = emptyRunStats()): Promise<void> {
  stats.runs++;
  const run: Working = Object.assign(claimed, { total: 0, blocks: [] as Block[] });
  try {
    let def: WorkflowDefinition;
    try {
      def = await definitionOf(run.workflow_id, run.version);
    } catch (err) {
      const reason = err instanceof RunError ? err.message : `The workflow's definition cannot be read: ${(err as Error).message}`;
      await commit(run, owner, { step: run.step, tries: run.tries, status: 'failed', reason, dueAt: null, keep: false });
      stats.failed++;
      return;
    }
    run.total = def.blocks.length;
    run.blocks = def.blocks;
    for (;;) {
      const block = def.blocks[run.step];
      if (!block) {
        await commit(run, owner, { step: run.step, tries: 0, status: 'completed', reason: null, dueAt: null, keep: false });
        stats.completed++;
        return;
      }
      const goOn =
        block.kind === 'webhook'
          ? await webhookBlock(run, owner, block, stats)
          : block.kind === 'message'
            ? await messageBlock(run, owner, block, stats)
            : await delayBlock(run, owner, block.id, block.amount * DELAY_UNIT_MS[block.unit]);
      if (run.status === 'completed') {
        stats.completed++;
        return;
      }
      if (!goOn) return;
    }
  } catch (err) {
    // A deferred outcome that will not be committed now: its request is over, its tokens go back.
    const deferred = run.pending?.grants ?? [];
    run.pending = undefined;
    await Promise.all(deferred.map((g) => release(g).catch(() => undefined)));
    if (err instanceof LeaseLost) return; // another worker has the run now
    // The worker's fault (the database, a bug): give the run back for a retry soon, not at lease expiry.
    await pool()
      .query(`UPDATE workflow_runs SET lease_until = NULL, lease_owner = NULL, due_at = now() + $3 * interval '1 millisecond' WHERE id = $1 AND lease_owner = $2`, [
        run.id,
        owner,
        config().HOOKLINE_RETRY_UNIT_MS,
      ])
      .catch(() => undefined);
    throw err;
  }
}

/** The run goes on with the next block (now, in this worker), or ends completed after the last one. */
function next(run: Working, extra: Partial<RunChange> = {}): RunChange {
  const last = run.step + 1 >= run.total;
  return last
    ? { step: run.step + 1, tries: 0, status: 'completed', reason: null, dueAt: null, keep: false, ...extra }
    : { step: run.step + 1, tries: 0, status: 'running', reason: null, dueAt: new Date(), keep: true, ...extra };
}

/** Ends the run as skipped or failed at its current block, recording the block's step. */
async function end(run: Working, owner: string, block: Block, status: 'skipped' | 'failed', reason: string, stats: RunStats) {
  await commit(
    run,
    owner,
    { step: run.step, tries: run.tries, status, reason, dueAt: null, keep: false },
    { step: { blockId: block.id, blockIndex: run.step, kind: block.kind, status: status === 'skipped' ? 'skipped' : 'failed', try: run.tries + 1, startedAt: new Date(), durationMs: 0, error: reason } },
  );
  stats[status]++;
}

/** The run's contact: identified once (by the first block that needs it), then read by id (once per claim). */
async function contactFor(run: Working, fields: Identification): Promise<{ contact: ContactView; identified: boolean } | { reason: string }> {
  if (run.contact) return { contact: run.contact, identified: false };
  if (run.contact_id) {
    const contact = await findContact({ accountId: run.account_id, by: 'row', value: run.contact_id });
    if (!contact) return { reason: `the contact ${run.contact_email ?? run.contact_id} no longer exists` };
    run.contact = contact;
    return { contact, identified: false };
  }
  const found = await identifyContact(run.account_id, fields, run.event_params);
  if (!('contact' in found)) return found;
  run.contact = found.contact;
  return { contact: found.contact, identified: true };
}

async function webhookBlock(run: Working, owner: string, block: WebhookBlock, stats: RunStats): Promise<boolean> {
  // The contact and the webhook (with its tokens) in parallel: two statements, not three in a row.
  const [who, taken] = await Promise.all([contactFor(run, block), block.webhookId ? takeWebhook({ accountId: run.account_id, webhookId: block.webhookId, holdMs: block.timeoutMs }) : null]);
  const w = taken?.webhook ?? null;
  const grant = taken?.grant ?? null;
  // Tokens taken for a request that will not go out are given back at once.
  const unused = async () => {
    if (grant) await giveBack(grant);
  };
  if ('reason' in who) {
    await unused();
    await end(run, owner, block, 'skipped', who.reason, stats);
    return false;
  }
  const contactChange = who.identified ? { contact: { id: who.contact.id, email: who.contact.email } } : {};
  const problem = !block.webhookId
    ? 'The block has no webhook: choose one in the workflow'
    : !w
      ? 'The block’s webhook no longer exists: choose another one in the workflow'
      : w.deleted_at
        ? `The webhook “${w.name}” was deleted: restore it (Automation → Workflow webhooks → Deleted webhooks), then re-run`
        : null;
  if (problem || !w) {
    await unused();
    return blockFailed(run, owner, block, problem!, stats, contactChange);
  }

  if (w.throttled_until && w.throttled_until.getTime() > Date.now()) {
    await unused();
    await postpone(run, owner, w.throttled_until);
    return false;
  }
  const resolved = resolveWebhook(w, who.contact, run.event_params);
  if (resolved.errors.length > 0) {
    await unused();
    return blockFailed(run, owner, block, `Webhook “${w.name}”: ${resolved.errors.map((e) => e.message).join('; ')}`, stats, contactChange);
  }
  if (!grant) {
    await postpone(run, owner, taken!.retryAt);
    return false;
  }
  const key = idempotencyKey(run.id, block.id);
  const startedAt = new Date();
  let res: OutboundResult;
  try {
    res = await sendResolved(resolved, { timeoutMs: block.timeoutMs, extraHeaders: { 'idempotency-key': key } });
  } catch (err) {
    await release(grant).catch(() => undefined);
    throw err;
  }
  stats.requests++;
  const tryNo = run.tries + 1;
  const shownHeaders = { ...resolved.headers, 'idempotency-key': key };
  const request = { method: resolved.method, url: resolved.url, headers: shownHeaders, body: resolved.body };
  const response = res.status === null ? null : { status: res.status, headers: res.headers, body: res.body, durationMs: Math.round(res.durationMs) };
  const attempt: AttemptRow = { webhookId: w.id, attemptNo: tryNo, startedAt, res, method: resolved.method, url: resolved.url, headers: shownHeaders, body: resolved.body };
  const stepBase = { blockId: block.id, blockIndex: run.step, kind: 'webhook' as const, try: tryNo, startedAt, durationMs: res.durationMs, request, response, attempt };

  if (res.ok) {
    const answer = parseAnswer(res.body, res.headers['content-type']);
    const data = { ...run.data, [w.name]: answer };
    const change = next(run, { data, ...contactChange });
    const parts: CommitParts = { grant, step: { ...stepBase, status: 'completed', dataAdded: { [w.name]: answer } } };
    // Followed by a message block: both blocks' outcomes in one transaction (one commit, not two).
    if (change.keep && run.blocks[run.step + 1]?.kind === 'message') defer(run, owner, change, parts);
    else await commit(run, owner, change, parts);
    return true;
  }
  const error = `Webhook “${w.name}”: ${res.error?.message ?? `the server answered ${res.status}`}`;
  if (res.status === 429) {
    const asked = parseRetryAfter(res.headers['retry-after']);
    if (asked !== null) await throttle(w.id, new Date(Date.now() + asked));
  }
  if (tryNo <= WEBHOOK_RETRIES) {
    const delay = retryDelayMs({ failures: tryNo, status: res.status, retryAfter: res.headers['retry-after'] }, config().HOOKLINE_RETRY_UNIT_MS);
    await commit(
      run,
      owner,
      { step: run.step, tries: tryNo, status: 'running', reason: null, dueAt: new Date(Date.now() + delay), keep: false, ...contactChange },
      { grant, step: { ...stepBase, status: 'retrying', error } },
    );
    return false;
  }
  return blockFailed(run, owner, block, error, stats, contactChange, { grant, step: { ...stepBase, status: 'failed', error } });
}

/** The block failed for good: the run fails ('stop') or goes on without this block's $data ('continue'). */
async function blockFailed(
  run: Working,
  owner: string,
  block: WebhookBlock,
  error: string,
  stats: RunStats,
  contactChange: Partial<Pick<RunChange, 'contact'>>,
  recorded?: { grant: Grant; step: StepRow },
): Promise<boolean> {
  const step: StepRow = recorded?.step ?? { blockId: block.id, blockIndex: run.step, kind: 'webhook', status: 'failed', try: run.tries + 1, startedAt: new Date(), durationMs: 0, error };
  if (block.onFailure === 'continue') {
    await commit(run, owner, next(run, contactChange), { grant: recorded?.grant, step });
    return true;
  }
  await commit(run, owner, { step: run.step, tries: 0, status: 'failed', reason: error, dueAt: null, keep: false, ...contactChange }, { grant: recorded?.grant, step });
  stats.failed++;
  return false;
}

/** A stable number for a block (the seed's messageId is a number). */
function messageIdOf(workflowId: string, blockId: string): number {
  return createHash('sha256').update(`${workflowId}:${blockId}`).digest().readUInt32BE(0) >>> 1;
}

async function messageBlock(run: Working, owner: string, block: MessageBlock, stats: RunStats): Promise<boolean> {
  const who = await contactFor(run, FROM_EVENT);
  if ('reason' in who) {
    await end(run, owner, block, 'skipped', who.reason, stats);
    return false;
  }
  const contactChange = who.identified ? { contact: { id: who.contact.id, email: who.contact.email } } : {};
  const startedAt = new Date();
  let rendered: { subject: string | null; body: string };
  try {
    rendered = renderMessage(block, { data: run.data, contact: who.contact, event: run.event_params, now: startedAt });
  } catch (err) {
    if (!(err instanceof VelocityError)) throw err;
    await commit(
      run,
      owner,
      { step: run.step, tries: 0, status: 'failed', reason: `Message: ${err.message}`, dueAt: null, keep: false, ...contactChange },
      { step: { blockId: block.id, blockIndex: run.step, kind: 'message', status: 'failed', try: 1, startedAt, durationMs: Date.now() - startedAt.getTime(), error: `Message: ${err.message}` } },
    );
    stats.failed++;
    return false;
  }
  const contact = who.contact;
  const address = block.channel === 'email' ? contact.email : contact.phone;
  const messageId = messageIdOf(run.workflow_id, block.id);
  await commit(run, owner, next(run, contactChange), {
    step: {
      blockId: block.id,
      blockIndex: run.step,
      kind: 'message',
      status: 'completed',
      try: 1,
      startedAt,
      durationMs: Date.now() - startedAt.getTime(),
      message: { channel: block.channel, subject: rendered.subject, body: rendered.body, messageId: String(messageId) },
      // The seed's SENT activity of a workflow message, through the normal ingest path (Laboratory, exports).
      activity: (stepId) =>
      ({
        activityDateTime: startedAt.toISOString(),
        activityStatus: 'SENT',
        mediaType: block.channel,
        ...(block.channel === 'email' ? { email: address ?? '' } : { sms: address ?? '' }),
        contactId: contact.id,
        ...(contact.externalCustomerId ? { externalCustomerId: contact.externalCustomerId } : {}),
        iid: randomUUID(),
        messageId,
        messageInstanceId: Number(stepId),
        ...(run.event_id ? { sourceEventId: Number(run.event_id) } : {}),
        ...(run.event_key ? { sourceEventKey: run.event_key } : {}),
        sourceEventTypeKey: run.event_type_key,
        workflowId: run.workflow_id,
        workflowBlockId: block.id,
        workflowInstanceId: run.id,
      }) as unknown as Activity,
    },
  });
  return true;
}

async function delayBlock(run: Working, owner: string, blockId: string, ms: number): Promise<boolean> {
  if (run.tries === 0) {
    // Start waiting: the run is due again at the end of the delay (no process sleeps).
    const startedAt = new Date();
    await commit(
      run,
      owner,
      { step: run.step, tries: 1, status: 'waiting', reason: null, dueAt: new Date(startedAt.getTime() + ms), keep: false },
      { step: { blockId, blockIndex: run.step, kind: 'delay', status: 'waiting', try: 1, startedAt, durationMs: 0 } },
    );
    return false;
  }
  await commit(run, owner, next(run), { completeWaiting: run.step });
  return true;
}

// ---- operations -------------------------------------------------------------------------------------------

/** Re-runs a failed run from its failed block (its $data so far is kept); 409 for a run that has not failed. */
export async function rerun(accountId: string, runId: string): Promise<{ id: string; status: 'running'; step: number }> {
  if (!UUID.test(runId)) throw notFound('Run');
  const { rows } = await pool().query<{ id: string; step: number }>(
    `UPDATE workflow_runs SET status = 'running', reason = NULL, tries = 0, due_at = now(), finished_at = NULL,
            lease_until = NULL, lease_owner = NULL, updated_at = now()
      WHERE id = $1 AND account_id = $2 AND status = 'failed' RETURNING id, step`,
    [runId, accountId],
  );
  if (rows[0]) {
    await wakeWorkers();
    return { id: rows[0].id, status: 'running', step: rows[0].step };
  }
  const cur = await pool().query<{ status: string }>(`SELECT status FROM workflow_runs WHERE id = $1 AND account_id = $2`, [runId, accountId]);
  if (!cur.rows[0]) throw notFound('Run');
  throw new ApiError('conflict', `Only a failed run can be re-run; this one is ${cur.rows[0].status}`);
}

/** Claims and works due runs until none is due or the budget is spent (the cron entry point). */
export async function runDue({ budgetMs, owner, concurrency = config().HOOKLINE_WORKFLOW_CONCURRENCY }: { budgetMs: number; owner: string; concurrency?: number }): Promise<RunStats> {
  const stats = emptyRunStats();
  const deadline = Date.now() + budgetMs;
  while (Date.now() < deadline) {
    const runs = await claimRuns(concurrency, owner);
    if (runs.length === 0) break;
    const results = await Promise.allSettled(runs.map((r) => processRun(r, owner, stats)));
    for (const r of results) if (r.status === 'rejected') console.error('[workflows]', (r.reason as Error).message);
  }
  return stats;
}

/**
 * The worker's lane for runs: `slots` runs in flight; `fill()` claims as many as are free and starts
 * them (`onDone` once half the slots are free again, so the worker looks again). Answers whether it took all it asked
 * for (there may be more due right now).
 */
export function runLane({ owner, slots, log, onDone }: { owner: string; slots: number; log: (line: string) => void; onDone: () => void }) {
  const jobs = new Set<Promise<void>>();
  const stats = emptyRunStats();
  return {
    stats,
    jobs,
    async fill(): Promise<boolean> {
      const free = slots - jobs.size;
      if (free <= 0) return false;
      const runs = await claimRuns(free, owner);
      for (const run of runs) {
        const job: Promise<void> = processRun(run, owner, stats)
          .catch((err) => log(`worker: run ${run.id}: ${(err as Error).message}`))
          .finally(() => {
            jobs.delete(job);
            // Refill in batches: one claim (and one turn of the worker's loop) per half of the slots,
            // not per finished run.
            if (jobs.size <= slots / 2) onDone();
          });
        jobs.add(job);
      }
      return runs.length > 0 && runs.length === free;
    },
  };
}
