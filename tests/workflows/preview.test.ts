// POST /api/workflows/preview: the webhooks before the message run as tests against a real HTTPS
// receiver, then the message renders with their answers; problems are in the answer, never a 500.
// And POST /api/workflow-runs/[id]/rerun through its route.
import { describe, expect, it } from 'vitest';
import { startTrustedReceiver } from '../support/trusted-receiver';
import { newAccount } from '../support/fixtures';
import { call } from '../support/call';

process.env.HOOKLINE_ALLOW_PRIVATE_NETWORKS = '1';
const { POST: preview } = await import('@/app/api/workflows/preview/route');
const { POST: rerunRoute } = await import('@/app/api/workflow-runs/[id]/rerun/route');
const { createContact } = await import('@/lib/contacts/service');
const { contactCreateSchema } = await import('@/lib/contacts/schema');
const { createRequestWebhook } = await import('@/lib/request-webhooks/service');
const { requestWebhookSchema } = await import('@/lib/templates/schema');
const { ingestEvents } = await import('@/lib/events/service');
const { db } = await import('@/lib/db');

const receiver = await startTrustedReceiver((req) =>
  req.path.startsWith('/promo') ? { body: JSON.stringify({ promocode: `P-${new URL(req.path, 'https://x').searchParams.get('town')}` }) } : { status: 502, body: 'bad gateway' },
);

async function setup() {
  const { account, apiKey } = await newAccount('Preview');
  const accountId = account.id;
  const contact = await createContact(accountId, contactCreateSchema.parse({ email: 'olena@example.test', firstName: 'Olena', fields: { TOWN: 'Lviv' } }));
  const promo = await createRequestWebhook(accountId, requestWebhookSchema.parse({ name: 'WH5', method: 'GET', url: `${receiver.url}/promo?town=\${contact.TOWN}&p=\${productId}` }));
  const broken = await createRequestWebhook(accountId, requestWebhookSchema.parse({ name: 'Broken', method: 'GET', url: `${receiver.url}/broken` }));
  return { accountId, key: apiKey, contact, promo, broken };
}

describe('POST /api/workflows/preview', () => {
  it('runs the webhooks before the message as tests and renders it with their answers', async () => {
    const { key, contact, promo, broken, accountId } = await setup();
    const { ids } = await ingestEvents(accountId, [{ eventTypeKey: 'viewed', keyValue: 'v1', params: { productId: 'SKU-1' } }]);
    const before = receiver.requests.length;
    const res = await call(preview, key, {
      method: 'POST',
      body: {
        blocks: [
          { id: 'w1', kind: 'webhook', webhookId: promo.id, email: '${email}' },
          { id: 'w2', kind: 'webhook', webhookId: broken.id, email: '${email}' },
          { id: 'm', kind: 'message', channel: 'email', subject: "Code $data.get('WH5').get('promocode')", body: '<b>$contact.firstName</b> $event.productId' },
          { id: 'later', kind: 'webhook', webhookId: promo.id },
        ],
        blockId: 'm',
        contactId: contact.id,
        eventId: ids[0],
      },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      webhooks: [
        { blockId: 'w1', name: 'WH5', ok: true, status: 200, error: null },
        { blockId: 'w2', name: 'Broken', ok: false, status: 502, error: 'The server answered 502' },
      ],
      data: { WH5: { promocode: 'P-Lviv' } },
      subject: 'Code P-Lviv',
      body: '<b>Olena</b> SKU-1',
      error: null,
    });
    expect(receiver.requests.slice(before).map((r) => r.path)).toEqual(['/promo?town=Lviv&p=SKU-1', '/broken']); // the block after the message is not run
  });

  it('a template error is in the answer; bad input is a 422 field by field; another account’s contact a 404', async () => {
    const { key } = await setup();
    const res = await call(preview, key, { method: 'POST', body: { blocks: [{ id: 'm', kind: 'message', body: '#if($x' }], blockId: 'm', event: { a: 1 } } });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.body).toBeNull();
    expect(body.error).toMatch(/^The template cannot be read/);

    const missing = await call(preview, key, { method: 'POST', body: { blocks: [{ id: 'm', kind: 'message', body: 'x' }], blockId: 'nope' } });
    expect(missing.status).toBe(422);
    expect((await missing.json()).error.fields).toEqual({ blockId: ['No block of the workflow has this id'] });
    const bad = await call(preview, key, { method: 'POST', body: { blocks: 'x', blockId: 5 } });
    expect(bad.status).toBe(422);

    const other = await setup();
    const cross = await call(preview, key, { method: 'POST', body: { blocks: [{ id: 'm', kind: 'message', body: 'x' }], blockId: 'm', contactId: other.contact.id } });
    expect(cross.status).toBe(404);
  });
});

describe('POST /api/workflow-runs/[id]/rerun', () => {
  it('re-runs a failed run (due now), 409 for one that has not failed, 404 for another account', async () => {
    const { accountId, key } = await setup();
    const definition = { trigger: { eventTypeKey: 'e', filter: null }, blocks: [] };
    const workflow = await db().workflow.create({ data: { accountId, name: 'R', definition, versions: { create: { version: 1, definition } } } });
    const run = await db().workflowRun.create({ data: { accountId, workflowId: workflow.id, version: 1, eventTypeKey: 'e', status: 'failed', reason: 'x', step: 2, dueAt: null } });
    const res = await call(rerunRoute, key, { method: 'POST', params: { id: run.id } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ run: { id: run.id, status: 'running', step: 2 } });
    const after = await db().workflowRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(after).toMatchObject({ status: 'running', reason: null, tries: 0 });
    expect(after.dueAt!.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    expect((await call(rerunRoute, key, { method: 'POST', params: { id: run.id } })).status).toBe(409);
    const other = await setup();
    expect((await call(rerunRoute, other.key, { method: 'POST', params: { id: run.id } })).status).toBe(404);
    expect((await call(rerunRoute, key, { method: 'POST', params: { id: 'not-a-uuid' } })).status).toBe(404);
  });
});
