// Launch history through the route handlers, over run rows this test inserts (the engine writes them
// for real): filters, keyset pages without gaps or repeats, newest first, a run's steps in order, the
// workflow list's figures, and another account's runs never shown.
import { describe, expect, it } from 'vitest';
import { call } from '../support/call';
import { newAccount } from '../support/fixtures';
import { db } from '@/lib/db';
import * as workflows from '@/app/api/workflows/route';
import * as workflowRuns from '@/app/api/workflows/[id]/runs/route';
import * as allRuns from '@/app/api/workflow-runs/route';
import * as oneRun from '@/app/api/workflow-runs/[id]/route';
import * as v1Run from '@/app/api/v1/workflows/[id]/runs/[runId]/route';
import type { RunDetail, RunPage, RunStatus, WorkflowView } from '@/lib/workflows/schema';

const T0 = Date.parse('2026-11-20T10:00:00Z');
const STATUSES: RunStatus[] = ['running', 'waiting', 'completed', 'failed', 'skipped'];

async function setup() {
  const { account, apiKey } = await newAccount();
  const accountId = account.id;
  const make = (name: string) =>
    db().workflow.create({ data: { accountId, name, triggerEventType: 'orderPlaced', definition: { trigger: { eventTypeKey: 'orderPlaced', filter: null }, blocks: [] } } });
  const [wa, wb] = await Promise.all([make('Alpha'), make('Beta')]);
  // 30 runs: alternating workflows, every status, two contacts, two runs at each instant (the id breaks the tie).
  const runs = [];
  for (let i = 0; i < 30; i++) {
    const startedAt = new Date(T0 + Math.floor(i / 2) * 60_000);
    const status = STATUSES[i % 5];
    const ended = ['completed', 'failed', 'skipped'].includes(status);
    runs.push(
      await db().workflowRun.create({
        data: {
          accountId,
          workflowId: i % 2 ? wb.id : wa.id,
          version: 1,
          eventTypeKey: 'orderPlaced',
          eventKey: `order-${i}`,
          eventParams: { orderId: i },
          contactEmail: i % 3 === 0 ? 'ann@example.test' : 'Bob@Example.test',
          status,
          reason: status === 'skipped' ? 'no contact with email x@example.test' : null,
          startedAt,
          finishedAt: ended ? new Date(startedAt.getTime() + 1500) : null,
          dueAt: ended ? null : new Date(startedAt.getTime() + 3_600_000),
        },
      }),
    );
  }
  return { accountId, key: apiKey, wa, wb, runs };
}

async function page(handler: typeof allRuns.GET, key: string, query: Record<string, string>, params: Record<string, string> = {}): Promise<RunPage> {
  const res = await call(handler, key, { path: `/?${new URLSearchParams(query)}`, params });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

/** Every run of a filter, page by page. */
async function all(key: string, query: Record<string, string>, limit: number) {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const p = await page(allRuns.GET, key, { ...query, limit: String(limit), ...(cursor ? { cursor } : {}) });
    ids.push(...p.runs.map((r) => r.id));
    cursor = p.nextCursor;
    pages++;
  } while (cursor && pages < 100);
  return { ids, pages };
}

type Row = Awaited<ReturnType<typeof setup>>['runs'][number];
const newestFirst = (rows: Row[]) => [...rows].sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime() || (a.id < b.id ? 1 : -1)).map((r) => r.id);

describe('launch history', () => {
  it('pages through every run newest first, without gaps or repeats, ties broken by id', async () => {
    const { key, runs } = await setup();
    const { ids, pages } = await all(key, {}, 7);
    expect(pages).toBe(5);
    expect(ids).toEqual(newestFirst(runs));
  });

  it('filters by workflow, status, time range, contact email and event key', async () => {
    const { key, wa, runs } = await setup();
    const cases: [Record<string, string>, (r: Row) => boolean][] = [
      [{ workflowId: wa.id }, (r) => r.workflowId === wa.id],
      [{ status: 'failed' }, (r) => r.status === 'failed'],
      [{ from: new Date(T0 + 10 * 60_000).toISOString(), to: new Date(T0 + 20 * 60_000).toISOString() }, (r) => r.startedAt.getTime() >= T0 + 10 * 60_000 && r.startedAt.getTime() < T0 + 20 * 60_000],
      [{ email: 'bob@example' }, (r) => r.contactEmail === 'Bob@Example.test'],
      [{ eventKey: 'order-1' }, (r) => r.eventKey!.startsWith('order-1')],
      [{ workflowId: wa.id, status: 'waiting', email: 'ann' }, (r) => r.workflowId === wa.id && r.status === 'waiting' && r.contactEmail === 'ann@example.test'],
      [{ email: '%' }, () => false],
    ];
    for (const [query, keep] of cases) {
      const wanted = newestFirst(runs.filter(keep));
      const { ids } = await all(key, query, 4);
      expect(ids, JSON.stringify(query)).toEqual(wanted);
    }
  });

  it("one workflow's runs: its own route, 404 for a workflow of another account", async () => {
    const { key, wb, runs } = await setup();
    const p = await page(workflowRuns.GET, key, { status: 'completed' }, { id: wb.id });
    expect(p.runs.map((r) => r.id)).toEqual(newestFirst(runs.filter((r) => r.workflowId === wb.id && r.status === 'completed')));
    expect(p.runs.every((r) => r.workflowName === 'Beta')).toBe(true);
    const other = await newAccount();
    expect((await call(workflowRuns.GET, other.apiKey, { params: { id: wb.id } })).status).toBe(404);
    expect((await page(allRuns.GET, other.apiKey, { workflowId: wb.id })).runs).toEqual([]);
  });

  it('maps rows to views: duration for ended runs, due time only for runs still going', async () => {
    const { key, runs } = await setup();
    const p = await page(allRuns.GET, key, { limit: '200' });
    const byId = new Map(p.runs.map((r) => [r.id, r]));
    const skipped = byId.get(runs[4].id)!;
    expect(skipped).toMatchObject({ status: 'skipped', reason: 'no contact with email x@example.test', durationMs: 1500, dueAt: null, eventKey: 'order-4', eventTypeKey: 'orderPlaced' });
    const waiting = byId.get(runs[1].id)!;
    expect(waiting).toMatchObject({ status: 'waiting', durationMs: null, finishedAt: null, dueAt: new Date(runs[1].startedAt.getTime() + 3_600_000).toISOString() });
  });

  it('refuses bad filters field by field (422) and cursors it did not give out', async () => {
    const { key } = await setup();
    const bad: [Record<string, string>, string][] = [
      [{ status: 'done' }, 'status'],
      [{ workflowId: 'nope' }, 'workflowId'],
      [{ from: '2026-02-30T00:00:00Z' }, 'from'],
      [{ from: '2026-11-02T00:00:00Z', to: '2026-11-01T00:00:00Z' }, 'to'],
      [{ limit: '0' }, 'limit'],
      [{ limit: '201' }, 'limit'],
      [{ cursor: 'garbage' }, 'cursor'],
      [{ cursor: Buffer.from(JSON.stringify({ t: '0000-01-01T00:00:00.000Z', id: '00000000-0000-4000-8000-000000000000' })).toString('base64url') }, 'cursor'],
      [{ email: 'x'.repeat(321) }, 'email'],
      [{ email: 'a\u0000b' }, 'email'],
      [{ eventKey: '\u0000' }, 'eventKey'],
    ];
    for (const [query, field] of bad) {
      const res = await call(allRuns.GET, key, { path: `/?${new URLSearchParams(query)}` });
      expect(res.status, JSON.stringify(query)).toBe(422);
      expect(Object.keys((await res.json()).error.fields)).toEqual([field]);
    }
  });

  it("a run's detail: event params, $data and every step in order; the API path checks the workflow", async () => {
    const { accountId, key, wa, wb, runs } = await setup();
    const run = runs[0];
    await db().workflowRun.update({ where: { id: run.id }, data: { data: { WH5: { promocode: 'WELCOME10' } } } });
    const step = (blockIndex: number, extra: Record<string, unknown>) =>
      db().workflowRunStep.create({ data: { accountId, runId: run.id, blockId: `b${blockIndex}`, blockIndex, durationMs: 12, ...extra } as never });
    await step(0, { kind: 'webhook', status: 'retrying', try: 1, error: 'The server answered 503', request: { method: 'GET', url: 'https://x.test/p', headers: { authorization: '••••••' }, body: null }, response: { status: 503, headers: {}, body: 'busy', durationMs: 10 }, attemptId: 42n });
    await step(0, { kind: 'webhook', status: 'completed', try: 2, dataAdded: { WH5: { promocode: 'WELCOME10' } } });
    await step(1, { kind: 'message', status: 'completed', message: { channel: 'email', subject: 'Hi', body: 'WELCOME10', messageId: 'm1', messageInstanceId: 'i1' } });

    const res = await call(oneRun.GET, key, { params: { id: run.id } });
    const detail = (await res.json()).run as RunDetail;
    expect(detail).toMatchObject({ id: run.id, workflowName: 'Alpha', eventParams: { orderId: 0 }, data: { WH5: { promocode: 'WELCOME10' } } });
    expect(detail.steps.map((s) => `${s.blockIndex}:${s.kind}:${s.status}:${s.try}`)).toEqual(['0:webhook:retrying:1', '0:webhook:completed:2', '1:message:completed:1']);
    expect(detail.steps[0]).toMatchObject({ attemptId: '42', error: 'The server answered 503', request: { headers: { authorization: '••••••' } }, response: { status: 503 } });
    expect(detail.steps[2].message).toMatchObject({ body: 'WELCOME10' });

    const viaApi = await call(v1Run.GET, key, { params: { id: wa.id, runId: run.id } });
    expect((await viaApi.json()).run).toEqual(detail);
    expect((await call(v1Run.GET, key, { params: { id: wb.id, runId: run.id } })).status).toBe(404);
    const other = await newAccount();
    expect((await call(oneRun.GET, other.apiKey, { params: { id: run.id } })).status).toBe(404);
  });

  it("the workflow list's figures: runs and failures in the last 24 h, runs in progress, last run", async () => {
    const { accountId, key, wa, wb } = await setup();
    const now = Date.now();
    const add = (workflowId: string, status: RunStatus, agoMs: number) =>
      db().workflowRun.create({ data: { accountId, workflowId, version: 1, eventTypeKey: 'orderPlaced', status, startedAt: new Date(now - agoMs) } });
    await add(wa.id, 'failed', 60_000);
    await add(wa.id, 'completed', 2 * 3_600_000);
    await add(wa.id, 'failed', 25 * 3_600_000); // older than a day
    await add(wa.id, 'waiting', 30 * 86_400_000); // a long delay, still in progress
    const latest = await add(wa.id, 'running', 1000);
    const listed = (await (await call(workflows.GET, key)).json()).workflows as WorkflowView[];
    const alpha = listed.find((w) => w.id === wa.id)!;
    expect(alpha.stats).toEqual({ runs24h: 3, failures24h: 1, inProgress: 2 + 6, lastRunAt: latest.startedAt.toISOString() });
    // Beta's inserted runs are from 2026-11-20: none in the last day, its waiting/running ones in progress.
    const beta = listed.find((w) => w.id === wb.id)!;
    expect(beta.stats.runs24h).toBe(0);
    expect(beta.stats.inProgress).toBe(6);
    expect(listed.map((w) => w.name)).toEqual(['Alpha', 'Beta']);
  });
});
