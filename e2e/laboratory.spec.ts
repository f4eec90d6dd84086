// Settings → Laboratory: the account webhook, tested with a GET on save, against real receivers.
import { test, expect } from '@playwright/test';
import { fixtures, signIn } from './fixtures';
import { startReceiver, type Receiver } from '../tests/support/receiver';

let ok: Receiver;
let forbidden: Receiver;
test.beforeAll(async () => {
  ok = await startReceiver(() => ({ status: 200 }));
  forbidden = await startReceiver(() => ({ status: 403, body: '{"error":"forbidden"}' }));
});
test.afterAll(async () => {
  await Promise.all([ok?.close(), forbidden?.close()]);
});

test('enable with a GET test, keep the address when a test fails, disable', async ({ page }, testInfo) => {
  await signIn(page, fixtures().alice);
  await page.goto('/settings/laboratory');
  await expect(page.getByRole('heading', { name: 'Laboratory', level: 1 })).toBeVisible();
  const enable = page.getByRole('switch', { name: 'Enable webhooks' });
  const address = page.getByLabel('Webhook address');
  const state = page.getByTestId('laboratory-state');
  await expect(enable).toHaveAttribute('aria-checked', 'false');
  await expect(state).toHaveText('Inactive');

  // Enabling without an address is caught by the shared schema before anything is sent.
  await enable.click();
  await expect(enable).toHaveAttribute('aria-checked', 'true');
  await expect(address).toBeFocused();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Enter the webhook URL')).toBeVisible();

  const url = `${ok.url}/hookline`;
  await address.fill(url);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Webhook saved. The test GET request was answered with 200.' })).toBeVisible();
  await expect(state).toHaveText('Active');
  expect(ok.requests.map((r) => [r.method, r.path])).toEqual([['GET', '/hookline']]);
  // The first save shows the signing secret once, so signatures can be verified.
  const secretDialog = page.getByRole('dialog', { name: 'Signing secret' });
  await expect(secretDialog.getByTestId('signing-secret')).toHaveText(/^whsec_/);
  await page.screenshot({ path: testInfo.outputPath('laboratory-secret.png'), fullPage: true });
  await secretDialog.getByRole('button', { name: 'Done' }).click();
  await expect(secretDialog).toBeHidden();
  await page.screenshot({ path: testInfo.outputPath('laboratory-saved.png'), fullPage: true });

  // Rotate: a new secret, shown once; the previous one stays valid for 24 hours.
  await page.getByRole('button', { name: 'Rotate signing secret' }).click();
  const rotated = page.getByRole('dialog', { name: 'New signing secret' });
  await expect(rotated.getByTestId('signing-secret')).toHaveText(/^whsec_/);
  await expect(rotated).toContainText('previous ones until they expire');
  await rotated.getByRole('button', { name: 'Done' }).click();
  await expect(rotated).toBeHidden();

  await page.reload();
  await expect(enable).toHaveAttribute('aria-checked', 'true');
  await expect(address).toHaveValue(url);
  await expect(state).toHaveText('Active');

  // A 403 to the test: nothing changes. Enter in the address field submits.
  await address.fill(forbidden.url);
  await address.press('Enter');
  const failure = page.getByRole('alert').filter({ hasText: 'answered with 403' });
  await expect(failure).toBeVisible();
  await expect(failure).toContainText('Your server probably blocked the request: check that it answers GET requests to this address with a 2xx code.');
  expect(forbidden.requests.map((r) => r.method)).toEqual(['GET']);
  await page.screenshot({ path: testInfo.outputPath('laboratory-failed.png'), fullPage: true });

  await page.reload();
  await expect(address).toHaveValue(url);
  await expect(enable).toHaveAttribute('aria-checked', 'true');
  await expect(state).toHaveText('Active');

  // Disabling sends no test and keeps the address.
  await enable.click();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Webhooks turned off' }).first()).toBeVisible();
  await expect(state).toHaveText('Inactive');
  expect(ok.requests).toHaveLength(1);
  await page.reload();
  await expect(enable).toHaveAttribute('aria-checked', 'false');
  await expect(address).toHaveValue(url);
  await expect(state).toHaveText('Inactive');
  await page.screenshot({ path: testInfo.outputPath('laboratory-disabled.png'), fullPage: true });
});
