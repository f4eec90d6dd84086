// The HTTP rules of lib/http/rules.ts in every place that uses them: exports' custom headers (save),
// request webhooks' headers (save and render, against a real HTTPS receiver), API-key connectors
// (the schema the connector form and the routes share) and the HTTPS rule of event and request webhooks.
import { describe, expect, it } from 'vitest';
import { isolatedDatabase } from '../support/isolated-db';
import { startTrustedReceiver } from '../support/trusted-receiver';
import { newAccount } from '../support/fixtures';

await isolatedDatabase({ HOOKLINE_ALLOW_PRIVATE_NETWORKS: '1' });
const { HTTPS_REQUIRED_MESSAGE, RESERVED_HEADER_MESSAGE } = await import('@/lib/http/rules');
const { requestWebhookSchema } = await import('@/lib/templates/schema');
const requestWebhooks = await import('@/lib/request-webhooks/service');
const { connectorSchema, connectorUpdateSchema } = await import('@/lib/connectors/schema');
const { createConnector } = await import('@/lib/connectors/service');
const { eventWebhookSchema } = await import('@/lib/event-webhooks/schema');
const { connectionTest } = await import('@/lib/event-webhooks/service');
const { laboratorySchema } = await import('@/lib/endpoints/laboratory-schema');
const { exportFormSchema, emptyExportForm } = await import('@/lib/endpoints/export-form');
const endpoints = await import('@/app/api/v1/endpoints/route');
const endpointById = await import('@/app/api/v1/endpoints/[id]/route');
const { db } = await import('@/lib/db');

const receiver = await startTrustedReceiver(() => ({ status: 200 }));

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
function call(handler: Handler, key: string, { method = 'GET', body, params = {} }: { method?: string; body?: unknown; params?: Record<string, string> } = {}) {
  return handler(
    new Request('http://localhost/api/v1/endpoints', { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }),
    { params: Promise.resolve(params) },
  );
}
const fieldsOf = (input: unknown, schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }) => {
  const r = schema.safeParse(input);
  const out: Record<string, string[]> = {};
  for (const i of r.error?.issues ?? []) (out[i.path.map(String).join('.')] ??= []).push(i.message);
  return out;
};

describe('exports: custom headers at save (API and form)', () => {
  it('refuses control characters, characters above U+00FF and reserved names with a 422 per field', async () => {
    const acme = await newAccount();
    const res = await call(endpoints.POST, acme.apiKey, {
      method: 'POST',
      body: {
        name: 'CRM',
        url: 'https://crm.example.com/hook',
        headers: [
          { name: 'X-Emoji', value: 'hi \u{1F600}' },
          { name: 'X-Sep', value: 'a\u2028b' },
          { name: 'X-Ctl', value: 'a\u0001b' },
          { name: 'Host', value: 'evil.example' },
          { name: 'webhook-id', value: 'msg_forged' },
        ],
      },
    });
    expect(res.status).toBe(422);
    expect((await res.json()).error.fields).toEqual({
      'headers.0.value': ['Header values cannot contain U+1F600, a character outside ASCII and Latin-1 (up to U+00FF)'],
      'headers.1.value': ['Header values cannot contain U+2028, a character outside ASCII and Latin-1 (up to U+00FF)'],
      'headers.2.value': ['Header values cannot contain a control character (U+0001)'],
      'headers.3.name': [RESERVED_HEADER_MESSAGE],
      'headers.4.name': [RESERVED_HEADER_MESSAGE],
    });
    expect(await db().endpoint.count({ where: { accountId: acme.account.id } })).toBe(0);
  });

  it('refuses the same on update, and the export form (same schema) shows it on the field', async () => {
    const acme = await newAccount();
    const created = await call(endpoints.POST, acme.apiKey, { method: 'POST', body: { name: 'CRM', url: 'https://crm.example.com/hook', headers: [{ name: 'X-Team', value: 'Café' }] } });
    expect(created.status).toBe(201);
    const { endpoint } = await created.json();
    expect(endpoint.headers).toEqual([{ name: 'X-Team', value: 'Café' }]);
    const patched = await call(endpointById.PATCH, acme.apiKey, { method: 'PATCH', params: { id: endpoint.id }, body: { headers: [{ name: 'Transfer-Encoding', value: 'chunked' }] } });
    expect(patched.status).toBe(422);
    expect((await patched.json()).error.fields).toEqual({ 'headers.0.name': [RESERVED_HEADER_MESSAGE] });

    const form = { ...emptyExportForm(), name: 'CRM', url: 'https://crm.example.com/hook', headers: [{ name: 'X-Team', value: '\u{1F680}' }] };
    expect(fieldsOf(form, exportFormSchema)).toEqual({ 'headers.0.value': ['Header values cannot contain U+1F680, a character outside ASCII and Latin-1 (up to U+00FF)'] });
  });
});

const base = { name: 'WH', method: 'GET', url: `${receiver.url}/h`, passHeaders: true };

describe('request webhooks: headers at save and at render', () => {
  it('at save: refuses an invalid literal part of a header template, accepts a variable whose value is not known yet', () => {
    expect(fieldsOf({ ...base, headers: [{ name: 'X-Town', value: 'Town\u2028${contact.TOWN}' }] }, requestWebhookSchema)).toEqual({
      'headers.0.value': ['Header values cannot contain U+2028, a character outside ASCII and Latin-1 (up to U+00FF)'],
    });
    expect(fieldsOf({ ...base, headers: [{ name: 'X-Mood', value: '\u{1F600} ${mood}' }] }, requestWebhookSchema)['headers.0.value']).toHaveLength(1);
    expect(fieldsOf({ ...base, headers: [{ name: 'Connection', value: 'close' }, { name: 'Webhook-Signature', value: 'v1,x' }] }, requestWebhookSchema)).toEqual({
      'headers.0.name': [RESERVED_HEADER_MESSAGE],
      'headers.1.name': [RESERVED_HEADER_MESSAGE],
    });
    expect(fieldsOf({ ...base, headers: [{ name: 'X-Town', value: 'Town ${contact.TOWN}' }] }, requestWebhookSchema)).toEqual({});
  });

  it('at test/send time: a value rendering U+2028 or an emoji fails with an error naming the header, and nothing is sent', async () => {
    const acme = await newAccount();
    const w = requestWebhookSchema.parse({ ...base, headers: [{ name: 'X-Town', value: 'Town ${town}' }] });
    const before = receiver.requests.length;
    for (const [town, code] of [['Kyiv\u2028', 'U+2028'], ['Kyiv \u{1F600}', 'U+1F600']]) {
      const result = await requestWebhooks.sendTestRequest(acme.account.id, w, { event: { town } });
      expect(result.ok).toBe(false);
      expect(result.error?.kind).toBe('template');
      expect(result.error?.message).toBe(`Header “X-Town”: The value of \${town} contains ${code}, a character outside ASCII and Latin-1 (up to U+00FF), which a header cannot carry`);
      expect(result.request.errors).toEqual([{ field: 'headers.0.value', message: result.error?.message }]);
    }
    expect(receiver.requests.length).toBe(before);

    const good = await requestWebhooks.sendTestRequest(acme.account.id, w, { event: { town: 'Zürich' } });
    expect(good.ok).toBe(true);
    // Latin-1 goes out as one byte per character; Node reads header bytes as Latin-1.
    expect(receiver.requests.at(-1)!.headers['x-town']).toBe('Town Zürich');
  });
});

describe('connectors: the API key header name and the secret (schema shared by the form and the routes)', () => {
  it('refuses Host, Transfer-Encoding, Content-Length, webhook-* and non-tokens as the header name', () => {
    for (const headerName of ['Host', 'Transfer-Encoding', 'content-length', 'Connection', 'webhook-id']) {
      for (const schema of [connectorSchema, connectorUpdateSchema]) {
        expect(fieldsOf({ name: 'K', type: 'api_key', headerName, key: 'k-1' }, schema)).toEqual({ headerName: [RESERVED_HEADER_MESSAGE] });
      }
    }
    expect(fieldsOf({ name: 'K', type: 'api_key', headerName: 'Content-Type', key: 'k-1' }, connectorSchema)).toEqual({ headerName: ['Content-Type is set from the body format'] });
    expect(fieldsOf({ name: 'K', type: 'api_key', headerName: 'X Api Key', key: 'k-1' }, connectorSchema).headerName).toHaveLength(1);
    expect(fieldsOf({ name: 'K', type: 'api_key', headerName: 'X-Api-Key', key: 'k-1' }, connectorSchema)).toEqual({});
  });

  it('refuses a key or token that a header cannot carry', () => {
    expect(fieldsOf({ name: 'K', type: 'api_key', headerName: 'X-Api-Key', key: 'k\u{1F511}' }, connectorSchema)).toEqual({
      key: ['Header values cannot contain U+1F511, a character outside ASCII and Latin-1 (up to U+00FF)'],
    });
    expect(fieldsOf({ name: 'T', type: 'bearer', token: 'a\nb' }, connectorSchema)).toEqual({ token: ['Header values cannot contain a line break (CR or LF)'] });
  });

  it('a connector stored before the rule (header name Host) fails the test with a clear error instead of being sent', async () => {
    const acme = await newAccount();
    const c = await createConnector(acme.account.id, { name: 'Old', type: 'api_key', headerName: 'X-Api-Key', key: 'k-1' });
    await db().connector.update({ where: { id: c.id }, data: { headerName: 'Host' } });
    const before = receiver.requests.length;
    const w = requestWebhookSchema.parse({ ...base, passHeaders: false, authEnabled: true, connectorId: c.id });
    const result = await requestWebhooks.sendTestRequest(acme.account.id, w, {});
    expect(result.ok).toBe(false);
    expect(result.request.errors).toEqual([{ field: 'connectorId', message: `The connector's header “Host”: ${RESERVED_HEADER_MESSAGE}. Edit the connector.` }]);
    expect(receiver.requests.length).toBe(before);
  });
});

describe('HTTPS only, one message: event webhooks and request webhooks', () => {
  it('refuses http:// with the same message in both, and in the event webhook connection test', async () => {
    const http = `http://127.0.0.1:${new URL(receiver.url).port}/x`;
    expect(fieldsOf({ name: 'E', eventType: 'EmailOpens', url: http }, eventWebhookSchema)).toEqual({ url: [HTTPS_REQUIRED_MESSAGE] });
    expect(fieldsOf({ name: 'R', method: 'GET', url: http }, requestWebhookSchema)).toEqual({ url: [HTTPS_REQUIRED_MESSAGE] });
    const acme = await newAccount();
    const test = await connectionTest(acme.account.id, { name: 'E', eventType: 'EmailOpens', url: http });
    expect(test.steps.find((s) => s.key === 'https')).toMatchObject({ ok: false, detail: HTTPS_REQUIRED_MESSAGE });
  });

  it('Laboratory and exports accept http:// (the seeds do not require HTTPS there)', () => {
    expect(laboratorySchema.safeParse({ enabled: true, url: 'http://crm.example.com/hook' }).success).toBe(true);
  });
});
