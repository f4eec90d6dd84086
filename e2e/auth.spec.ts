import { test, expect } from '@playwright/test';
import { fixtures, signIn } from './fixtures';

test('a wrong password is refused with a clear message', async ({ page }) => {
  const { alice } = fixtures();
  await page.goto('/settings');
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel('Email').fill(alice.email);
  await page.getByLabel('Password').fill('not-her-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Wrong email or password' })).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
});

test('field errors come from the shared schema before anything is sent', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Enter a valid email address')).toBeVisible();
  await expect(page.getByText('Enter your password')).toBeVisible();
});

test('sign in, see the account, switch account, log out', async ({ page }, testInfo) => {
  const { alice, acme, globex } = fixtures();
  await signIn(page, alice);
  await expect(page).toHaveURL(/\/$/); // the home overview, no longer a redirect to Settings
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
  await expect(page.getByTestId('current-account')).toHaveText(acme.name);
  await page.screenshot({ path: testInfo.outputPath('settings.png'), fullPage: true });

  await page.getByRole('button', { name: /Account menu/ }).click();
  await expect(page.getByRole('menuitem', { name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'API keys' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('account-menu.png') });
  await page.getByRole('menuitem', { name: globex.name }).click();
  await expect(page.getByTestId('current-account')).toHaveText(globex.name);

  // The switch is kept in the session: a reload stays in Globex.
  await page.reload();
  await expect(page.getByTestId('current-account')).toHaveText(globex.name);

  await page.getByRole('button', { name: /Account menu/ }).click();
  await page.getByRole('menuitem', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/settings/api-keys');
  await expect(page).toHaveURL(/\/login$/);
});
