// The HTTP surface against the running app: health, API-key and session isolation, CSRF.
import { test, expect } from '@playwright/test';
import { fixtures } from './fixtures';

test('GET /api/health reports the database and the version', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ status: 'ok', version: expect.any(String), database: { status: 'ok' } });
});

test("an API key of one account gets 404 for another account's ids", async ({ request }) => {
  const { acme, globex } = fixtures();
  const mine = await request.get(`/api/v1/api-keys/${globex.apiKeyId}`, { headers: { authorization: `Bearer ${globex.apiKey}` } });
  expect(mine.status()).toBe(200);
  const theirs = await request.get(`/api/v1/api-keys/${globex.apiKeyId}`, { headers: { authorization: `Bearer ${acme.apiKey}` } });
  expect(theirs.status()).toBe(404);
  expect((await request.get('/api/v1/account')).status()).toBe(401);
});

test("a signed-in user gets 404 for another account's ids, and cross-site mutations are refused", async ({ playwright, baseURL }) => {
  const { bob, globex } = fixtures();
  // Bob belongs to Globex only; the key id below is Globex's, so he first signs in to... his own account,
  // and Alice's Acme session must not reach it.
  const { alice } = fixtures();
  const origin = baseURL!;
  const ctx = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin } });
  const login = await ctx.post('/api/auth/login', { data: alice });
  expect(login.status()).toBe(200);
  expect((await login.json()).account.name).toBe('Acme Marketing');
  const revoke = await ctx.delete(`/api/account/api-keys/${globex.apiKeyId}`);
  expect(revoke.status()).toBe(404);

  // Without an Origin header, or from another origin, a cookie-authenticated mutation is refused.
  const bare = await playwright.request.newContext({ baseURL, storageState: await ctx.storageState() });
  expect((await bare.post('/api/account/api-keys', { data: { name: 'x' } })).status()).toBe(403);
  expect((await bare.post('/api/account/api-keys', { data: { name: 'x' }, headers: { origin: 'https://evil.example' } })).status()).toBe(403);
  // Validation errors are field-level 422s.
  const invalid = await ctx.post('/api/account/api-keys', { data: { name: '' } });
  expect(invalid.status()).toBe(422);
  expect((await invalid.json()).error.fields).toHaveProperty('name');

  const bobCtx = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin } });
  expect((await bobCtx.post('/api/auth/login', { data: bob })).status()).toBe(200);
  // Bob may not switch into Acme, which he is not a member of.
  const { acme } = fixtures();
  expect((await bobCtx.post('/api/auth/switch-account', { data: { accountId: acme.id } })).status()).toBe(404);
  const still = await bobCtx.get('/api/account/api-keys');
  expect((await still.json()).apiKeys.map((k: { id: string }) => k.id)).toContain(globex.apiKeyId);
  await Promise.all([ctx.dispose(), bare.dispose(), bobCtx.dispose()]);
});
