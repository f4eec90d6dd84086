import { test, expect } from '@playwright/test';
import { fixtures, signIn } from './fixtures';

test('create an API key (shown once), use it, revoke it → 401', async ({ page, request }, testInfo) => {
  const { alice, acme } = fixtures();
  await signIn(page, alice);
  await page.goto('/settings/api-keys');
  await expect(page.getByRole('heading', { name: 'API keys' })).toBeVisible();

  await page.getByRole('button', { name: 'New API key' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Create key' }).click();
  await expect(dialog.getByText('Give the key a name')).toBeVisible();
  await dialog.getByLabel('Name').fill('E2E sender');
  await dialog.getByLabel('Name').press('Enter');
  const shown = dialog.getByTestId('new-api-key');
  await expect(shown).toHaveText(/^hk_/);
  const key = (await shown.textContent())!;
  await page.screenshot({ path: testInfo.outputPath('api-key-created.png') });
  await dialog.getByRole('button', { name: 'Done' }).click();

  const row = page.getByRole('row', { name: /E2E sender/ });
  await expect(row).toContainText(key.slice(0, 9));
  await expect(row).toContainText('Active');
  await expect(page.getByText(key)).toHaveCount(0); // never shown again

  const me = await request.get('/api/v1/account', { headers: { authorization: `Bearer ${key}` } });
  expect(me.status()).toBe(200);
  expect((await me.json()).account.id).toBe(acme.id);

  await page.reload();
  await expect(page.getByRole('row', { name: /E2E sender/ })).not.toContainText('Never'); // last used is recorded
  await page.screenshot({ path: testInfo.outputPath('api-keys.png'), fullPage: true });

  await page.getByRole('button', { name: 'Revoke E2E sender' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke key' }).click();
  await expect(page.getByText('API key “E2E sender” revoked')).toBeVisible();
  await expect(page.getByRole('row', { name: /E2E sender/ })).toContainText('Revoked');

  const refused = await request.get('/api/v1/account', { headers: { authorization: `Bearer ${key}` } });
  expect(refused.status()).toBe(401);
});

test('Esc closes the dialog', async ({ page }) => {
  await signIn(page, fixtures().alice);
  await page.goto('/settings/api-keys');
  await page.getByRole('button', { name: 'New API key' }).first().click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expect(page.getByRole('dialog').getByLabel('Name')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
});
