// Audit → Account activity in Chromium: a change made in the UI is listed with who made it; the
// filters live in the URL; the CSV link carries them.
import { test, expect } from '@playwright/test';
import { startReceiver, type Receiver } from '../tests/support/receiver';
import { fixtures, signIn } from './fixtures';

let receiver: Receiver;
test.beforeAll(async () => {
  receiver = await startReceiver(() => ({ status: 200 }));
});
test.afterAll(async () => receiver.close());

test('lists a change made in the UI, with its actor, filterable through the URL', async ({ page }, testInfo) => {
  const { alice } = fixtures();
  await signIn(page, alice);
  await page.goto('/settings/data-export/new');
  await page.getByLabel('Webhook name').fill('Audit trail demo');
  await page.getByLabel('Webhook URL').fill(`${receiver.url}/audit`);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('dialog')).toBeVisible(); // the new export's signing secret, shown once
  await page.getByRole('dialog').getByRole('button', { name: 'Done' }).click();

  await page.goto('/audit/account-activity');
  await expect(page.getByRole('heading', { name: 'Account activity', level: 1 })).toBeVisible();
  const created = page.getByTestId('activity-row').filter({ hasText: 'Audit trail demo' });
  await expect(created).toContainText('Created');
  await expect(created).toContainText('Data export');
  await expect(created).toContainText(alice.email);
  await expect(page.getByTestId('activity-row').filter({ hasText: 'Signed in' }).first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('account-activity-1280.png'), fullPage: true });

  await page.getByLabel('Action').selectOption('signed_in');
  await expect(page).toHaveURL(/action=signed_in/);
  await expect(page.getByTestId('activity-row').filter({ hasText: 'Audit trail demo' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Export CSV' })).toHaveAttribute('href', '/api/audit/export.csv?action=signed_in');
  await page.reload();
  await expect(page.getByLabel('Action')).toHaveValue('signed_in');

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/audit/account-activity');
  await expect(created).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('account-activity-390.png'), fullPage: true });

  // Leave Acme as the other specs expect it (data-export.spec.ts starts from no exports).
  const { endpoints } = await (await page.request.get('/api/endpoints')).json();
  const demo = endpoints.find((e: { name: string }) => e.name === 'Audit trail demo');
  expect((await page.request.delete(`/api/endpoints/${demo.id}`, { headers: { origin: new URL(page.url()).origin } })).status()).toBe(204);
});
