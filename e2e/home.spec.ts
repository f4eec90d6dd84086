// The home page as an overview (Globex, bob's account): the next steps of a new account with a copyable
// curl, then a failing export with its last error and what waits behind it, and the 24-hour chart.
import { test, expect } from '@playwright/test';
import { startReceiver, type Receiver } from '../tests/support/receiver';
import { fixtures, signIn } from './fixtures';

let receiver: Receiver;
test.beforeAll(async () => {
  receiver = await startReceiver(() => ({ status: 500, body: '{"error":"warehouse down"}' }));
});
test.afterAll(async () => receiver.close());
test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('home: next steps for a new account, webhooks failing now, the last 24 hours', async ({ page, baseURL }, testInfo) => {
  test.setTimeout(90_000);
  const { bob } = fixtures();
  await signIn(page, bob);
  await page.goto('/');
  await expect(page).toHaveURL(/\/$/); // no longer a redirect to Settings
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
  const steps = page.getByTestId('next-steps');
  await expect(steps).toContainText('Add your Laboratory URL');
  await expect(steps).toContainText('Create a data export');
  await expect(steps.getByTestId('curl')).toContainText(`curl -X POST ${baseURL}/api/v1/activities`);
  await steps.getByRole('button', { name: 'Copy curl' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('-H "Authorization: Bearer YOUR_API_KEY"');
  await expect(page.getByTestId('failing-now')).toContainText('Every active webhook is delivering');
  await expect(page.getByText('Recent workflow runs')).toBeVisible();
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 844 });
    await page.screenshot({ path: testInfo.outputPath(`home-new-account-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });

  // An export that fails: it shows with its last error and what waits behind it.
  const headers = { origin: baseURL! };
  const key = await page.request.post('/api/account/api-keys', { headers, data: { name: 'Home test' } });
  expect(key.status()).toBe(201);
  const created = await page.request.post('/api/endpoints', { headers, data: { name: 'Warehouse', url: `${receiver.url}/wh` } });
  const { endpoint } = await created.json();
  const ingest = await page.request.post('/api/v1/activities', {
    headers: { authorization: `Bearer ${(await key.json()).key}` },
    data: [1, 2].map((contactId) => ({ activityDateTime: '2026-11-25T10:00:00', activityStatus: 'READ', mediaType: 'email', contactId })),
  });
  expect(ingest.status()).toBe(202);
  await receiver.waitFor(1, 15_000);
  await expect
    .poll(async () => (await (await page.request.get(`/api/endpoints/${endpoint.id}`)).json()).endpoint.state, { timeout: 15_000 })
    .toBe('failing');
  await page.reload();
  const failing = page.getByTestId('failing-now');
  await expect(failing.getByRole('link', { name: 'Warehouse' })).toHaveAttribute('href', `/settings/data-export/${endpoint.id}`);
  await expect(failing.getByTestId('last-error')).toContainText('HTTP 500');
  await expect(failing).toContainText('2 waiting');
  await expect(failing.getByRole('button', { name: 'Retry now' })).toBeVisible();
  await expect(page.getByTestId('next-steps')).toContainText('Create a data export (done)');
  const chart = page.getByRole('figure', { name: /Attempts per hour, last 24 hours/ });
  await expect(chart).toContainText(/Failed \([1-9]\d*\)/);
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 844 });
    await page.screenshot({ path: testInfo.outputPath(`home-failing-${width}.png`), fullPage: true });
  }
  expect((await page.request.delete(`/api/endpoints/${endpoint.id}`, { headers })).status()).toBe(204);
});
