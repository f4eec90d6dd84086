// Workflow request webhooks against a real HTTPS receiver: templates resolved from a contact and an
// event, escaped for where they land; connectors' auth arrives as configured and never leaks.
import { afterAll, describe, expect, it } from 'vitest';
import { isolatedDatabase } from '../support/isolated-db';
import { startReceiver } from '../support/receiver';
import { newAccount } from '../support/fixtures';

await isolatedDatabase({ HOOKLINE_ALLOW_PRIVATE_NETWORKS: '1' });
const { setExtraCACertificates } = await import('@/lib/http/outbound');
const { requestWebhookSchema } = await import('@/lib/templates/schema');
const svc = await import('@/lib/request-webhooks/service');
const { createConnector, deleteConnector, listConnectors } = await import('@/lib/connectors/service');
const { createContact } = await import('@/lib/contacts/service');
const { contactCreateSchema } = await import('@/lib/contacts/schema');
const { ingestEvents } = await import('@/lib/events/service');
const { eventInputSchema } = await import('@/lib/events/schema');
const { toApiError } = await import('@/lib/http/errors');

const receiver = await startReceiver((r) => ({ status: 200, body: JSON.stringify({ promocode: 'WELCOME10', echo: r.path }) }), { tls: true });
setExtraCACertificates([receiver.cert!]);
afterAll(async () => {
  setExtraCACertificates(null);
  await receiver.close();
});
const webhook = (w: Record<string, unknown>) => requestWebhookSchema.parse({ method: 'GET', ...w });
const last = () => receiver.requests.at(-1)!;

async function setup() {
  const acme = await newAccount();
  const contact = await createContact(acme.account.id, contactCreateSchema.parse({ email: 'kyiv@example.test', firstName: 'Olena', fields: { TOWN: 'a&b<c>"d' } }));
  const { ids } = await ingestEvents(acme.account.id, [eventInputSchema.parse({ eventTypeKey: 'productViewed', keyValue: 'k1', params: { productId: 'SKU 42/7', email: 'ev@example.test' } })]);
  return { acme, contact, eventId: ids[0] };
}

describe('workflow request webhooks', () => {
  it('GET: event param and contact field in the URL, URL-encoded', async () => {
    const { acme, contact, eventId } = await setup();
    const w = webhook({ name: 'WH1', url: `${receiver.url}/promo?product=\${productId}&town=\${contact.TOWN}` });
    const result = await svc.sendTestRequest(acme.account.id, w, { contactId: contact.id, eventId });
    expect(result.ok).toBe(true);
    expect(last().method).toBe('GET');
    expect(last().path).toBe('/promo?product=SKU%2042%2F7&town=a%26b%3Cc%3E%22d');
    expect(result.response?.json).toEqual({ promocode: 'WELCOME10', echo: last().path });
  });

  it('POST JSON, XML and text bodies land escaped and well-formed; params in headers arrive as headers', async () => {
    const { acme, contact, eventId } = await setup();
    const json = webhook({ name: 'J', method: 'POST', url: `${receiver.url}/j`, bodyEnabled: true, bodyFormat: 'json', body: '{"town": "${contact.TOWN}", "product": "${productId}"}', passHeaders: true, headers: [{ name: 'X-Customer', value: '${contact.email}' }] });
    await svc.sendTestRequest(acme.account.id, json, { contactId: contact.id, eventId });
    expect(JSON.parse(last().body)).toEqual({ town: 'a&b<c>"d', product: 'SKU 42/7' });
    expect(last().headers['content-type']).toBe('application/json');
    expect(last().headers['x-customer']).toBe('kyiv@example.test');

    const xml = webhook({ name: 'X', method: 'POST', url: `${receiver.url}/x`, bodyEnabled: true, bodyFormat: 'xml', body: '<order><town>${contact.TOWN}</town></order>' });
    await svc.sendTestRequest(acme.account.id, xml, { contactId: contact.id });
    expect(last().body).toBe('<order><town>a&amp;b&lt;c&gt;&quot;d</town></order>');
    expect(last().headers['content-type']).toMatch(/xml/);

    const text = webhook({ name: 'T', method: 'POST', url: `${receiver.url}/t`, bodyEnabled: true, bodyFormat: 'text', body: 'Hello ${contact.firstName}' });
    await svc.sendTestRequest(acme.account.id, text, { contactId: contact.id });
    expect(last().body).toBe('Hello Olena');
  });

  it('typed event params work without a received event; a CR/LF value in a header is refused, not sent', async () => {
    const { acme } = await setup();
    const w = webhook({ name: 'H', url: `${receiver.url}/h`, passHeaders: true, headers: [{ name: 'X-Ref', value: '${ref}' }] });
    const before = receiver.requests.length;
    const bad = await svc.sendTestRequest(acme.account.id, w, { event: { ref: 'a\r\nInjected: yes' } });
    expect(bad.ok).toBe(false);
    expect(bad.error?.kind).toBe('template');
    expect(receiver.requests.length).toBe(before);
    const good = await svc.sendTestRequest(acme.account.id, w, { event: { ref: 'R-1' } });
    expect(good.ok).toBe(true);
    expect(last().headers['x-ref']).toBe('R-1');
  });

  it('Basic, Bearer and API-key connectors arrive as configured; their secrets never appear in answers', async () => {
    const { acme } = await setup();
    const basic = await createConnector(acme.account.id, { name: 'B', type: 'basic', login: 'shop', password: 'pa55-word' });
    const bearer = await createConnector(acme.account.id, { name: 'T', type: 'bearer', token: 'tok-secret-123' });
    const key = await createConnector(acme.account.id, { name: 'K', type: 'api_key', headerName: 'X-Shop-Auth', key: 'key-secret-456' });
    const results: unknown[] = [];
    for (const c of [basic, bearer, key]) {
      results.push(await svc.sendTestRequest(acme.account.id, webhook({ name: `A-${c.name}`, url: `${receiver.url}/auth`, authEnabled: true, connectorId: c.id }), {}));
      if (c === basic) expect(last().headers.authorization).toBe(`Basic ${Buffer.from('shop:pa55-word').toString('base64')}`);
      if (c === bearer) expect(last().headers.authorization).toBe('Bearer tok-secret-123');
      if (c === key) expect(last().headers['x-shop-auth']).toBe('key-secret-456');
    }
    const shown = JSON.stringify([results, await listConnectors(acme.account.id)]);
    for (const secret of ['pa55-word', 'tok-secret-123', 'key-secret-456', Buffer.from('shop:pa55-word').toString('base64')]) expect(shown).not.toContain(secret);
  });

  it('deleting a connector in use is refused with the webhook names; soft delete, deleted list and restore', async () => {
    const { acme } = await setup();
    const c = await createConnector(acme.account.id, { name: 'Used', type: 'bearer', token: 't' });
    const w = await svc.createRequestWebhook(acme.account.id, webhook({ name: 'WH5', url: `${receiver.url}/p`, authEnabled: true, connectorId: c.id }));
    const refused = await deleteConnector(acme.account.id, c.id).then(() => null, toApiError);
    expect(refused).toMatchObject({ status: 409 });
    expect(refused?.message).toContain('“WH5”');

    const dup = await svc.createRequestWebhook(acme.account.id, webhook({ name: 'WH5', url: `${receiver.url}/q` })).then(() => null, toApiError);
    expect(dup).toMatchObject({ status: 409, fields: { name: [expect.stringContaining('already exists')] } });

    await svc.deleteRequestWebhook(acme.account.id, w.id);
    expect((await svc.listRequestWebhooks(acme.account.id)).map((x) => x.name)).not.toContain('WH5');
    expect((await svc.listRequestWebhooks(acme.account.id, { deleted: true })).map((x) => x.name)).toEqual(['WH5']);
    const again = await svc.createRequestWebhook(acme.account.id, webhook({ name: 'WH5', url: `${receiver.url}/r` }));
    expect((await svc.restoreRequestWebhook(acme.account.id, w.id).then(() => null, toApiError))?.status).toBe(409); // name taken meanwhile
    await svc.deleteRequestWebhook(acme.account.id, again.id);
    expect((await svc.restoreRequestWebhook(acme.account.id, w.id)).deletedAt).toBeNull();

    const other = await newAccount('Globex');
    expect((await svc.getRequestWebhook(other.account.id, w.id).then(() => null, toApiError))?.status).toBe(404);
  });

  it('a contact field `..` in a path segment cannot send the request, with the connector key, to another path', async () => {
    const { acme } = await setup();
    const key = await createConnector(acme.account.id, { name: 'K', type: 'api_key', headerName: 'X-Shop-Auth', key: 'key-secret-456' });
    const w = webhook({ name: 'Profile', url: `${receiver.url}/api/users/\${contact.X}/profile`, authEnabled: true, connectorId: key.id });
    const contact = (X: string) => createContact(acme.account.id, contactCreateSchema.parse({ email: `x${receiver.requests.length}-${X.length}@example.test`, fields: { X } }));
    const before = receiver.requests.length;
    for (const X of ['..', '.']) {
      const refused = await svc.sendTestRequest(acme.account.id, w, { contactId: (await contact(X)).id });
      expect(refused.ok).toBe(false);
      expect(refused.error).toMatchObject({ kind: 'template', message: expect.stringContaining('would change the request path') });
    }
    expect(receiver.requests.length).toBe(before);
    const ok = await svc.sendTestRequest(acme.account.id, w, { contactId: (await contact('a/../b')).id });
    expect(ok.ok).toBe(true);
    expect(last().path).toBe('/api/users/a%2F..%2Fb/profile');
  });

  it('refuses http:// on save with a clear message', () => {
    const r = requestWebhookSchema.safeParse({ name: 'Insecure', method: 'GET', url: 'http://example.com/x' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toMatch(/https:\/\//);
  });
});
