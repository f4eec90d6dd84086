// Custom header values are secrets (issue 11, item 12): every value is encrypted at rest (exports and
// request webhooks), credential-like ones are masked in every answer with the rule of lib/http/mask.ts
// and kept when the mask comes back, and sends still carry the real values to a real receiver.
// Rows stored in plaintext before keep working and are sealed by `hookline migrate` / start-up.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isolatedDatabase } from '../support/isolated-db';
import { startTrustedReceiver } from '../support/trusted-receiver';
import { newAccount } from '../support/fixtures';

const dbUrl = await isolatedDatabase({ HOOKLINE_ALLOW_PRIVATE_NETWORKS: '1', HOOKLINE_BATCH_LINGER_MS: '0' });
const { MASKED } = await import('@/lib/http/mask');
const { requestWebhookSchema } = await import('@/lib/templates/schema');
const rw = await import('@/lib/request-webhooks/service');
const { sendTest } = await import('@/lib/endpoints/send-test');
const { getEndpoint } = await import('@/lib/endpoints/service');
const { ingestActivities } = await import('@/lib/activities/service');
const { deliverDue } = await import('@/lib/delivery/engine');
const { sealStoredHeaders } = await import('@/lib/crypto/headers');
const { toApiError } = await import('@/lib/http/errors');
const endpoints = await import('@/app/api/v1/endpoints/route');
const endpointById = await import('@/app/api/v1/endpoints/[id]/route');
const { pool } = await import('@/lib/db');
type Activity = import('@/lib/activities/schema').Activity;

const receiver = await startTrustedReceiver(() => ({ status: 200 }));

const SECRETS = { 'X-Api-Key': 'rk-live-4242', 'X-Auth-Token': 'tok-9f8e7d' };
const HEADERS = [
  { name: 'X-Api-Key', value: SECRETS['X-Api-Key'] },
  { name: 'X-Auth-Token', value: SECRETS['X-Auth-Token'] },
  { name: 'X-Team', value: 'growth-team' },
];
const MASKED_VIEW = [
  { name: 'X-Api-Key', value: MASKED },
  { name: 'X-Auth-Token', value: MASKED },
  { name: 'X-Team', value: 'growth-team' },
];
const rawHeaders = async (table: 'endpoints' | 'request_webhooks', id: string) =>
  (await pool().query<{ h: string }>(`SELECT headers::text AS h FROM ${table} WHERE id = $1`, [id])).rows[0].h;
const expectNoPlaintext = (text: string) => {
  for (const value of [...Object.values(SECRETS), 'growth-team']) expect(text).not.toContain(value);
};

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const v1 = (handler: Handler, key: string, { method = 'GET', body, id }: { method?: string; body?: unknown; id?: string } = {}) =>
  handler(new Request('http://localhost/api/v1/endpoints', { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }), {
    params: Promise.resolve<Record<string, string>>(id ? { id } : {}),
  });

describe('request webhooks: header values', () => {
  const webhook = (over: Record<string, unknown> = {}) => requestWebhookSchema.parse({ name: 'WH', method: 'GET', url: `${receiver.url}/rw`, passHeaders: true, headers: HEADERS, ...over });

  it('mask credential-like values in create, GET and the list (the rule exports use), encrypt every value at rest', async () => {
    const acme = await newAccount();
    const created = await rw.createRequestWebhook(acme.account.id, webhook());
    expect(created.headers).toEqual(MASKED_VIEW);
    expect((await rw.getRequestWebhook(acme.account.id, created.id)).headers).toEqual(MASKED_VIEW);
    const list = await rw.listRequestWebhooks(acme.account.id);
    expect(list.map((w) => w.headers)).toEqual([MASKED_VIEW]);
    for (const secret of Object.values(SECRETS)) expect(JSON.stringify([created, list])).not.toContain(secret);
    expectNoPlaintext(await rawHeaders('request_webhooks', created.id));
  });

  it('keep the stored value when the mask comes back on update, and send the real values', async () => {
    const acme = await newAccount();
    const created = await rw.createRequestWebhook(acme.account.id, webhook());
    // The dialog sends back what it was shown, with one ordinary header changed.
    const edited = webhook({ name: 'WH renamed', headers: [...created.headers.slice(0, 2), { name: 'X-Team', value: 'sales' }] });
    const updated = await rw.updateRequestWebhook(acme.account.id, created.id, edited);
    expect(updated.headers).toEqual([MASKED_VIEW[0], MASKED_VIEW[1], { name: 'X-Team', value: 'sales' }]);

    // Send test from the dialog's (masked) values of the saved webhook: the receiver gets the real ones.
    const result = await rw.sendTestRequest(acme.account.id, edited, {}, created.id);
    expect(result.ok).toBe(true);
    const got = receiver.requests.at(-1)!.headers;
    expect([got['x-api-key'], got['x-auth-token'], got['x-team']]).toEqual([SECRETS['X-Api-Key'], SECRETS['X-Auth-Token'], 'sales']);
    // … and the request it shows is masked.
    expect(result.request.headers['X-Api-Key']).toBe(MASKED);
    expect(JSON.stringify(result)).not.toContain(SECRETS['X-Auth-Token']);
  });

  it('refuse a mask with nothing stored behind it (a new webhook, a renamed header, another account’s webhook)', async () => {
    const acme = await newAccount();
    const err = await rw.createRequestWebhook(acme.account.id, webhook({ headers: [{ name: 'X-Api-Key', value: MASKED }] })).then(() => null, toApiError);
    expect(err).toMatchObject({ status: 422, fields: { 'headers.0.value': ['Enter the value'] } });
    const created = await rw.createRequestWebhook(acme.account.id, webhook());
    const renamed = await rw.updateRequestWebhook(acme.account.id, created.id, webhook({ headers: [{ name: 'X-Other-Key', value: MASKED }] })).then(() => null, toApiError);
    expect(renamed).toMatchObject({ status: 422, fields: { 'headers.0.value': ['Enter the value'] } });
    const globex = await newAccount('Globex');
    const before = receiver.requests.length;
    const stolen = await rw.sendTestRequest(globex.account.id, webhook({ headers: created.headers }), {}, created.id).then(() => null, toApiError);
    expect(stolen).toMatchObject({ status: 422, fields: { 'webhook.headers.0.value': ['Enter the value'] } });
    expect(receiver.requests.length).toBe(before);
  });
});

describe('exports: header values', () => {
  it('are encrypted at rest, masked in every answer, and delivered in full by Send test and the worker', async () => {
    const acme = await newAccount();
    const res = await v1(endpoints.POST, acme.apiKey, { method: 'POST', body: { name: 'CRM', url: `${receiver.url}/export`, headers: HEADERS } });
    expect(res.status).toBe(201);
    const { endpoint } = await res.json();
    expect(endpoint.headers).toEqual(MASKED_VIEW);
    expectNoPlaintext(await rawHeaders('endpoints', endpoint.id));
    const answers = [await (await v1(endpoints.GET, acme.apiKey)).text(), await (await v1(endpointById.GET, acme.apiKey, { id: endpoint.id })).text()];
    for (const secret of Object.values(SECRETS)) expect(answers.join()).not.toContain(secret);

    // The masked values sent back keep the stored ones (PATCH from what GET showed).
    const patched = await v1(endpointById.PATCH, acme.apiKey, { method: 'PATCH', id: endpoint.id, body: { headers: endpoint.headers } });
    expect(patched.status).toBe(200);
    expectNoPlaintext(await rawHeaders('endpoints', endpoint.id));

    const test = await sendTest(acme.account.id, endpoint.id, { body: '[]' });
    expect(test.ok).toBe(true);
    expect(receiver.requests.at(-1)!.headers['x-api-key']).toBe(SECRETS['X-Api-Key']);
    expect(test.request.headers['X-Api-Key']).toBe(MASKED);

    const before = receiver.requests.length;
    await ingestActivities(acme.account.id, [{ activityDateTime: '2026-11-25T10:00:00', activityStatus: 'DELIVERED', mediaType: 'email', contactId: 1 } as Activity]);
    const deadline = Date.now() + 10_000;
    while (receiver.requests.length === before && Date.now() < deadline) await deliverDue({ budgetMs: 500, owner: 'test' });
    const delivered = receiver.requests.at(-1)!;
    expect([delivered.path, delivered.headers['x-api-key'], delivered.headers['x-auth-token'], delivered.headers['x-team']]).toEqual([
      '/export',
      SECRETS['X-Api-Key'],
      SECRETS['X-Auth-Token'],
      'growth-team',
    ]);
    // The attempt log keeps the same rule: no credential in it.
    const logged = await pool().query<{ h: string }>('SELECT request_headers::text AS h FROM attempts WHERE endpoint_id = $1', [endpoint.id]);
    for (const secret of Object.values(SECRETS)) expect(logged.rows.map((r) => r.h).join()).not.toContain(secret);
  });
});

describe('rows stored in plaintext before encryption at rest', () => {
  it('keep working, and `hookline migrate` encrypts them (idempotent)', async () => {
    const acme = await newAccount();
    const { endpoint } = await (await v1(endpoints.POST, acme.apiKey, { method: 'POST', body: { name: 'Old', url: `${receiver.url}/old` } })).json();
    const old = await rw.createRequestWebhook(acme.account.id, requestWebhookSchema.parse({ name: 'Old', method: 'GET', url: `${receiver.url}/old-rw` }));
    const legacy = JSON.stringify(HEADERS);
    await pool().query('UPDATE endpoints SET headers = $2::jsonb WHERE id = $1', [endpoint.id, legacy]);
    await pool().query('UPDATE request_webhooks SET headers = $2::jsonb WHERE id = $1', [old.id, legacy]);

    // Read both formats: shown masked, sent in full.
    expect((await getEndpoint(acme.account.id, endpoint.id)).headers).toEqual(MASKED_VIEW);
    expect((await rw.getRequestWebhook(acme.account.id, old.id)).headers).toEqual(MASKED_VIEW);
    await sendTest(acme.account.id, endpoint.id, { body: '[]' });
    expect(receiver.requests.at(-1)!.headers['x-api-key']).toBe(SECRETS['X-Api-Key']);

    // The start-up / migrate step, run as an operator would.
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', 'migrate'], {
      env: { ...process.env, DATABASE_URL: dbUrl, HOOKLINE_LOG_LEVEL: 'info' }, // the test setup silences logs; this test reads one
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('encrypted the custom header values of 2 webhook(s)');
    expectNoPlaintext(await rawHeaders('endpoints', endpoint.id));
    expectNoPlaintext(await rawHeaders('request_webhooks', old.id));
    expect(await sealStoredHeaders()).toBe(0);

    const view = await rw.getRequestWebhook(acme.account.id, old.id);
    const result = await rw.sendTestRequest(acme.account.id, requestWebhookSchema.parse({ ...view, description: view.description }), {}, old.id);
    expect(result.ok).toBe(true);
    expect(receiver.requests.at(-1)!.headers['x-auth-token']).toBe(SECRETS['X-Auth-Token']);
    await sendTest(acme.account.id, endpoint.id, { body: '[]' });
    expect(receiver.requests.at(-1)!.headers['x-api-key']).toBe(SECRETS['X-Api-Key']);
  });
});
