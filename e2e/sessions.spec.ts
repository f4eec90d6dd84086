// Settings → Sessions: every browser signed in as the user, sign out one, sign out everywhere.
import { test, expect, type Browser } from '@playwright/test';
import { fixtures, signIn } from './fixtures';

const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
const SAFARI_IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';

async function signedInPage(browser: Browser, userAgent?: string) {
  const context = await browser.newContext({ userAgent });
  const page = await context.newPage();
  await signIn(page, fixtures().bob);
  return { context, page };
}

test('list the sessions, sign out another device, then everywhere', async ({ browser }, testInfo) => {
  test.setTimeout(150_000);
  const firefox = await signedInPage(browser, FIREFOX_WINDOWS);
  const iphone = await signedInPage(browser, SAFARI_IPHONE);
  const here = await signedInPage(browser);
  const { page } = here;

  await page.getByRole('button', { name: /Account menu/ }).click();
  await page.getByRole('menuitem', { name: 'Sessions' }).click();
  await expect(page).toHaveURL(/\/settings\/sessions$/);
  const rows = page.getByTestId('session-row');
  const thisDevice = rows.filter({ hasText: 'This device' });
  await expect(thisDevice).toHaveCount(1);
  await expect(thisDevice).toContainText('Chrome on Linux');
  await expect(thisDevice).toContainText('last seen');
  const firefoxRow = rows.filter({ hasText: 'Firefox on Windows' });
  await expect(firefoxRow).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Safari on iOS' })).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath('sessions-1280.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: testInfo.outputPath('sessions-390.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  // Sign out the Firefox session: that browser is sent to the login page on its next request.
  await firefoxRow.getByRole('button', { name: /^Sign out/ }).click();
  await expect(page.getByRole('dialog')).toContainText('Firefox on Windows');
  await page.getByRole('dialog').getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText('Signed out Firefox on Windows')).toBeVisible();
  await expect(rows.filter({ hasText: 'Firefox on Windows' })).toHaveCount(0);
  await firefox.page.reload();
  await expect(firefox.page).toHaveURL(/\/login$/);
  await iphone.page.reload();
  await expect(iphone.page.getByTestId('current-account')).toBeVisible();

  // Sign out everywhere: this browser and the iPhone both.
  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await iphone.page.reload();
  await expect(iphone.page).toHaveURL(/\/login$/);
  await Promise.all([firefox.context.close(), iphone.context.close(), here.context.close()]);
});
