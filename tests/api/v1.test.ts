// The machine API through its route handlers: ingest limits and validation, the public activity API,
// endpoint management, isolation between accounts, and the cron route.
import { describe, expect, it } from 'vitest';
import { isolatedDatabase } from '../support/isolated-db';
import { newAccount } from '../support/fixtures';

await isolatedDatabase({ HOOKLINE_ALLOW_PRIVATE_NETWORKS: '1' });
const activities = await import('@/app/api/v1/activities/route');
const endpoints = await import('@/app/api/v1/endpoints/route');
const endpointById = await import('@/app/api/v1/endpoints/[id]/route');
const retry = await import('@/app/api/v1/endpoints/[id]/retry/route');
const cron = await import('@/app/api/cron/deliver/route');
const { db, closeDb } = await import('@/lib/db');
const { SEED_003_BROADCAST } = await import('../support/seed-examples');
const { openHeaders } = await import('@/lib/crypto/headers');

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
function call(handler: Handler, key: string | null, { method = 'GET', path = '/', body, params = {} }: { method?: string; path?: string; body?: unknown; params?: Record<string, string> } = {}) {
  const headers: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  return handler(new Request(`http://localhost${path}`, { method, headers, body: typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body) }), {
    params: Promise.resolve(params),
  });
}
const countActivities = (accountId: string) => db().activity.count({ where: { accountId } });
const act = (i: number, extra: Record<string, unknown> = {}) => ({ activityDateTime: `2026-11-20T10:00:${String(i).padStart(2, '0')}Z`, activityStatus: 'DELIVERED', mediaType: 'email', contactId: i, ...extra });

describe('POST /api/v1/activities', () => {
  it('accepts one object or an array (202) and keeps unknown fields', async () => {
    const acme = await newAccount();
    const one = await call(activities.POST, acme.apiKey, { method: 'POST', body: { ...act(1), platformField: { x: 1 } } });
    expect(one.status).toBe(202);
    expect(await one.json()).toEqual({ accepted: 1 });
    const many = await call(activities.POST, acme.apiKey, { method: 'POST', body: SEED_003_BROADCAST });
    expect(await many.json()).toEqual({ accepted: SEED_003_BROADCAST.length });
    const stored = await db().activity.findFirstOrThrow({ where: { accountId: acme.account.id }, orderBy: { id: 'asc' } });
    expect(stored.payload).toMatchObject({ platformField: { x: 1 } });
  });

  it('refuses bad input with 4xx and stores nothing of it', async () => {
    const acme = await newAccount();
    const malformed = await call(activities.POST, acme.apiKey, { method: 'POST', body: '[{"activityStatus": ' });
    expect(malformed.status).toBe(400);

    const wrong = await call(activities.POST, acme.apiKey, { method: 'POST', body: [act(1), act(2, { activityStatus: 'OPENED', contactId: 'x' })] });
    expect(wrong.status).toBe(422);
    const { error } = await wrong.json();
    expect(Object.keys(error.fields).sort()).toEqual(['1.activityStatus', '1.contactId']);

    const tooMany = await call(activities.POST, acme.apiKey, { method: 'POST', body: Array.from({ length: 1001 }, (_, i) => act(i % 60)) });
    expect(tooMany.status).toBe(413);
    expect((await tooMany.json()).error.message).toMatch(/1000/);

    const huge = await call(activities.POST, acme.apiKey, { method: 'POST', body: [act(1, { messageName: 'x'.repeat(2 * 1024 * 1024) })] });
    expect(huge.status).toBe(413);

    const nul = await call(activities.POST, acme.apiKey, { method: 'POST', body: [act(1, { email: 'a\u0000b@example.test' })] });
    expect(nul.status).toBe(422);
    expect(Object.keys((await nul.json()).error.fields)).toEqual(['0.email']);

    expect(await countActivities(acme.account.id)).toBe(0);
    expect((await call(activities.POST, null, { method: 'POST', body: [act(1)] })).status).toBe(401);
  });
});

describe('GET /api/v1/activities', () => {
  it('pages through a window with a cursor, filters, and keeps accounts apart', async () => {
    const acme = await newAccount();
    const globex = await newAccount('Globex');
    await call(activities.POST, acme.apiKey, { method: 'POST', body: [act(1), act(2, { activityStatus: 'CLICKED' }), act(3), act(4), act(5)] });
    await call(activities.POST, globex.apiKey, { method: 'POST', body: [act(6)] });
    const window = 'dateFrom=2026-11-20T00:00:00Z&dateTo=2026-11-21T00:00:00Z';

    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(activities.GET, acme.apiKey, { path: `/api/v1/activities?${window}&limit=2${cursor ? `&cursor=${cursor}` : ''}` });
      expect(res.status).toBe(200);
      const page = (await res.json()) as { activities: { contactId: number }[]; nextCursor: string | null };
      expect(page.activities.length).toBeLessThanOrEqual(2);
      seen.push(...page.activities.map((a) => a.contactId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([1, 2, 3, 4, 5]);

    const clicked = await (await call(activities.GET, acme.apiKey, { path: `/api/v1/activities?${window}&status=CLICKED` })).json();
    expect(clicked.activities.map((a: { contactId: number }) => a.contactId)).toEqual([2]);
    const theirs = await (await call(activities.GET, globex.apiKey, { path: `/api/v1/activities?${window}` })).json();
    expect(theirs.activities.map((a: { contactId: number }) => a.contactId)).toEqual([6]);
  });

  it('refuses a window longer than 3 months and a forged cursor (422)', async () => {
    const acme = await newAccount();
    const long = await call(activities.GET, acme.apiKey, { path: '/api/v1/activities?dateFrom=2026-01-01T00:00:00Z&dateTo=2026-06-01T00:00:00Z' });
    expect(long.status).toBe(422);
    expect((await long.json()).error.fields.dateFrom[0]).toMatch(/3 months/);
    const forged = await call(activities.GET, acme.apiKey, { path: '/api/v1/activities?cursor=bm9wZQ' });
    expect(forged.status).toBe(422);
    for (const c of [{ t: '1', id: '1' }, { t: '2026-11-20T00:00:00.000Z', id: '99999999999999999999' }]) {
      const cursor = Buffer.from(JSON.stringify(c)).toString('base64url');
      expect((await call(activities.GET, acme.apiKey, { path: `/api/v1/activities?cursor=${cursor}` })).status).toBe(422);
    }
  });
});

describe('/api/v1/endpoints', () => {
  const input = (url: string, extra: Record<string, unknown> = {}) => ({ name: 'CRM export', url, ...extra });

  it('creates with defaults, shows the secret once, never returns the password', async () => {
    const acme = await newAccount();
    const res = await call(endpoints.POST, acme.apiKey, { method: 'POST', body: input('https://crm.example.com/hook', { auth: { login: 'u', password: 'pw-secret' } }) });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created.signingSecret).toMatch(/^whsec_/);
    expect(created.endpoint).toMatchObject({ kind: 'export', format: 'array', active: true, state: 'active', auth: { login: 'u', passwordSet: true } });
    expect(created.endpoint.statuses).toHaveLength(8);
    const list = await (await call(endpoints.GET, acme.apiKey)).text();
    expect(list).not.toContain('pw-secret');
    expect(list).not.toContain(created.signingSecret);
    const row = await db().endpoint.findUniqueOrThrow({ where: { id: created.endpoint.id } });
    expect(row.authPasswordEnc).not.toContain('pw-secret');
  });

  it('never returns a credential-like header value, and keeps it when the masked value comes back', async () => {
    const acme = await newAccount();
    const res = await call(endpoints.POST, acme.apiKey, { method: 'POST', body: input('https://a.example.com', { headers: [{ name: 'X-Api-Key', value: 'k-secret-9' }, { name: 'X-Team', value: 'growth' }] }) });
    const { endpoint } = await res.json();
    expect(endpoint.headers).toEqual([{ name: 'X-Api-Key', value: '••••••' }, { name: 'X-Team', value: 'growth' }]);
    const patched = await call(endpointById.PATCH, acme.apiKey, { method: 'PATCH', params: { id: endpoint.id }, body: { headers: [...endpoint.headers, { name: 'X-New', value: 'n' }] } });
    expect(JSON.stringify(await patched.json())).not.toContain('k-secret-9');
    const row = await db().endpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(openHeaders(row.headers)).toEqual([{ name: 'X-Api-Key', value: 'k-secret-9' }, { name: 'X-Team', value: 'growth' }, { name: 'X-New', value: 'n' }]);
  });

  it('validates field by field: headers ≤ 5, reserved names, statuses, duplicate names', async () => {
    const acme = await newAccount();
    const six = Array.from({ length: 6 }, (_, i) => ({ name: `X-H${i}`, value: 'v' }));
    const tooMany = await call(endpoints.POST, acme.apiKey, { method: 'POST', body: input('https://a.example.com', { headers: six }) });
    expect(tooMany.status).toBe(422);
    expect((await tooMany.json()).error.fields.headers).toEqual(['At most 5 headers']);

    const reserved = await call(endpoints.POST, acme.apiKey, { method: 'POST', body: input('https://a.example.com', { headers: [{ name: 'Authorization', value: 'x' }, { name: 'X-A', value: 'a\r\nb' }] }) });
    const fields = (await reserved.json()).error.fields;
    expect(Object.keys(fields).sort()).toEqual(['headers.0.name', 'headers.1.value']);

    const creds = await call(endpoints.POST, acme.apiKey, { method: 'POST', body: input('https://user:pw@a.example.com') });
    expect((await creds.json()).error.fields.url[0]).toMatch(/Authentication/);

    const bad = await call(endpoints.POST, acme.apiKey, { method: 'POST', body: { name: '', url: 'ftp://x', statuses: [] } });
    expect(Object.keys((await bad.json()).error.fields).sort()).toEqual(['name', 'statuses', 'url']);

    expect((await call(endpoints.POST, acme.apiKey, { method: 'POST', body: input('https://a.example.com') })).status).toBe(201);
    const dup = await call(endpoints.POST, acme.apiKey, { method: 'POST', body: input('https://b.example.com') });
    expect(dup.status).toBe(409);
    expect((await dup.json()).error.fields.name[0]).toMatch(/already exists/);
  });

  it("answers 404 to another account's key for read, change, retry and delete", async () => {
    const acme = await newAccount();
    const globex = await newAccount('Globex');
    const { endpoint } = await (await call(endpoints.POST, acme.apiKey, { method: 'POST', body: input('https://a.example.com') })).json();
    const params = { id: endpoint.id };
    expect((await call(endpointById.GET, acme.apiKey, { params })).status).toBe(200);
    expect((await call(endpointById.GET, globex.apiKey, { params })).status).toBe(404);
    expect((await call(endpointById.PATCH, globex.apiKey, { method: 'PATCH', body: { active: false }, params })).status).toBe(404);
    expect((await call(retry.POST, globex.apiKey, { method: 'POST', params })).status).toBe(404);
    expect((await call(endpointById.DELETE, globex.apiKey, { method: 'DELETE', params })).status).toBe(404);
    expect((await (await call(endpoints.GET, globex.apiKey)).json()).endpoints).toEqual([]);
    const still = await (await call(endpointById.GET, acme.apiKey, { params })).json();
    expect(still.endpoint.active).toBe(true);
    expect((await call(endpointById.DELETE, acme.apiKey, { method: 'DELETE', params })).status).toBe(204);
  });
});

describe('/api/cron/deliver', () => {
  it('needs CRON_SECRET, then drains due work and reports it', async () => {
    delete process.env.CRON_SECRET;
    await closeDb();
    expect((await cron.GET(new Request('http://localhost/api/cron/deliver'))).status).toBe(503);
    process.env.CRON_SECRET = 'cron-secret-0123456789';
    await closeDb();
    expect((await cron.GET(new Request('http://localhost/api/cron/deliver', { headers: { authorization: 'Bearer nope' } }))).status).toBe(401);
    const ok = await cron.POST(new Request('http://localhost/api/cron/deliver?budgetMs=200', { method: 'POST', headers: { authorization: 'Bearer cron-secret-0123456789' } }));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ claimed: expect.any(Number), delivered: expect.any(Number), durationMs: expect.any(Number) });
  });
});
