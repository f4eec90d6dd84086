// The frame around every screen, in Chromium: feedback on a slow line (progress bar, skeleton), the
// skip link, the favicon, dialogs that name themselves, toasts above a modal, and the Laboratory's
// banner and switch after a failed save. Runs as bob (Globex).
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { startReceiver, type Receiver } from '../tests/support/receiver';
import { fixtures } from './fixtures';

/** Signs the page's browser context in through the API (the login form has its own spec). */
async function signIn(page: Page, who: { email: string; password: string }) {
  const res = await page.request.post('/api/auth/login', { data: who, headers: { origin: new URL(test.info().project.use.baseURL!).origin } });
  expect(res.status()).toBe(200);
}

let refusing: Receiver;
test.beforeAll(async () => {
  refusing = await startReceiver(() => ({ status: 403, body: 'no' }));
});
test.afterAll(async () => refusing.close());

test('a slow line shows the progress bar and the screen skeleton at once', async ({ page }) => {
  await signIn(page, fixtures().bob);
  await page.goto('/settings/laboratory');
  await expect(page.getByRole('heading', { level: 1, name: 'Laboratory' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  // The link's prefetch (which brings its loading state) is in before the line slows down.
  const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Data export' });
  await link.hover();
  await page.waitForTimeout(1000);
  await page.waitForLoadState('networkidle');
  // 1.5 s latency on every route request from now on.
  await page.route('**/*', async (route) => {
    if (route.request().headers()['rsc']) await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  await link.click();
  await expect(page.getByRole('progressbar', { name: 'Loading the page' })).toBeVisible({ timeout: 500 });
  await expect(page.getByTestId('page-skeleton')).toBeVisible({ timeout: 1400 }); // before the 1.5 s answer
  await expect(page.getByRole('heading', { level: 1, name: 'Data export' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('page-skeleton')).toBeHidden();
  await expect(page.getByRole('progressbar', { name: 'Loading the page' })).toBeHidden();
});

test('the skip link is the first Tab stop; the favicon is served', async ({ page, request }) => {
  await signIn(page, fixtures().bob);
  await page.goto('/settings/api-keys');
  await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'New API key' }).first()).toBeFocused();

  const href = await page.locator('head link[rel="icon"]').first().getAttribute('href');
  expect(href).toMatch(/icon/);
  const icon = await request.get(href!);
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toContain('image/svg+xml');
});

test('a dialog opened from a dialog has its own title, and its toast shows above the backdrop', async ({ page }) => {
  await signIn(page, fixtures().bob);
  await page.goto('/automation/request-webhooks');
  await page.getByRole('button', { name: 'New webhook' }).first().click();
  const manage = page.getByRole('dialog', { name: 'Manage Webhook' });
  await manage.getByRole('switch', { name: 'Authentication' }).click();
  await manage.getByRole('button', { name: 'New connector' }).click();
  const nested = page.getByRole('dialog', { name: 'New connector' });
  await expect(nested).toBeVisible();
  expect(await nested.getAttribute('aria-labelledby')).not.toBe(await manage.getAttribute('aria-labelledby'));
  await nested.getByLabel('Connector name').fill(`Shell token ${Date.now()}`);
  await nested.getByLabel('Type').selectOption({ label: 'Bearer token' });
  await nested.getByLabel('Token').fill('shell-secret-token');
  await nested.getByRole('button', { name: /Save connector|Done/ }).click();
  const toast = page.getByRole('status').filter({ hasText: /Connector “Shell token \d+” created/ });
  await expect(toast).toBeVisible();
  await expect(manage).toBeVisible(); // the toast came while a modal is open
  // What is drawn at the toast's centre is the toast, not the modal's backdrop.
  const onTop = await toast.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return el.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2));
  });
  expect(onTop).toBe(true);
});

test('empty states use the shared layout', async ({ page }) => {
  await signIn(page, fixtures().bob);
  await page.goto('/automation/request-webhooks');
  await page.getByRole('tab', { name: 'Deleted webhooks' }).click();
  await expect(page.getByText('No deleted webhooks')).toBeVisible();
  await expect(page.getByText('Deleted workflow webhooks are kept here')).toBeVisible();
});

test('Laboratory: a failed save puts the switch back; a later field error clears the old banner', async ({ page }) => {
  await signIn(page, fixtures().bob);
  await page.goto('/settings/laboratory');
  const enable = page.getByRole('switch', { name: 'Enable webhooks' });
  const state = page.getByTestId('laboratory-state');
  await expect(state).toHaveText('Inactive');
  await enable.click();
  await page.getByLabel('Webhook address').fill(`${refusing.url}/lab`);
  await page.getByRole('button', { name: 'Save' }).click();
  const failure = page.getByRole('alert').filter({ hasText: 'answered with 403' });
  await expect(failure).toBeVisible();
  await expect(state).toHaveText('Inactive');
  await expect(enable).toHaveAttribute('aria-checked', 'false'); // as saved, as the status says

  await enable.click();
  await page.getByLabel('Webhook address').fill('not an address');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByLabel('Webhook address')).toHaveAttribute('aria-invalid', 'true');
  await expect(failure).toBeHidden();
});

test('the demo login file of a first start is removed by the first sign-in', async ({ page }) => {
  // As scripts/start.ts leaves it (lib/demo-login.ts), in the e2e server's data folder.
  const file = 'e2e/.artifacts/data/demo-login.txt';
  mkdirSync('e2e/.artifacts/data', { recursive: true });
  writeFileSync(file, 'Demo account created…\n', { mode: 0o600 });
  expect(statSync(file).mode & 0o777).toBe(0o600);
  await signIn(page, fixtures().bob);
  expect(existsSync(file)).toBe(false);
});
