// Issue 13: the document's `webhooks` section against what Hookline REALLY sends. A trusted HTTPS
// receiver gets the Laboratory's GET test and its array deliveries, an array and an object Data
// export, and every event type's webhook (its connection test's dummy data, then real events made from
// activities and list events); every request's body and headers must validate against the webhook
// the document says it is.
import { describe, expect, it } from 'vitest';
import { isolatedDatabase } from '../support/isolated-db';
import { newAccount } from '../support/fixtures';
import { startTrustedReceiver } from '../support/trusted-receiver';
import { describeErrors, documentValidator, type Tree } from '../support/openapi';

await isolatedDatabase({ HOOKLINE_ALLOW_PRIVATE_NETWORKS: '1', HOOKLINE_BATCH_LINGER_MS: '0' });
const receiver = await startTrustedReceiver(() => ({ status: 200 }));
const { openApiDocument } = await import('@/lib/openapi/document');
const { EVENT_TYPES } = await import('@/lib/event-webhooks/schema');
const { createEventWebhook } = await import('@/lib/event-webhooks/service');
const { createEndpoint } = await import('@/lib/endpoints/service');
const { endpointCreateSchema } = await import('@/lib/endpoints/schema');
const { saveLaboratory } = await import('@/lib/endpoints/laboratory');
const { ingestActivities, ingestListEvents } = await import('@/lib/activities/service');
const { deliverDue } = await import('@/lib/delivery/engine');
const { DEMO_ACTIVITIES } = await import('@/lib/activities/demo-body');
type Activity = import('@/lib/activities/schema').Activity;

describe('the webhooks section', () => {
  it('validates every request Hookline sends to Laboratory, exports and event webhooks', async () => {
    const doc = openApiDocument();
    const at = documentValidator(doc);
    const { account } = await newAccount();
    const accountId = account.id;

    const lab = await saveLaboratory(accountId, { enabled: true, url: `${receiver.url}/laboratory` });
    expect(lab.saved).toBe(true);
    await createEndpoint(accountId, endpointCreateSchema.parse({ name: 'Array export', url: `${receiver.url}/array`, format: 'array' }));
    await createEndpoint(accountId, endpointCreateSchema.parse({ name: 'Object export', url: `${receiver.url}/object`, format: 'object', auth: { login: 'hook', password: 's3cret' } }));
    for (const { key } of EVENT_TYPES) {
      const created = await createEventWebhook(accountId, { name: key, eventType: key, url: `${receiver.url}/events/${key}` });
      expect(created.webhook, key).not.toBeNull();
    }

    // One email activity of every status that makes an event, and the list events.
    const sent = { ...DEMO_ACTIVITIES[0], activityStatus: 'SENT' };
    await ingestActivities(accountId, [sent, ...DEMO_ACTIVITIES] as Activity[]);
    await ingestListEvents(accountId, [
      { type: 'subscription', listId: 7477, subscriberId: 6552356, subscriberEmail: 'test@test.com' },
      { type: 'confirmation', listId: 7480, subscriberId: 5823952, subscriberEmail: 'test@test.com', messageId: 149212 },
      { type: 'unsubscription', listId: 7468, subscriberId: 4723542, subscriberEmail: 'test@test.com', eventDate: '2024-05-10T12:58:06.2247049Z' },
    ]);
    const want = (path: string) => receiver.requests.filter((r) => r.path === path && r.headers['webhook-id']?.toString().startsWith('msg_')).length;
    const deadline = Date.now() + 20_000;
    while (!(want('/laboratory') && want('/array') && want('/object') >= DEMO_ACTIVITIES.length && EVENT_TYPES.every((t) => want(`/events/${t.key}`)))) {
      if (Date.now() > deadline) throw new Error(`not everything arrived: ${[...new Set(receiver.requests.map((r) => r.path))].join(', ')}`);
      await deliverDue({ budgetMs: 500, owner: 'test' });
      await new Promise((r) => setTimeout(r, 20));
    }

    const webhooks = doc.webhooks as Tree;
    const failures: string[] = [];
    const seen = new Set<string>();
    for (const req of receiver.requests) {
      const name = req.path === '/laboratory' && req.method === 'GET' ? 'laboratoryTest' : req.path.startsWith('/events/') ? req.path.slice('/events/'.length) : 'activities';
      const method = req.method.toLowerCase();
      const op = webhooks[name]?.[method] as Tree | undefined;
      const label = `${req.method} ${req.path} (${name})`;
      if (!op) {
        failures.push(`${label}: not in the document`);
        continue;
      }
      seen.add(name);
      (op.parameters as Tree[]).forEach((p, i) => {
        const value = req.headers[p.name];
        if (value === undefined) {
          if (p.required) failures.push(`${label}: no ${p.name} header`);
          return;
        }
        const v = at('webhooks', name, method, 'parameters', String(i), 'schema');
        if (!v(String(value))) failures.push(`${label} ${p.name}: ${describeErrors(v)}`);
      });
      if (!op.requestBody) {
        if (req.body !== '') failures.push(`${label}: a body the document does not describe`);
        continue;
      }
      const v = at('webhooks', name, method, 'requestBody', 'content', 'application/json', 'schema');
      if (!v(JSON.parse(req.body))) failures.push(`${label}: ${describeErrors(v)} in ${req.body.slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
    expect([...seen].sort()).toEqual(Object.keys(webhooks).sort());
    // Basic auth is documented for exports, and sent.
    expect(receiver.requests.find((r) => r.path === '/object')?.headers.authorization).toMatch(/^Basic /);
  });
});
