// Every screen on a phone (390×844): the navigation folds into a Menu button, nothing spills out
// sideways, tables become stacked cards, dialogs are full-screen sheets. Screenshots of each screen go
// to test-results/ to be looked at. Runs as bob (Globex) with data it creates itself.
import { test, expect, type Page, type TestInfo } from '@playwright/test';
import { startReceiver, type Receiver } from '../tests/support/receiver';
import { fixtures } from './fixtures';

/** Signs the page's browser context in through the API (the login form has its own spec). */
async function signIn(page: Page, who: { email: string; password: string }) {
  const res = await page.request.post('/api/auth/login', { data: who, headers: { origin: new URL(test.info().project.use.baseURL!).origin } });
  expect(res.status()).toBe(200);
}

let receiver: Receiver;
test.beforeAll(async () => {
  receiver = await startReceiver(() => ({ status: 500, body: '{"error":"the-receiver-is-down-and-this-is-a-long-unbroken-token-ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"}' }));
});
test.afterAll(async () => receiver.close());
test.use({ viewport: { width: 390, height: 844 } });

/** No sideways scrolling, and the screen has (almost) the whole width. */
async function expectFits(page: Page, what: string) {
  const m = await page.evaluate(() => ({
    scroll: document.scrollingElement!.scrollWidth,
    inner: window.innerWidth,
    main: document.querySelector('main')?.getBoundingClientRect().width ?? null,
  }));
  expect(m.scroll, `${what}: page scrolls sideways`).toBeLessThanOrEqual(m.inner);
  if (m.main !== null) expect(m.main, `${what}: main column`).toBeGreaterThanOrEqual(m.inner - 40);
}

async function shoot(page: Page, testInfo: TestInfo, name: string) {
  await expectFits(page, name);
  await page.screenshot({ path: testInfo.outputPath(`phone-${name}.png`), fullPage: true });
}

/** A dialog on a phone covers the whole screen. */
async function expectSheet(page: Page, name: string) {
  const dialog = page.getByRole('dialog', { name });
  await expect(dialog).toBeVisible();
  const box = await dialog.boundingBox();
  expect(box).toMatchObject({ x: 0, y: 0, width: 390, height: 844 });
}

test('every screen at 390×844', async ({ page, playwright, baseURL }, testInfo) => {
  test.setTimeout(180_000);
  const { bob, globex } = fixtures();
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  expect((await api.post('/api/auth/login', { data: bob })).status()).toBe(200);
  const exp = await api.post('/api/endpoints', {
    data: { name: 'Phone CRM export with a rather long name', url: `${receiver.url}/phone/a/very/long/path/that/does/not/fit?and=query&more=1`, format: 'object' },
  });
  expect(exp.status()).toBe(201);
  const { endpoint } = await exp.json();
  const key = { authorization: `Bearer ${globex.apiKey}` };
  await api.post('/api/v1/activities', { headers: key, data: [{ activityDateTime: '2026-11-25T10:00:00', activityStatus: 'CLICKED', mediaType: 'email', contactId: 77, email: 'phone@example.test' }] });
  await api.post('/api/v1/contacts', { headers: key, data: { email: 'olena.kovalenko.long.address@example.com', firstName: 'Olena', lastName: 'Kovalenko', phone: '+380501234567', fields: { TOWN: 'Kyiv' } } });
  await api.post('/api/v1/events', { headers: key, data: { eventTypeKey: 'productViewed', keyValue: 'olena.kovalenko.long.address@example.com', params: [{ name: 'productId', value: 'SKU-12345' }] } });
  const hook = await api.post('/api/event-webhooks', { data: { name: 'Phone unsubscriptions', eventType: 'Unsubscriptions', url: 'https://hooks.example.com/unsubscribed' } });
  await api.post('/api/connectors', { data: { name: 'Phone token', type: 'bearer', token: 'phone-secret-token' } });
  await api.post('/api/request-webhooks', { data: { name: 'WH-phone', method: 'GET', url: 'https://shop.example.com/promo?email=${email}' } });
  await api.post('/api/account/api-keys', { data: { name: 'Phone sender' } });
  await receiver.waitFor(1, 15_000);

  await signIn(page, bob);
  await page.goto('/settings');
  await expect(page.getByTestId('current-account')).toBeVisible();
  await page.waitForLoadState('networkidle'); // hydrated: the Menu button reacts to keys

  // --- navigation: a Menu button, keyboard usable ------------------------------------------------
  const mainNav = page.getByRole('navigation', { name: 'Main' });
  await expect(mainNav).toBeHidden();
  const menu = page.getByRole('button', { name: 'Menu', exact: true });
  await menu.focus();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(mainNav.getByRole('link', { name: 'Laboratory' })).toBeFocused();
  await shoot(page, testInfo, 'menu-open');
  await page.keyboard.press('Escape');
  await expect(mainNav).toBeHidden();
  await expect(menu).toBeFocused();
  await menu.click();
  await mainNav.getByRole('link', { name: 'Data export' }).click();
  await expect(page).toHaveURL(/\/settings\/data-export$/);
  await expect(mainNav).toBeHidden();

  // --- tables: stacked cards --------------------------------------------------------------------
  const row = page.getByRole('row', { name: /Phone CRM export/ });
  await expect(row).toBeVisible();
  await expect(row.getByRole('cell').nth(1)).toHaveAttribute('data-label', 'Statuses');
  await shoot(page, testInfo, 'data-export');
  await page.getByRole('button', { name: 'Actions for Phone CRM export with a rather long name' }).click();
  await page.getByRole('menuitem', { name: 'Send test' }).click();
  await expectSheet(page, 'Test an integration');
  await shoot(page, testInfo, 'data-export-send-test');
  await page.keyboard.press('Escape');

  const screens: [string, string, string | RegExp][] = [
    ['overview', '/', 'Overview'],
    ['home', '/settings', 'Settings'],
    ['sessions', '/settings/sessions', 'Sessions'],
    ['data-export', '/settings/data-export', 'Data export'],
    ['laboratory', '/settings/laboratory', 'Laboratory'],
    ['data-export-new', '/settings/data-export/new', 'New data export'],
    ['data-export-edit', `/settings/data-export/${endpoint.id}`, /Phone CRM export/],
    ['api-keys', '/settings/api-keys', 'API keys'],
    ['event-webhooks', '/automation/webhooks', 'Webhooks'],
    ['event-webhook-new', '/automation/webhooks/new', /webhook/i],
    ['request-webhooks', '/automation/request-webhooks', 'Workflow webhooks'],
    ['connectors', '/automation/connectors', 'Connectors'],
    ['workflows', '/automation/workflows', 'Workflows'],
    ['workflow-new', '/automation/workflows/new', 'New workflow'],
    ['launch-history', '/automation/runs', 'Launch history'],
    ['webhook-logs', '/audit/webhook-logs', 'Webhook logs'],
    ['account-activity', '/audit/account-activity', 'Account activity'],
    ['contacts', '/contacts', 'Contacts'],
    ['events', '/events', 'Events'],
  ];
  if (hook.status() === 201) screens.push(['event-webhook-edit', `/automation/webhooks/${(await hook.json()).webhook?.id}`, /Phone unsubscriptions|webhook/i]);
  for (const [name, path, heading] of screens) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: heading }).first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    await shoot(page, testInfo, name);
  }

  // Webhook logs: the failed row as a card, its error wraps inside it.
  await page.goto(`/audit/webhook-logs?endpointId=${endpoint.id}`);
  const logRow = page.getByTestId('log-row').first();
  await expect(logRow).toBeVisible({ timeout: 15_000 });
  await expect(logRow.getByRole('cell').nth(4)).toHaveAttribute('data-label', 'Error content');
  // Error text wraps between words where it can, not at any letter.
  const errorText = logRow.getByRole('cell').nth(4).locator('p');
  expect(await errorText.evaluate((el) => [getComputedStyle(el).wordBreak, getComputedStyle(el).overflowWrap])).toEqual(['normal', 'break-word']);
  await logRow.getByRole('button', { name: 'Payload' }).click();
  await expect(page.getByText('phone@example.test').first()).toBeVisible();
  await shoot(page, testInfo, 'webhook-logs-payload');

  // --- dialogs: full-screen sheets ----------------------------------------------------------------
  await page.goto('/automation/request-webhooks');
  await page.getByRole('button', { name: 'New webhook' }).click();
  await expectSheet(page, 'Manage Webhook');
  await shoot(page, testInfo, 'manage-webhook');
  await page.keyboard.press('Escape');

  await page.goto('/contacts');
  await page.getByRole('button', { name: 'New contact' }).click();
  await expectSheet(page, 'New contact');
  await shoot(page, testInfo, 'contacts-new');
  await page.keyboard.press('Escape');

  await page.goto('/automation/connectors');
  await page.getByRole('button', { name: 'New connector' }).click();
  await expectSheet(page, 'New connector');
  await shoot(page, testInfo, 'connector-new');
});

test('the same screens still have the side navigation at 1280 px', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, fixtures().bob);
  await page.goto('/settings');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Menu', exact: true })).toBeHidden();
});
