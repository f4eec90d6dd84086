// Automation → Workflows through the real route handlers and PostgreSQL: create, PUT with versions,
// duplicate, delete, activation's field-by-field 422s, a deleted webhook shown as a problem and healed
// by restoring it, deleting a webhook or connector an active workflow uses refused naming it, audit.
import { describe, expect, it } from 'vitest';
import { call, errorFields } from '../support/call';
import { newAccount } from '../support/fixtures';
import { db } from '@/lib/db';
import { encryptSecret } from '@/lib/crypto/secrets';
import * as list from '@/app/api/workflows/route';
import * as one from '@/app/api/workflows/[id]/route';
import * as activate from '@/app/api/workflows/[id]/activate/route';
import * as deactivate from '@/app/api/workflows/[id]/deactivate/route';
import * as duplicate from '@/app/api/workflows/[id]/duplicate/route';
import * as v1list from '@/app/api/v1/workflows/route';
import * as webhookOne from '@/app/api/request-webhooks/[id]/route';
import * as webhookRestore from '@/app/api/request-webhooks/[id]/restore/route';
import * as connectorOne from '@/app/api/connectors/[id]/route';
import type { WorkflowView } from '@/lib/workflows/schema';

type Body = Record<string, unknown>;

async function setup() {
  const { account, apiKey } = await newAccount();
  const connector = await db().connector.create({ data: { accountId: account.id, name: 'CRM auth', type: 'bearer', secretEnc: encryptSecret('crm-token') } });
  const webhook = await db().requestWebhook.create({ data: { accountId: account.id, name: 'WH5', method: 'GET', url: 'https://example.com/promo', connectorId: connector.id } });
  return { accountId: account.id, key: apiKey, webhookId: webhook.id, connectorId: connector.id };
}

/** The seed's chain: a webhook identified by the event's email, then an email using its answer. */
const seedWorkflow = (webhookId: string, extra: Body = {}): Body => ({
  name: 'Welcome',
  trigger: { eventTypeKey: 'productViewed' },
  blocks: [
    { id: 'b1', kind: 'webhook', webhookId, email: '${email}' },
    { id: 'b2', kind: 'delay', amount: 2, unit: 'hours' },
    { id: 'b3', kind: 'message', channel: 'email', subject: 'Your code', body: "Code: $data.get('WH5').get('promocode')" },
  ],
  ...extra,
});

async function create(key: string, body: Body): Promise<WorkflowView> {
  const res = await call(list.POST, key, { method: 'POST', body });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()).workflow;
}
const put = (key: string, id: string, body: Body) => call(one.PUT, key, { method: 'PUT', body, params: { id } });
const act = (key: string, id: string) => call(activate.POST, key, { method: 'POST', params: { id } });
const get = async (key: string, id: string): Promise<WorkflowView> => (await (await call(one.GET, key, { params: { id } })).json()).workflow;
const fieldsOf = async (res: Response): Promise<Record<string, string[]>> => ((await res.json()) as { error: { fields?: Record<string, string[]> } }).error.fields ?? {};

describe('workflows: create, PUT, versions', () => {
  it('creates an inactive workflow at version 1 and stores that version', async () => {
    const { key, webhookId } = await setup();
    const w = await create(key, seedWorkflow(webhookId));
    expect(w).toMatchObject({ name: 'Welcome', active: false, version: 1, trigger: { eventTypeKey: 'productViewed', filter: null }, problems: [] });
    expect(w.blocks.map((b) => b.kind)).toEqual(['webhook', 'delay', 'message']);
    expect(w.blocks[0]).toMatchObject({ timeoutMs: 10_000, onFailure: 'stop', contactId: '', phone: '' });
    expect(w.stats).toEqual({ runs24h: 0, failures24h: 0, inProgress: 0, lastRunAt: null });
    const row = await db().workflow.findUniqueOrThrow({ where: { id: w.id }, include: { versions: true } });
    expect(row.triggerEventType).toBe('productViewed');
    expect(row.versions.map((v) => v.version)).toEqual([1]);
    // The list and the API path show the same workflow.
    const listed = (await (await call(v1list.GET, key)).json()).workflows as WorkflowView[];
    expect(listed).toEqual([w]);
  });

  it('a changed definition bumps the version and stores it; a rename alone does not; the trigger key follows', async () => {
    const { key, webhookId } = await setup();
    const w = await create(key, seedWorkflow(webhookId));
    const renamed = await put(key, w.id, seedWorkflow(webhookId, { name: 'Welcome 2' }));
    expect(renamed.status).toBe(200);
    expect((await renamed.json()).workflow).toMatchObject({ name: 'Welcome 2', version: 1 });

    const changed = await put(key, w.id, seedWorkflow(webhookId, { name: 'Welcome 2', trigger: { eventTypeKey: 'orderPlaced', filter: { param: 'country', value: 'UA' } } }));
    expect((await changed.json()).workflow).toMatchObject({ version: 2, trigger: { eventTypeKey: 'orderPlaced', filter: { param: 'country', value: 'UA' } } });
    const same = await put(key, w.id, seedWorkflow(webhookId, { name: 'Welcome 2', trigger: { eventTypeKey: 'orderPlaced', filter: { param: 'country', value: 'UA' } } }));
    expect((await same.json()).workflow.version).toBe(2);

    const row = await db().workflow.findUniqueOrThrow({ where: { id: w.id }, include: { versions: { orderBy: { version: 'asc' } } } });
    expect(row.triggerEventType).toBe('orderPlaced');
    expect(row.versions.map((v) => [v.version, (v.definition as { trigger: { eventTypeKey: string } }).trigger.eventTypeKey])).toEqual([
      [1, 'productViewed'],
      [2, 'orderPlaced'],
    ]);
  });

  it('refuses a second workflow with the same name (409 on name) and two blocks with one id (422)', async () => {
    const { key, webhookId } = await setup();
    await create(key, seedWorkflow(webhookId));
    const clash = await call(list.POST, key, { method: 'POST', body: seedWorkflow(webhookId) });
    expect(clash.status).toBe(409);
    expect(await errorFields(clash)).toEqual(['name']);
    const dup = await call(list.POST, key, { method: 'POST', body: { name: 'Dup', trigger: { eventTypeKey: 'x' }, blocks: [{ id: 'a', kind: 'delay', amount: 1 }, { id: 'a', kind: 'delay', amount: 1 }] } });
    expect(dup.status).toBe(422);
    expect(await errorFields(dup)).toEqual(['blocks.1.id']);
  });

  it('saves drafts that activation would refuse, and lists what is wrong as problems', async () => {
    const { key } = await setup();
    const draft = await create(key, { name: 'Draft', trigger: { eventTypeKey: '' }, blocks: [{ id: 'w', kind: 'webhook' }] });
    expect(draft.problems.map((p) => p.field)).toEqual(['trigger.eventTypeKey', 'blocks.0.webhookId', 'blocks.0.contactId']);
  });

  it('refuses on save a webhook id that is not one of the account’s', async () => {
    const { key } = await setup();
    const other = await setup();
    const res = await call(list.POST, key, { method: 'POST', body: seedWorkflow(other.webhookId) });
    expect(res.status).toBe(422);
    expect(await fieldsOf(res)).toEqual({ 'blocks.0.webhookId': ['Choose one of your webhooks'] });
  });
});

describe('activation: 422 field by field', () => {
  it('activates a complete workflow, deactivates it, and audits create/change/activate/deactivate/delete', async () => {
    const { accountId, key, webhookId } = await setup();
    const w = await create(key, seedWorkflow(webhookId));
    const on = await act(key, w.id);
    expect(on.status).toBe(200);
    expect((await on.json()).workflow.active).toBe(true);
    expect((await act(key, w.id)).status).toBe(200); // already active: nothing changes
    await put(key, w.id, seedWorkflow(webhookId, { name: 'Welcome!' }));
    const off = await call(deactivate.POST, key, { method: 'POST', params: { id: w.id } });
    expect((await off.json()).workflow.active).toBe(false);
    expect((await call(one.DELETE, key, { method: 'DELETE', params: { id: w.id } })).status).toBe(204);
    expect((await call(one.GET, key, { params: { id: w.id } })).status).toBe(404);
    const audit = await db().auditEntry.findMany({ where: { accountId, targetKind: 'workflow' }, orderBy: { id: 'asc' } });
    expect(audit.map((e) => `${e.action} ${e.targetName} ${e.actorKind}`)).toEqual([
      'created Welcome api_key',
      'activated Welcome api_key',
      'changed Welcome! api_key',
      'deactivated Welcome! api_key',
      'deleted Welcome! api_key',
    ]);
    expect(audit[2].details).toEqual({ fields: ['name'] });
  });

  const bad: [string, (webhookId: string) => Body, Record<string, RegExp>][] = [
    ['no trigger', (h) => seedWorkflow(h, { trigger: { eventTypeKey: '  ' } }), { 'trigger.eventTypeKey': /Choose the event type/ }],
    ['no blocks', () => ({ name: 'Empty', trigger: { eventTypeKey: 'x' }, blocks: [] }), { blocks: /at least one block/ }],
    ['a webhook block without webhook', () => ({ name: 'N', trigger: { eventTypeKey: 'x' }, blocks: [{ id: 'w', kind: 'webhook', phone: '${phone}' }] }), { 'blocks.0.webhookId': /Choose a webhook/ }],
    [
      'a webhook block without a contact field',
      (h) => ({ name: 'N', trigger: { eventTypeKey: 'x' }, blocks: [{ id: 'w', kind: 'webhook', webhookId: h, contactId: ' ', phone: '', email: '' }] }),
      { 'blocks.0.contactId': /Contact ID, Phone or Contact Email/ },
    ],
    [
      'an identification template that does not parse',
      (h) => ({ name: 'N', trigger: { eventTypeKey: 'x' }, blocks: [{ id: 'w', kind: 'webhook', webhookId: h, email: '${email' }] }),
      { 'blocks.0.email': /Contact Email: Unclosed variable at position 1/ },
    ],
    [
      'a message body that does not parse, with line and column',
      (h) => seedWorkflow(h, { blocks: [{ id: 'w', kind: 'webhook', webhookId: h, email: '${email}' }, { id: 'm', kind: 'message', subject: 'Hi', body: 'Dear $name,\n#if($a == )\nx#end' }] }),
      { 'blocks.1.body': /line 2, column 11\): unexpected “\)”/ },
    ],
    [
      'a subject that does not parse',
      (h) => seedWorkflow(h, { blocks: [{ id: 'w', kind: 'webhook', webhookId: h, email: '${email}' }, { id: 'm', kind: 'message', subject: 'Hi $!{contact.firstName', body: 'x' }] }),
      { 'blocks.1.subject': /line 1, column 24\)/ },
    ],
    ['an email without a body', (h) => seedWorkflow(h, { blocks: [{ id: 'w', kind: 'webhook', webhookId: h, email: '${email}' }, { id: 'm', kind: 'message', subject: 'Hi', body: ' ' }] }), { 'blocks.1.body': /Write the email body/ }],
  ];
  for (const [label, body, expected] of bad) {
    it(`refuses ${label}`, async () => {
      const { key, webhookId } = await setup();
      const w = await create(key, body(webhookId));
      const res = await act(key, w.id);
      expect(res.status).toBe(422);
      const fields = await fieldsOf(res);
      expect(Object.keys(fields)).toEqual(Object.keys(expected));
      for (const [field, re] of Object.entries(expected)) expect(fields[field].join(' ')).toMatch(re);
      expect((await get(key, w.id)).active).toBe(false);
      expect((await get(key, w.id)).problems.map((p) => p.field)).toEqual(Object.keys(expected));
    });
  }

  it('refuses a delay of 0 or over 365 days and an event key over 200 characters on save (422)', async () => {
    const { key, webhookId } = await setup();
    const cases: [Body, string][] = [
      [seedWorkflow(webhookId, { blocks: [{ id: 'd', kind: 'delay', amount: 0, unit: 'minutes' }] }), 'blocks.0.amount'],
      [seedWorkflow(webhookId, { blocks: [{ id: 'd', kind: 'delay', amount: 366, unit: 'days' }] }), 'blocks.0.amount'],
      [seedWorkflow(webhookId, { blocks: [{ id: 'd', kind: 'delay', amount: 8761, unit: 'hours' }] }), 'blocks.0.amount'],
      [seedWorkflow(webhookId, { trigger: { eventTypeKey: 'k'.repeat(201) } }), 'trigger.eventTypeKey'],
    ];
    for (const [body, field] of cases) {
      const res = await call(list.POST, key, { method: 'POST', body });
      expect(res.status).toBe(422);
      expect(await errorFields(res)).toEqual([field]);
    }
    const w = await create(key, seedWorkflow(webhookId, { blocks: [{ id: 'w', kind: 'webhook', webhookId, email: '${email}' }, { id: 'd', kind: 'delay', amount: 365, unit: 'days' }] }));
    expect((await act(key, w.id)).status).toBe(200);
  });

  it('re-validates a PUT on an active workflow and keeps the old definition when it fails', async () => {
    const { key, webhookId } = await setup();
    const w = await create(key, seedWorkflow(webhookId));
    await act(key, w.id);
    const res = await put(key, w.id, seedWorkflow(webhookId, { trigger: { eventTypeKey: '' } }));
    expect(res.status).toBe(422);
    expect(await errorFields(res)).toEqual(['trigger.eventTypeKey']);
    expect(await get(key, w.id)).toMatchObject({ active: true, version: 1, trigger: { eventTypeKey: 'productViewed' } });
  });
});

describe('a deleted webhook', () => {
  it('cannot be deleted while an active workflow sends it (409 naming it); once inactive it can, the workflow says so, restoring heals', async () => {
    const { key, webhookId } = await setup();
    const w = await create(key, seedWorkflow(webhookId));
    await act(key, w.id);
    const refused = await call(webhookOne.DELETE, key, { method: 'DELETE', params: { id: webhookId } });
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.message).toBe('Webhook “WH5” is used by the active workflow “Welcome”. Deactivate it or choose another webhook there first.');
    expect((await db().requestWebhook.findUniqueOrThrow({ where: { id: webhookId } })).deletedAt).toBeNull();

    await call(deactivate.POST, key, { method: 'POST', params: { id: w.id } });
    expect((await call(webhookOne.DELETE, key, { method: 'DELETE', params: { id: webhookId } })).status).toBe(204);
    expect((await get(key, w.id)).problems).toEqual([{ field: 'blocks.0.webhookId', message: 'Webhook WH5 was deleted — restore it or choose another' }]);
    const res = await act(key, w.id);
    expect(res.status).toBe(422);
    expect(await fieldsOf(res)).toEqual({ 'blocks.0.webhookId': ['Webhook WH5 was deleted — restore it or choose another'] });

    expect((await call(webhookRestore.POST, key, { method: 'POST', params: { id: webhookId } })).status).toBe(200);
    expect((await get(key, w.id)).problems).toEqual([]);
    expect((await act(key, w.id)).status).toBe(200);
  });

  it('refuses deleting a connector whose webhook an active workflow sends, naming the workflow', async () => {
    const { key, webhookId, connectorId } = await setup();
    const w = await create(key, seedWorkflow(webhookId));
    await act(key, w.id);
    const res = await call(connectorOne.DELETE, key, { method: 'DELETE', params: { id: connectorId } });
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toMatch(/“WH5”, which the active workflow “Welcome” sends/);
  });

  it('activation and deletion racing: exactly one wins', async () => {
    const { key, webhookId } = await setup();
    for (let i = 0; i < 5; i++) {
      const w = await create(key, seedWorkflow(webhookId, { name: `Race ${i}` }));
      const [a, d] = await Promise.all([act(key, w.id), call(webhookOne.DELETE, key, { method: 'DELETE', params: { id: webhookId } })]);
      const hook = await db().requestWebhook.findUniqueOrThrow({ where: { id: webhookId } });
      const active = (await get(key, w.id)).active;
      // Never an active workflow on a deleted webhook.
      expect(active && hook.deletedAt !== null).toBe(false);
      expect([a.status, d.status].sort()).toEqual(active ? [200, 409] : [204, 422]);
      if (hook.deletedAt) await call(webhookRestore.POST, key, { method: 'POST', params: { id: webhookId } });
      await call(deactivate.POST, key, { method: 'POST', params: { id: w.id } });
    }
  });
});

describe('duplicate and delete', () => {
  it('duplicates as "<name> (copy)", inactive, version 1; again as "(copy 2)"', async () => {
    const { key, webhookId } = await setup();
    const w = await create(key, seedWorkflow(webhookId));
    await put(key, w.id, seedWorkflow(webhookId, { trigger: { eventTypeKey: 'v2' } }));
    await act(key, w.id);
    const res = await call(duplicate.POST, key, { method: 'POST', params: { id: w.id } });
    expect(res.status).toBe(201);
    const copy = (await res.json()).workflow as WorkflowView;
    expect(copy).toMatchObject({ name: 'Welcome (copy)', active: false, version: 1, trigger: { eventTypeKey: 'v2' }, problems: [] });
    expect(copy.blocks).toEqual((await get(key, w.id)).blocks);
    const again = (await (await call(duplicate.POST, key, { method: 'POST', params: { id: w.id } })).json()).workflow;
    expect(again.name).toBe('Welcome (copy 2)');
    const long = await create(key, seedWorkflow(webhookId, { name: 'L'.repeat(200) }));
    const longCopy = (await (await call(duplicate.POST, key, { method: 'POST', params: { id: long.id } })).json()).workflow;
    expect(longCopy.name).toBe(`${'L'.repeat(193)} (copy)`);
  });

  it('deleting removes the workflow, its versions and its runs', async () => {
    const { accountId, key, webhookId } = await setup();
    const w = await create(key, seedWorkflow(webhookId));
    await db().workflowRun.create({ data: { accountId, workflowId: w.id, version: 1, eventTypeKey: 'productViewed', status: 'waiting' } });
    expect((await get(key, w.id)).stats.inProgress).toBe(1);
    expect((await call(one.DELETE, key, { method: 'DELETE', params: { id: w.id } })).status).toBe(204);
    expect(await db().workflowRun.count({ where: { workflowId: w.id } })).toBe(0);
    expect(await db().workflowVersion.count({ where: { workflowId: w.id } })).toBe(0);
    expect((await call(one.DELETE, key, { method: 'DELETE', params: { id: w.id } })).status).toBe(404);
  });
});

describe('no 5xx for any workflow body', () => {
  it('answers malformed workflows with 4xx on create, PUT of a draft and PUT of an active workflow', async () => {
    const { key, webhookId } = await setup();
    const draft = await create(key, seedWorkflow(webhookId, { name: 'Draft' }));
    const active = await create(key, seedWorkflow(webhookId, { name: 'Live' }));
    await act(key, active.id);
    const deep = (n: number): unknown => (n === 0 ? 'x' : { a: deep(n - 1) });
    const block = (b: Body): Body => seedWorkflow(webhookId, { blocks: [b] });
    const bodies: unknown[] = [
      {},
      { name: 'x' },
      { name: 'x', trigger: null },
      { name: 'x', trigger: 'productViewed' },
      { name: 'x', trigger: { eventTypeKey: 5, filter: { param: '', value: 7 } } },
      { name: 'x', trigger: { eventTypeKey: 'k' }, blocks: {} },
      { name: 'x', trigger: { eventTypeKey: 'k' }, blocks: [null, 1, 'webhook', []] },
      block({ id: 'a', kind: 'branch' }),
      block({ id: '../../etc', kind: 'delay', amount: 1 }),
      block({ id: 'a', kind: 'delay', amount: 1e308, unit: 'days' }),
      block({ id: 'a', kind: 'delay', amount: '1; DROP TABLE workflows', unit: 'weeks' }),
      block({ id: 'a', kind: 'delay', amount: -1 }),
      block({ id: 'a', kind: 'webhook', webhookId: 'not-a-uuid' }),
      block({ id: 'a', kind: 'webhook', webhookId: '00000000-0000-4000-8000-000000000000', email: '${email}' }),
      block({ id: 'a', kind: 'webhook', webhookId, timeoutMs: 1e9, onFailure: 'retry', email: { $ne: 1 } }),
      block({ id: 'a', kind: 'message', channel: 'fax', subject: 1, body: ['x'] }),
      block({ id: 'a', kind: 'message', body: '#foreach($i in [1..100000000])$i#end' }),
      block({ id: 'a', kind: 'message', body: '#'.repeat(65_537) }),
      block({ id: 'a', kind: 'message', body: '${'.repeat(5000) }),
      block({ id: 'a', kind: 'message', body: `$a${'.b'.repeat(5000)}` }),
      block({ id: 'a', kind: 'message', body: '#if('.repeat(2000) }),
      { ...seedWorkflow(webhookId), blocks: Array.from({ length: 51 }, (_, i) => ({ id: `d${i}`, kind: 'delay', amount: 1 })) },
      { ...seedWorkflow(webhookId), name: 'n'.repeat(201) },
      { ...seedWorkflow(webhookId), name: 'a\u0000b' },
      { ...seedWorkflow(webhookId), extra: deep(50) },
      [seedWorkflow(webhookId)],
    ];
    const failures: string[] = [];
    for (const body of bodies) {
      for (const [label, res] of [
        ['POST', await call(list.POST, key, { method: 'POST', body })],
        ['PUT draft', await put(key, draft.id, body as Body)],
        ['PUT active', await put(key, active.id, body as Body)],
      ] as const) {
        if (res.status >= 500) failures.push(`${label} ${JSON.stringify(body).slice(0, 80)} → ${res.status} ${(await res.text()).slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
    // The runaway #foreach parses, so it may be saved even on the active workflow: the render limits stop it at run time.
    expect((await get(key, active.id)).active).toBe(true);
  });
});
