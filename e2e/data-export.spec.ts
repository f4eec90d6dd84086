// Settings → Data export in Chromium, against a real receiver on 127.0.0.1 and the app's own worker.
import { test, expect, type Page } from '@playwright/test';
import { startReceiver, type Receiver } from '../tests/support/receiver';
import { fixtures, signIn } from './fixtures';

let receiver: Receiver;
let status = 200;
const answered: number[] = []; // the status each request got
test.beforeAll(async () => {
  receiver = await startReceiver((_, i) => {
    answered[i] = status;
    return { status, body: status === 200 ? '{"received":true}' : '{"error":"boom"}' };
  });
});
test.afterAll(async () => receiver.close());
test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

async function openMenu(page: Page, name: string, item: string) {
  await page.getByRole('button', { name: `Actions for ${name}` }).click();
  await page.getByRole('menuitem', { name: item }).click();
}
/** Activities the receiver accepted (2xx) from real deliveries, in arrival order. */
const delivered = () =>
  receiver.requests
    .filter((r, i) => answered[i] === 200 && !String(r.headers['webhook-id']).startsWith('test_'))
    .flatMap((r) => JSON.parse(r.body));

test('create, test, hold and resume, delete a data export', async ({ page, request }, testInfo) => {
  test.setTimeout(90_000);
  const { alice, acme } = fixtures();
  await signIn(page, alice);
  await page.goto('/settings/data-export');
  await expect(page.getByText('No data exports yet')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('data-export-empty.png') });

  // --- create: auth, 2 headers, 3 statuses ---------------------------------------------------
  await page.getByRole('link', { name: 'New data export' }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Enter a name')).toBeVisible();
  await expect(page.getByText('Enter the webhook URL')).toBeVisible();

  await page.getByLabel('Webhook name').fill('CRM feed');
  await page.getByLabel('Webhook URL').fill(`${receiver.url}/crm`);
  await page.getByRole('switch', { name: 'Authentication' }).click();
  await page.getByLabel('Login').fill('hookuser');
  await page.getByLabel('Password').fill('hookpass');
  const add = page.getByRole('button', { name: '+ Add header' });
  for (let i = 0; i < 5; i++) await add.click();
  await expect(add).toBeDisabled();
  await expect(page.getByText('At most 5 headers')).toBeVisible(); // the 6th cannot be added
  for (let i = 5; i > 2; i--) await page.getByRole('button', { name: `Remove header ${i}` }).click();
  await expect(add).toBeEnabled();
  await page.getByLabel('Header 1 key').fill('X-Source');
  await page.getByLabel('Header 1 value').fill('hookline');
  await page.getByLabel('Header 2 key').fill('X-Team');
  await page.getByLabel('Header 2 value').fill('growth');
  for (const s of ['Sent', 'Undelivered', 'Unsubscribed', 'Spam', 'Subscription changed']) await page.getByLabel(s, { exact: true }).uncheck();
  await page.screenshot({ path: testInfo.outputPath('data-export-form.png'), fullPage: true });
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('signing-secret')).toHaveText(/^whsec_/);
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page).toHaveURL(/\/settings\/data-export$/);
  const row = page.getByRole('row', { name: /CRM feed/ });
  await expect(row).toContainText('delivered, read, clicked');
  await expect(row).toContainText('Active');

  // A duplicate name is refused on the field.
  await page.getByRole('link', { name: 'New data export' }).click();
  await page.getByLabel('Webhook name').fill('CRM feed');
  await page.getByLabel('Webhook URL').fill(`${receiver.url}/other`);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('A webhook named “CRM feed” already exists')).toBeVisible();
  await page.getByRole('link', { name: 'Cancel' }).click();

  // --- send test: edited body, headers and auth arrive; then a 500 --------------------------
  await openMenu(page, 'CRM feed', 'Send test');
  const dialog = page.getByRole('dialog', { name: 'Test an integration' });
  const editor = dialog.getByLabel('Request body');
  await expect(editor).toHaveValue(/"activityStatus"/);
  await editor.fill('[{"activityStatus": "READ"');
  await expect(dialog.getByText(/Not valid JSON/)).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Submit' })).toBeDisabled();
  const edited = [{ activityStatus: 'READ', activityDateTime: '2026-11-25T10:00:00', mediaType: 'email', email: 'edited@example.test' }];
  await editor.fill(JSON.stringify(edited));
  await dialog.getByRole('button', { name: 'Submit' }).click();
  await expect(dialog.getByText('Success: the server answered 200')).toBeVisible();
  await expect(dialog.locator('details')).not.toHaveAttribute('open', '');
  const tested = receiver.requests.at(-1)!;
  expect(JSON.parse(tested.body)).toEqual(edited);
  expect(tested.headers['x-source']).toBe('hookline');
  expect(tested.headers['x-team']).toBe('growth');
  expect(tested.headers.authorization).toBe(`Basic ${Buffer.from('hookuser:hookpass').toString('base64')}`);
  await page.screenshot({ path: testInfo.outputPath('send-test-success.png') });

  status = 500;
  await dialog.getByRole('button', { name: 'Retry' }).click();
  await expect(dialog.getByText('Failed: the server answered 500')).toBeVisible();
  await expect(dialog.locator('details')).toHaveAttribute('open', '');
  await expect(dialog.getByText('{"error":"boom"}')).toBeVisible();
  await expect(dialog.getByText('authorization: Basic ••••••')).toBeVisible(); // secrets masked
  await dialog.getByRole('button', { name: 'Copy request' }).click();
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  expect(clip).toContain(`POST ${receiver.url}/crm`);
  expect(clip).toContain('edited@example.test');
  await page.screenshot({ path: testInfo.outputPath('send-test-failure.png') });
  // From the list the saved export is tested: nothing to save, so only Close is offered.
  await expect(dialog.getByRole('button', { name: 'Save and close' })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
  await expect(dialog).toBeHidden();

  // --- failing, deactivated (queue held), activated: delivered in order --------------------------
  const ingest = (contactIds: number[]) =>
    request.post('/api/v1/activities', {
      headers: { authorization: `Bearer ${acme.apiKey}` },
      data: contactIds.map((contactId) => ({ activityDateTime: '2026-11-25T10:00:00', activityStatus: 'CLICKED', mediaType: 'email', contactId })),
    });
  expect((await ingest([1])).status()).toBe(202);
  await expect(row).toContainText('Failing', { timeout: 15_000 });
  expect((await ingest([2])).status()).toBe(202);
  expect((await ingest([3])).status()).toBe(202);
  await expect(row).toContainText('3 waiting', { timeout: 15_000 });
  await page.screenshot({ path: testInfo.outputPath('data-export-failing.png') });

  await openMenu(page, 'CRM feed', 'Deactivate');
  await page.getByRole('dialog').getByRole('button', { name: 'Deactivate' }).click();
  await expect(row).toContainText('Inactive');
  await expect(row).toContainText('3 waiting');
  status = 200;
  expect((await ingest([4])).status()).toBe(202); // arrives while inactive: not queued
  await openMenu(page, 'CRM feed', 'Activate');
  await page.getByRole('dialog').getByRole('button', { name: 'Activate' }).click();
  await expect.poll(() => delivered().map((a) => a.contactId), { timeout: 15_000 }).toEqual([1, 2, 3]);
  await expect(row).toContainText('Active');
  await page.screenshot({ path: testInfo.outputPath('data-export-list.png') });

  // --- delete with confirmation ------------------------------------------------------------------
  await openMenu(page, 'CRM feed', 'Delete');
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('No data exports yet')).toBeVisible();
});

test('the export routes answer 422 with field paths and 404 for another account', async ({ playwright, baseURL }) => {
  const { alice, bob } = fixtures();
  const origin = baseURL!;
  const aliceCtx = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin } });
  await aliceCtx.post('/api/auth/login', { data: alice });
  const invalid = await aliceCtx.post('/api/endpoints', { data: { name: '', url: 'nope', headers: [{ name: 'Host', value: 'x' }] } });
  expect(invalid.status()).toBe(422);
  expect(Object.keys((await invalid.json()).error.fields).sort()).toEqual(['headers.0.name', 'name', 'url']);
  const created = await aliceCtx.post('/api/endpoints', { data: { name: 'Private', url: 'https://example.com/x' } });
  expect(created.status()).toBe(201);
  const { endpoint } = await created.json();

  const bobCtx = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin } });
  await bobCtx.post('/api/auth/login', { data: bob });
  expect((await bobCtx.get(`/api/endpoints/${endpoint.id}`)).status()).toBe(404);
  expect((await bobCtx.patch(`/api/endpoints/${endpoint.id}`, { data: { active: false } })).status()).toBe(404);
  expect((await bobCtx.post(`/api/endpoints/${endpoint.id}/test`, { data: { body: '[]' } })).status()).toBe(404);
  expect((await bobCtx.delete(`/api/endpoints/${endpoint.id}`)).status()).toBe(404);
  expect((await aliceCtx.delete(`/api/endpoints/${endpoint.id}`)).status()).toBe(204);
  await Promise.all([aliceCtx.dispose(), bobCtx.dispose()]);
});

test('Send test on the edit page tests the form on screen; Save and close saves it; a failing export says why', async ({ page, baseURL }, testInfo) => {
  test.setTimeout(90_000);
  const { alice, acme } = fixtures();
  const teapot = await startReceiver(() => ({ status: 418, body: '{"error":"I am a teapot"}' }));
  try {
    await signIn(page, alice);
    const headers = { origin: baseURL! };
    const created = await page.request.post('/api/endpoints', { headers, data: { name: 'Teapot feed', url: `${receiver.url}/saved` } });
    expect(created.status()).toBe(201);
    const { endpoint } = await created.json();
    const savedBefore = receiver.requests.length;

    await page.goto(`/settings/data-export/${endpoint.id}`);
    const url = page.getByLabel('Webhook URL');
    await expect(url).toHaveValue(`${receiver.url}/saved`);
    // Send test validates the form like Save does.
    await url.fill('not a url');
    await page.getByRole('button', { name: 'Send test' }).click();
    await expect(page.getByText('Enter a full http:// or https:// address')).toBeVisible();
    await expect(page.getByRole('dialog', { name: 'Test an integration' })).toBeHidden();

    // The unsaved URL is the one tested.
    await url.fill(`${teapot.url}/brew`);
    await page.getByRole('button', { name: 'Send test' }).click();
    const dialog = page.getByRole('dialog', { name: 'Test an integration' });
    await expect(dialog).toContainText(`${teapot.url}/brew`);
    await dialog.getByRole('button', { name: 'Submit' }).click();
    await expect(dialog.getByText('Failed: the server answered 418')).toBeVisible();
    expect(teapot.requests.map((r) => r.path)).toEqual(['/brew']);
    expect(receiver.requests.length).toBe(savedBefore); // the saved URL got nothing
    await page.screenshot({ path: testInfo.outputPath('send-test-unsaved-418.png') });

    // Save and close saves what was tested.
    await dialog.getByRole('button', { name: 'Save and close' }).click();
    await expect(page.getByText('“Teapot feed” saved')).toBeVisible();
    await expect(page).toHaveURL(/\/settings\/data-export$/, { timeout: 15_000 });
    await page.goto(`/settings/data-export/${endpoint.id}`);
    await expect(page.getByLabel('Webhook URL')).toHaveValue(`${teapot.url}/brew`);

    // --- a failing export: last error on the row and the page, Retry now, its logs ----------------
    const ingested = await page.request.post('/api/v1/activities', {
      headers: { authorization: `Bearer ${acme.apiKey}` },
      data: [{ activityDateTime: '2026-11-25T10:00:00', activityStatus: 'CLICKED', mediaType: 'email', contactId: 77 }],
    });
    expect(ingested.status()).toBe(202);
    await page.goto('/settings/data-export');
    const row = page.getByRole('row', { name: /Teapot feed/ });
    await expect(row).toContainText('Failing', { timeout: 15_000 });
    await expect(row.getByTestId('last-error')).toContainText('HTTP 418');
    await expect(row.getByRole('link', { name: 'Logs' })).toHaveAttribute('href', `/audit/webhook-logs?endpointId=${endpoint.id}`);
    await page.screenshot({ path: testInfo.outputPath('data-export-failing-reason.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: testInfo.outputPath('data-export-failing-reason-390.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });

    await row.getByRole('link', { name: 'Teapot feed' }).click();
    const banner = page.getByTestId('failure-banner');
    await expect(banner).toContainText('HTTP 418');
    await expect(banner).toContainText(/1 activity waits behind it/);
    await page.screenshot({ path: testInfo.outputPath('data-export-edit-failing.png'), fullPage: true });
    const attempts = teapot.requests.length;
    await banner.getByRole('button', { name: 'Retry now' }).click();
    await expect(page.getByText('Retrying “Teapot feed” now')).toBeVisible();
    await expect.poll(() => teapot.requests.length, { timeout: 10_000 }).toBeGreaterThan(attempts);
    await banner.getByRole('link', { name: 'See its Webhook logs' }).click();
    await expect(page).toHaveURL(new RegExp(`/audit/webhook-logs\\?endpointId=${endpoint.id}`));
    await expect(page.getByTestId('log-row').first()).toContainText('418');
    expect((await page.request.delete(`/api/endpoints/${endpoint.id}`, { headers })).status()).toBe(204);
  } finally {
    await teapot.close();
  }
});
