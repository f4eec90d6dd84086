// Audit → Webhook logs in Chromium: a real receiver answering 500, an export created through the API,
// an activity ingested with Acme's API key and delivered by the app's own worker.
import { test, expect } from '@playwright/test';
import { startReceiver, type Receiver } from '../tests/support/receiver';
import { fixtures, signIn } from './fixtures';

let receiver: Receiver;
let status = 500;
const answered: number[] = [];
test.beforeAll(async () => {
  receiver = await startReceiver((_, i) => {
    answered[i] = status;
    return { status, body: status === 200 ? '{"received":true}' : '{"error":"boom"}' };
  });
});
test.afterAll(async () => receiver.close());
test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

/** Bodies the receiver accepted with 200, in arrival order. */
const accepted = () => receiver.requests.filter((_, i) => answered[i] === 200).map((r) => r.body);

test('failed deliveries: filters in the URL, payload, replay one and all, CSV', async ({ page, playwright, baseURL }, testInfo) => {
  test.setTimeout(120_000);
  const { alice, bob, acme } = fixtures();
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  expect((await api.post('/api/auth/login', { data: alice })).status()).toBe(200);
  const created = await api.post('/api/endpoints', { data: { name: 'Logs CRM', url: `${receiver.url}/logs`, format: 'object' } });
  expect(created.status()).toBe(201);
  const { endpoint } = await created.json();
  const activity = { activityDateTime: '2026-11-25T10:00:00', activityStatus: 'CLICKED', mediaType: 'email', contactId: 4242, email: 'logs@example.test' };
  const ingested = await api.post('/api/v1/activities', { headers: { authorization: `Bearer ${acme.apiKey}` }, data: [activity] });
  expect(ingested.status()).toBe(202);
  await receiver.waitFor(1, 15_000);

  // --- the failed row --------------------------------------------------------------------------
  await signIn(page, alice);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhook logs' }).click(); // the home page's chart links there too
  await expect(page).toHaveURL(/\/audit\/webhook-logs$/);
  await expect(page.getByRole('heading', { name: 'Webhook logs' })).toBeVisible();
  const rows = page.getByTestId('log-row').filter({ hasText: 'Logs CRM' });
  const first = rows.first();
  await expect(first).toBeVisible({ timeout: 15_000 });
  await expect(first).toContainText('500');
  await expect(first).toContainText('HTTP 500 — {"error":"boom"}');
  await expect(first).toContainText(endpoint.id.slice(0, 8));
  const chart = page.getByRole('figure', { name: 'Attempts per hour, last 24 hours' });
  await expect(chart).toBeVisible();
  await expect(chart.locator('svg.recharts-surface')).toBeVisible();
  await expect(chart).toContainText(/Failed \(\d+\)/);
  await page.screenshot({ path: testInfo.outputPath('webhook-logs.png'), fullPage: true });

  // --- filters live in the URL -----------------------------------------------------------------
  await page.getByLabel('Webhook', { exact: true }).selectOption({ label: 'Logs CRM' });
  await expect(page).toHaveURL(new RegExp(`endpointId=${endpoint.id}`));
  await page.getByLabel('Status').selectOption('5xx');
  await expect(page).toHaveURL(/status=5xx/);
  await page.getByLabel('Status').selectOption('code');
  await page.getByLabel('HTTP code').fill('404');
  await expect(page).toHaveURL(/status=404/);
  await expect(page.getByText('No failed deliveries in this range')).toBeVisible();
  await expect(page.getByText('Switch on Show all attempts to see successes and test requests too.')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('webhook-logs-empty.png'), fullPage: true });
  await page.getByLabel('HTTP code').fill('500');
  await expect(page).toHaveURL(/status=500/);
  await expect(first).toBeVisible();
  await page.getByLabel('Search errors and responses').fill('boom');
  await expect(page).toHaveURL(/q=boom/);
  await page.getByRole('switch', { name: 'Show all attempts' }).click();
  await expect(page).toHaveURL(/all=true/);
  // A shared link reproduces the view.
  await page.reload();
  await expect(page.getByLabel('Webhook', { exact: true })).toHaveValue(endpoint.id, { timeout: 15_000 }); // its options load after the page
  await expect(page.getByLabel('HTTP code')).toHaveValue('500');
  await expect(page.getByLabel('Search errors and responses')).toHaveValue('boom');
  await expect(page.getByRole('switch', { name: 'Show all attempts' })).toHaveAttribute('aria-checked', 'true');
  await expect(first).toContainText('500');
  await page.getByLabel('Status').selectOption('5xx');
  await expect(page).toHaveURL(/status=5xx/);

  // --- the payload -----------------------------------------------------------------------------
  await first.getByRole('button', { name: 'Payload' }).click();
  const details = page.locator(`[id$="-details"]`).first();
  await expect(details).toContainText('"contactId": 4242');
  await expect(details).toContainText('"email": "logs@example.test"');
  await expect(details).toContainText('Response · HTTP 500');
  await expect(details).toContainText('"error": "boom"');
  await expect(details).toContainText('webhook-signature: v1,••••••');
  await expect(details).toContainText('still pending');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: testInfo.outputPath('webhook-logs-expanded.png'), fullPage: true });
  await details.getByRole('button', { name: 'Copy payload' }).click();
  expect(JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))).toEqual(activity);
  await page.getByRole('button', { name: 'Hide' }).click(); // new retries may have been listed above it meanwhile
  await expect(details).toBeHidden();

  // --- replay all failures matching the filter (the receiver still fails) -----------------------
  await page.getByRole('button', { name: 'Replay failures…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Replay failed deliveries matching the filter?' });
  await expect(dialog).toContainText('go out in order');
  await expect(dialog).toContainText('Filter: webhook “Logs CRM” · status 5xx · text “boom”');
  await page.screenshot({ path: testInfo.outputPath('webhook-logs-bulk-replay.png') });
  await dialog.getByRole('button', { name: 'Replay' }).click();
  await expect(page.getByText('Retrying 1 webhook now (1 undelivered delivery)')).toBeVisible();
  await expect(dialog).toBeHidden();

  // --- the receiver recovers; Replay on the failed row delivers ---------------------------------
  status = 200;
  await first.getByRole('button', { name: /^Replay attempt/ }).click();
  const replayed = page.getByText(/Retrying “Logs CRM” now|Queued again at the end of “Logs CRM”’s queue/);
  // The worker's own retry may have delivered it meanwhile: then the replay asks first (see below).
  const again = page.getByRole('dialog').filter({ hasText: 'Deliver this again?' });
  await expect(replayed.or(again)).toBeVisible();
  if (await again.isVisible()) await again.getByRole('button', { name: 'Deliver again' }).click();
  await expect(replayed).toBeVisible();
  await expect.poll(() => accepted().length, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
  expect(JSON.parse(accepted()[0])).toEqual(activity);

  // With all attempts shown, the 200 appears; replaying it sends the same body again.
  await page.getByLabel('Status').selectOption('');
  await page.getByLabel('Search errors and responses').fill('');
  await expect(page).not.toHaveURL(/q=/);
  const success = rows.filter({ has: page.getByText('200', { exact: true }) }).first();
  await expect(success).toBeVisible({ timeout: 10_000 });
  await expect(page.getByText(/^Retrying/)).toHaveCount(0, { timeout: 8_000 }); // toasts gone, for the screenshot
  await page.evaluate(() => window.scrollTo(0, 0)); // the sticky header stays on top in a full-page shot
  await page.screenshot({ path: testInfo.outputPath('webhook-logs-all.png'), fullPage: true });
  const before = accepted().length;
  await success.getByRole('button', { name: /^Replay attempt/ }).click();
  // A delivered attempt is sent again only after saying so.
  await expect(again).toContainText('This attempt was delivered: the server answered 200.');
  await expect(again).toContainText('receives it a second time');
  await page.screenshot({ path: testInfo.outputPath('webhook-logs-replay-delivered.png') });
  await again.getByRole('button', { name: 'Cancel' }).click();
  await expect(again).toBeHidden();
  expect(accepted().length).toBe(before);
  await success.getByRole('button', { name: /^Replay attempt/ }).click();
  await again.getByRole('button', { name: 'Deliver again' }).click();
  await expect(page.getByText('Queued again at the end of “Logs CRM”’s queue')).toBeVisible();
  await expect.poll(() => accepted().length, { timeout: 15_000 }).toBe(before + 1);
  expect(accepted().at(-1)).toBe(accepted()[0]);

  // --- CSV of what is shown ----------------------------------------------------------------------
  const href = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
  expect(href).toContain(`endpointId=${endpoint.id}`);
  const csv = await page.request.get(href!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
  const text = await csv.text();
  expect(text.split('\r\n')[0]).toBe('Occurrence date,Webhook name,Webhook ID,Kind,Status,Error content,Response body,Attempt,Test,Success,Duration (ms),Payload');
  expect(text).toContain(`Logs CRM,${endpoint.id},export,500,HTTP 500,"{""error"":""boom""}"`);

  // --- another account sees nothing of it ------------------------------------------------------------
  const attemptId = (await (await api.get(`/api/logs?endpointId=${endpoint.id}`)).json()).rows[0].id as string;
  const other = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  expect((await other.post('/api/auth/login', { data: bob })).status()).toBe(200);
  expect((await other.get(`/api/logs/${attemptId}`)).status()).toBe(404);
  expect((await other.post(`/api/logs/${attemptId}/replay`)).status()).toBe(404);
  expect((await (await other.get(`/api/logs?all=true&endpointId=${endpoint.id}`)).json()).rows).toEqual([]);
  expect((await api.get(`/api/logs/${attemptId}`)).status()).toBe(200);
  expect((await api.get('/api/logs?status=600')).status()).toBe(422);
  await Promise.all([api.dispose(), other.dispose()]);
});
