// Send test with the settings on screen (issue 12, item 1) and the failing state's last error
// (item 6), against a real PostgreSQL, real receivers and the real engine.
import { beforeAll, describe, expect, it } from 'vitest';
import { isolatedDatabase } from '../support/isolated-db';
import { newAccount } from '../support/fixtures';

await isolatedDatabase({
  HOOKLINE_ALLOW_PRIVATE_NETWORKS: '1',
  HOOKLINE_RETRY_UNIT_MS: '600000', // a failure stays failed until the test says otherwise
  HOOKLINE_BATCH_LINGER_MS: '20',
  HOOKLINE_HTTP_TIMEOUT_MS: '2000',
});

const { receiver, endpoint, activity, drain } = await import('../logs/helpers');
const { sendTest } = await import('@/lib/endpoints/send-test');
const { sendTestSchema } = await import('@/lib/endpoints/send-test-schema');
const { getEndpoint, listEndpoints } = await import('@/lib/endpoints/service');
const { ingestActivities } = await import('@/lib/activities/service');
const { getOverview } = await import('@/lib/overview/service');

let accountId: string;
beforeAll(async () => {
  accountId = (await newAccount()).account.id;
});

describe('send test', () => {
  it('posts to the unsaved URL, headers and login given, keeping the stored password and secret headers', async () => {
    const saved = await receiver(() => ({ status: 200 }));
    const teapot = await receiver(() => ({ status: 418 }));
    const ep = await endpoint(accountId, `${saved.url}/saved`, {
      auth: { login: 'old', password: 'stored-pass' },
      headers: [{ name: 'X-Api-Key', value: 'stored-key' }],
    });
    const settings = { url: `${teapot.url}/brew`, headers: [{ name: 'X-Api-Key', value: '••••••' }, { name: 'X-New', value: '1' }], auth: { login: 'new' } };
    const result = await sendTest(accountId, ep.id, sendTestSchema.parse({ body: '[]', settings }));
    expect(result.ok).toBe(false);
    expect(result.response?.status).toBe(418);
    expect(saved.requests).toHaveLength(0);
    const got = teapot.requests[0]!;
    expect(got.path).toBe('/brew');
    expect(got.headers['x-api-key']).toBe('stored-key');
    expect(got.headers['x-new']).toBe('1');
    expect(got.headers.authorization).toBe(`Basic ${Buffer.from('new:stored-pass').toString('base64')}`);
    // Nothing was saved by testing.
    expect((await getEndpoint(accountId, ep.id)).url).toBe(`${saved.url}/saved`);
  });

  it('without settings tests the saved export; auth switched off sends none', async () => {
    const r = await receiver(() => ({ status: 200 }));
    const ep = await endpoint(accountId, `${r.url}/a`, { auth: { login: 'u', password: 'p' } });
    await sendTest(accountId, ep.id, { body: '[]' });
    expect(r.requests[0]!.headers.authorization).toMatch(/^Basic /);
    await sendTest(accountId, ep.id, sendTestSchema.parse({ body: '[]', settings: { url: `${r.url}/b`, headers: [], auth: null } }));
    expect(r.requests[1]!.path).toBe('/b');
    expect(r.requests[1]!.headers.authorization).toBeUndefined();
  });

  it('refuses a new login without a password when none is stored, on the field', async () => {
    const r = await receiver(() => ({ status: 200 }));
    const ep = await endpoint(accountId, r.url);
    await expect(sendTest(accountId, ep.id, sendTestSchema.parse({ body: '[]', settings: { url: r.url, headers: [], auth: { login: 'x' } } }))).rejects.toMatchObject({
      fields: { 'settings.auth.password': ['Enter the password'] },
    });
    expect(r.requests).toHaveLength(0);
  });
});

describe('a failing endpoint says why', () => {
  it('gives the last failed delivery attempt (not a test) and what waits, on the view and the overview', async () => {
    const acc = (await newAccount('Failing')).account.id;
    const down = await receiver(() => ({ status: 503, body: 'maintenance' }));
    const ep = await endpoint(acc, down.url, { name: 'Warehouse' });
    expect((await getEndpoint(acc, ep.id)).lastError).toBeNull();
    await ingestActivities(acc, [activity(1), activity(2)]);
    await drain();
    await sendTest(acc, ep.id, { body: '[]' }); // a test failure is not the reason
    const view = await getEndpoint(acc, ep.id);
    expect(view.state).toBe('failing');
    expect(view.lastError).toMatchObject({ status: 503, message: 'HTTP 503' });
    expect(view.waiting).toBe(2);
    expect((await listEndpoints(acc, 'export'))[0]!.lastError?.status).toBe(503);
    const overview = await getOverview(acc);
    expect(overview.failing.map((e) => e.name)).toEqual(['Warehouse']);
    expect(overview.setup).toEqual({ laboratoryUrl: false, export: true, activityReceived: true, apiKey: true });
  });
});
