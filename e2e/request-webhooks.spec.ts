// The Manage Webhook dialog in Chromium: a connector, a POST JSON webhook tested against a contact
// found by search, the receiver's answer and the $data expression; http:// refused; delete → restore.
import { test, expect } from '@playwright/test';
import { startReceiver, type Receiver } from '../tests/support/receiver';
import { fixtures, signIn, trustedPem } from './fixtures';

let receiver: Receiver;
test.beforeAll(async () => {
  receiver = await startReceiver(() => ({ status: 200, body: JSON.stringify({ promocode: 'WELCOME10', discount: 10 }) }), { pem: trustedPem() });
});
test.afterAll(async () => receiver.close());

test('connector, POST JSON webhook, send test against a contact, deleted list', async ({ page, request }, testInfo) => {
  test.setTimeout(60_000);
  const { alice, acme } = fixtures();
  const created = await request.post('/api/v1/contacts', {
    headers: { authorization: `Bearer ${acme.apiKey}` },
    data: { email: 'olena.webhook@example.test', firstName: 'Olena', lastName: 'Koval', fields: { TOWN: 'Kyiv & Co' } },
  });
  expect(created.status()).toBe(201);

  await signIn(page, alice);
  await page.goto('/automation/connectors');
  await page.getByRole('button', { name: 'New connector' }).click();
  const cdialog = page.getByRole('dialog', { name: 'New connector' });
  await cdialog.getByLabel('Connector name').fill('Shop token');
  await cdialog.getByLabel('Type').selectOption({ label: 'Bearer token' });
  await cdialog.getByLabel('Token').fill('shop-secret-token');
  await cdialog.getByRole('button', { name: 'Done' }).click(); // the seed's word
  await expect(page.getByRole('row', { name: /Shop token/ })).toContainText('••••••en');

  await page.goto('/automation/request-webhooks');
  await page.getByRole('button', { name: 'New webhook' }).click();
  const dialog = page.getByRole('dialog', { name: 'Manage Webhook' });
  await dialog.getByLabel('Name', { exact: true }).fill('WH5');
  await dialog.getByLabel('Request type').selectOption('POST');
  await dialog.getByLabel('URL').fill(`http://127.0.0.1:${new URL(receiver.url).port}/promo`);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog.getByText('The URL must start with https:// — insecure http:// addresses are refused')).toBeVisible();

  await dialog.getByLabel('URL').fill(`${receiver.url}/promo?town=\${contact.TOWN}`);
  await dialog.getByRole('switch', { name: 'Authentication' }).click();
  await dialog.getByLabel('Connector').selectOption({ label: 'Shop token' });
  await dialog.getByRole('switch', { name: 'Request body' }).click();
  await dialog.getByLabel('Body', { exact: true }).fill('{"email": "${contact.email}", "name": "${contact.firstName}"}');
  await page.screenshot({ path: testInfo.outputPath('manage-webhook-form.png') });
  await dialog.getByRole('button', { name: 'Send test' }).click();

  const tdialog = page.getByRole('dialog', { name: 'Send test · WH5' });
  await tdialog.getByLabel('Find a contact').fill('olena.webhook');
  await tdialog.getByRole('option', { name: /olena\.webhook@example\.test/ }).click();
  await expect(tdialog.getByTestId('chosen-contact')).toContainText('Olena');
  await tdialog.getByRole('button', { name: 'Next' }).click();
  await expect(tdialog.getByTestId('resolved-url')).toHaveText(`${receiver.url}/promo?town=Kyiv%20%26%20Co`);
  await expect(tdialog.getByTestId('resolved-request')).toContainText('authorization: ••••••');
  await expect(tdialog.getByTestId('resolved-request')).not.toContainText('shop-secret-token');
  await page.screenshot({ path: testInfo.outputPath('manage-webhook-preview.png') });
  await tdialog.getByRole('button', { name: 'Send request' }).click();
  await expect(tdialog.getByText('The server answered 200')).toBeVisible();
  await expect(tdialog.getByTestId('test-response')).toContainText('"promocode": "WELCOME10"');
  await expect(tdialog.getByRole('button', { name: "$data.get('WH5').get('promocode')" })).toBeVisible();
  await expect(tdialog.getByTestId('expression-result')).toContainText('WELCOME10');
  await tdialog.getByLabel(/Preview an expression/).fill("$!data.get('WH5').get('nothing')");
  await expect(tdialog.getByTestId('expression-result')).toContainText('(empty)');
  // The shared Velocity renderer: the seed's $mathTool form renders too.
  await tdialog.getByLabel(/Preview an expression/).fill("$!mathTool.toInteger($data.get('WH5').get('discount')) off with $data.WH5.promocode");
  await expect(tdialog.getByTestId('expression-result')).toContainText('10 off with WELCOME10');
  await page.screenshot({ path: testInfo.outputPath('manage-webhook-response.png') });

  const got = receiver.requests.at(-1)!;
  expect(got.method).toBe('POST');
  expect(got.headers.authorization).toBe('Bearer shop-secret-token');
  expect(JSON.parse(got.body)).toEqual({ email: 'olena.webhook@example.test', name: 'Olena' });

  // One Back arrow from the answer to the form (the seed), where nothing typed was lost.
  await tdialog.getByRole('button', { name: 'Back to the form' }).click();
  await expect(dialog.getByLabel('Name', { exact: true })).toHaveValue('WH5');
  // × on the test returns to the form too, not out of the whole unsaved webhook.
  await dialog.getByRole('button', { name: 'Send test' }).click();
  await expect(tdialog).toBeVisible();
  await tdialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Name', { exact: true })).toHaveValue('WH5');
  // Closing the form with unsaved changes asks first.
  await dialog.getByRole('button', { name: 'Close' }).click();
  const discard = page.getByRole('dialog').filter({ hasText: 'Discard your changes?' });
  await expect(discard).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('manage-webhook-discard.png') });
  await discard.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog.getByLabel('Name', { exact: true })).toHaveValue('WH5');
  // The test view's Done saves and closes.
  await dialog.getByRole('button', { name: 'Send test' }).click();
  await tdialog.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByText('“WH5” saved')).toBeVisible();
  await expect(dialog).toBeHidden();
  const row = page.getByRole('row', { name: /WH5/ });
  await expect(row).toContainText('Shop token');
  await page.getByRole('button', { name: 'Actions for WH5' }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(row).toBeHidden();
  await page.getByRole('tab', { name: 'Deleted webhooks' }).click();
  await page.getByRole('row', { name: /WH5/ }).getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByText('“WH5” restored')).toBeVisible();
  await page.getByRole('tab', { name: 'Webhooks', exact: true }).click();
  await expect(page.getByRole('row', { name: /WH5/ })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('request-webhooks.png') });
});

test('credential-like headers: never returned by the routes, kept when the dialog saves and tests the mask', async ({ page, playwright, baseURL }) => {
  test.setTimeout(60_000);
  const { alice } = fixtures();
  const ctx = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  await ctx.post('/api/auth/login', { data: alice });
  const headers = [
    { name: 'X-Api-Key', value: 'rk-e2e-secret' },
    { name: 'X-Auth-Token', value: 'tok-e2e-secret' },
    { name: 'X-Team', value: 'growth' },
  ];
  const created = await ctx.post('/api/request-webhooks', { data: { name: 'Keyed', method: 'GET', url: `${receiver.url}/keyed`, passHeaders: true, headers } });
  expect(created.status()).toBe(201);
  const { webhook } = await created.json();
  expect(webhook.headers).toEqual([
    { name: 'X-Api-Key', value: '••••••' },
    { name: 'X-Auth-Token', value: '••••••' },
    { name: 'X-Team', value: 'growth' },
  ]);
  const answers = [await created.text(), await (await ctx.get(`/api/request-webhooks/${webhook.id}`)).text(), await (await ctx.get('/api/request-webhooks')).text()];
  for (const secret of ['rk-e2e-secret', 'tok-e2e-secret']) expect(answers.join()).not.toContain(secret);

  // The dialog shows the mask; saving it unchanged keeps the stored values, and Send test sends them.
  await signIn(page, alice);
  await page.goto('/automation/request-webhooks');
  await page.getByRole('button', { name: 'Actions for Keyed' }).click();
  await page.getByRole('menuitem', { name: 'Edit' }).click();
  const dialog = page.getByRole('dialog', { name: 'Manage Webhook' });
  await expect(dialog.getByLabel('Value 1')).toHaveValue('••••••');
  await dialog.getByLabel('Value 3').fill('sales');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Actions for Keyed' }).click();
  await page.getByRole('menuitem', { name: 'Send test' }).click();
  const tdialog = page.getByRole('dialog', { name: 'Send test · Keyed' });
  await tdialog.getByRole('button', { name: 'Next' }).click();
  await expect(tdialog.getByTestId('resolved-request')).toContainText('X-Api-Key: ••••••');
  await tdialog.getByRole('button', { name: 'Send request' }).click();
  await expect(tdialog.getByText('The server answered 200')).toBeVisible();
  const got = receiver.requests.at(-1)!;
  expect([got.path, got.headers['x-api-key'], got.headers['x-auth-token'], got.headers['x-team']]).toEqual(['/keyed', 'rk-e2e-secret', 'tok-e2e-secret', 'sales']);
  expect((await ctx.delete(`/api/request-webhooks/${webhook.id}`)).status()).toBe(204);
  await ctx.dispose();
});

test('a connector created in the dialog is chosen; an event shows by type, key and time; a 503 said once', async ({ page, request }, testInfo) => {
  test.setTimeout(60_000);
  const { alice, acme } = fixtures();
  const failing = await startReceiver(() => ({ status: 503, body: '{"error":"maintenance"}' }), { pem: trustedPem() });
  try {
    const posted = await request.post('/api/v1/events', {
      headers: { authorization: `Bearer ${acme.apiKey}` },
      data: [{ eventTypeKey: 'orderPlaced', keyValue: 'order-7731', params: { email: 'buyer@example.test', orderId: '7731' } }],
    });
    expect(posted.status()).toBe(202);
    await signIn(page, alice);
    await page.goto('/automation/request-webhooks');
    await page.getByRole('button', { name: 'New webhook' }).click();
    const dialog = page.getByRole('dialog', { name: 'Manage Webhook' });
    await dialog.getByLabel('Name', { exact: true }).fill('Order sync');
    await dialog.getByLabel('URL').fill(`${failing.url}/orders?email=\${email}`);
    await dialog.getByRole('switch', { name: 'Authentication' }).click();
    await dialog.getByRole('button', { name: 'New connector' }).click();
    const cdialog = page.getByRole('dialog').filter({ has: page.getByRole('heading', { name: 'New connector' }) });
    await cdialog.getByRole('button', { name: 'Done' }).click();
    await expect(cdialog.getByText('Enter a name')).toBeVisible(); // the zod schema, through the form
    await cdialog.getByLabel('Connector name').fill('Orders key');
    await cdialog.getByLabel('Type').selectOption({ label: 'API key' });
    await cdialog.getByLabel('Header name').fill('X-Api-Key');
    await cdialog.getByLabel('Key').fill('orders-secret-key');
    await cdialog.getByRole('button', { name: 'Done' }).click();
    await expect(cdialog).toBeHidden();
    // Created = selected = shown.
    await expect(dialog.getByLabel('Connector').locator('option:checked')).toHaveText('Orders key');
    await page.screenshot({ path: testInfo.outputPath('manage-webhook-new-connector.png') });

    await dialog.getByRole('button', { name: 'Send test' }).click();
    const tdialog = page.getByRole('dialog', { name: 'Send test · Order sync' });
    await tdialog.getByRole('option', { name: /order-7731/ }).click();
    const chosen = tdialog.getByTestId('chosen-event');
    await expect(chosen).toContainText('orderPlaced');
    await expect(chosen).toContainText('order-7731');
    await expect(chosen).toContainText('received');
    await expect(chosen).not.toContainText('Event #');
    await tdialog.getByRole('button', { name: 'Next' }).click();
    await expect(tdialog.getByTestId('resolved-request')).toContainText(/x-api-key: ••••••/i);
    await tdialog.getByRole('button', { name: 'Send request' }).click();
    await expect(tdialog.getByText('The server answered 503', { exact: true })).toHaveCount(1);
    expect(failing.requests.at(-1)!.headers['x-api-key']).toBe('orders-secret-key');
    await page.screenshot({ path: testInfo.outputPath('manage-webhook-503.png') });
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 844 });
      await page.screenshot({ path: testInfo.outputPath(`manage-webhook-test-${width}.png`) });
    }
  } finally {
    await failing.close();
  }
});

test('a request without the fields the schema needs answers sentences about each field', async ({ playwright, baseURL }) => {
  const { alice } = fixtures();
  const ctx = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  await ctx.post('/api/auth/login', { data: alice });
  const res = await ctx.post('/api/request-webhooks/send-test', { data: { webhook: { name: 'X', method: 'GET', url: 'https://example.com/x', passHeaders: 'yes' }, data: {} } });
  expect(res.status()).toBe(422);
  const { error } = await res.json();
  expect(error.fields['webhook.passHeaders']).toEqual(['Pass headers must be on or off (true or false)']);
  expect(JSON.stringify(error)).not.toMatch(/Invalid input|expected string/);
  await ctx.dispose();
});
