// Issue 13: the API reference (Scalar, bundled: no CDN) reached from the account menu and from API keys,
// under the app's nonce CSP; and the Verify signatures panel of an endpoint with its copy button.
import { test, expect, type Page } from '@playwright/test';
import { fixtures, signIn } from './fixtures';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const sameOrigin = () => ({ origin: `http://127.0.0.1:${process.env.E2E_PORT || 3100}` });

/** Console errors, exceptions, CSP violations and any request that leaves this origin. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`exception: ${e.message}`));
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (!['http:', 'https:'].includes(url.protocol)) return;
    if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') problems.push(`left the origin: ${r.url()}`);
  });
  void page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`)),
  );
  return problems;
}

test('the API reference opens from the account menu, lists the operations and tries one with a pasted key', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const { alice, acme } = fixtures();
  await signIn(page, alice);
  const problems = watch(page);
  const appBackground = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.getByRole('button', { name: /Account menu/ }).click();
  await page.getByRole('menuitem', { name: 'API reference' }).click();
  await expect(page).toHaveURL(/\/settings\/api-reference$/);
  await expect(page.getByRole('heading', { level: 1, name: 'API reference' })).toBeVisible();

  const reference = page.getByTestId('api-reference');
  const sidebar = reference.getByRole('navigation');
  await expect(sidebar.getByRole('button', { name: /Push activities/ })).toBeVisible({ timeout: 20_000 });
  for (const op of ['Read activities by time window', 'Push list events', 'Push custom events', 'Create a contact', 'Rotate the signing secret', 'List API keys', 'The key’s account', 'List workflows', 'Create a workflow', 'Replace a workflow', 'Activate a workflow', 'List a workflow’s runs', 'Get a run']) {
    await expect(sidebar.getByRole('button', { name: new RegExp(op) }), op).toBeAttached();
  }
  // The webhooks Hookline sends are part of the reference.
  await expect(sidebar.getByRole('button', { name: /Activities \(Data export, Laboratory\)/ })).toBeAttached();
  // Nothing of Scalar's hosted services is offered.
  await expect(reference.getByRole('button', { name: 'Ask AI' })).toHaveCount(0);
  await expect(reference.getByRole('link', { name: 'Open API Client' })).toHaveCount(0);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: testInfo.outputPath('api-reference-1280.png') });
  // The workflows API: activation's field-by-field 422 is shown with its example.
  await sidebar.getByRole('button', { name: /Activate a workflow/ }).click();
  // Scalar still keeps its place in the URL's hash (it goes to the browser, not through Next's router).
  await expect(page).toHaveURL(/\/settings\/api-reference#.*activate/);
  const activate = reference.locator('section', { has: page.getByRole('heading', { name: 'Activate a workflow' }) }).first();
  await expect(activate).toBeVisible();
  await expect(activate.getByText('/workflows/{id}/activate').first()).toBeAttached();
  await activate.getByRole('tab', { name: '422' }).click();
  await expect(activate.getByText('blocks.2.webhookId').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('api-reference-workflows-1280.png') });

  // Try it: the key field starts empty (nothing stored is prefilled); with the pasted key the
  // request is answered by this Hookline.
  await sidebar.getByRole('button', { name: /The key’s account/ }).click();
  const section = reference.locator('section', { has: page.getByRole('heading', { name: 'The key’s account' }) }).first();
  await section.getByRole('button', { name: /Test Request/ }).first().click();
  const client = page.getByRole('dialog');
  await expect(client).toBeVisible();
  const token = client.getByRole('textbox', { name: /token/i }).or(client.getByPlaceholder(/token/i)).first();
  await expect(token).toBeVisible();
  await expect(token).toHaveText(''); // nothing stored is prefilled
  await token.fill(acme.apiKey);
  await page.screenshot({ path: testInfo.outputPath('api-reference-try.png') });
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/account') && r.request().method() === 'GET');
  await client.getByRole('button', { name: /^Send/ }).first().click();
  const res = await answer;
  expect(res.status()).toBe(200);
  expect((await res.json()).account.id).toBe(acme.id);
  expect(res.request().headers().authorization).toBe(`Bearer ${acme.apiKey}`);
  await expect(client.getByText(acme.id).first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('api-reference-answer.png') });
  await page.keyboard.press('Escape');

  // Scalar's stylesheet stays loaded when the reference is left in the app: the app keeps its background.
  await page.getByRole('main').getByRole('link', { name: 'API keys' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(appBackground);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/settings/api-reference');
  await expect(page.getByTestId('api-reference').getByText('Hookline API').first()).toBeVisible({ timeout: 20_000 });
  await page.screenshot({ path: testInfo.outputPath('api-reference-390.png') });
  expect(problems).toEqual([]);
});

test('the API keys page links to the reference, and the document is public', async ({ page, request }) => {
  await signIn(page, fixtures().alice);
  await page.goto('/settings/api-keys');
  await page.getByRole('main').getByRole('link', { name: 'API reference' }).click();
  await expect(page).toHaveURL(/\/settings\/api-reference$/);
  const doc = await request.get('/api/v1/openapi.json', { headers: { cookie: '' } });
  expect(doc.status()).toBe(200);
  expect(doc.headers()['cache-control']).toContain('public');
  expect((await doc.json()).openapi).toBe('3.1.0');
});

test('Verify signatures: the panel of a Data export opens, switches language and copies the code', async ({ page }, testInfo) => {
  await signIn(page, fixtures().alice);
  const problems = watch(page);
  const created = await page.request.post('/api/endpoints', { data: { name: `Signed feed ${Date.now()}`, url: 'https://example.com/signed' }, headers: sameOrigin() });
  expect(created.status()).toBe(201);
  const { endpoint } = await created.json();
  await page.goto(`/settings/data-export/${endpoint.id}`);
  const panel = page.getByTestId('verify-signatures');
  const toggle = panel.getByRole('button', { name: /Verify signatures/ });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const code = panel.getByTestId('snippet-code');
  await expect(code).toContainText("import { Webhook } from 'standardwebhooks'");
  await expect(code).toContainText(endpoint.name);
  await panel.getByRole('button', { name: 'Copy Node.js code' }).click();
  await expect(panel.getByRole('button', { name: 'Copied' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await code.textContent());
  expect(copied).toContain("'webhook-signature': req.headers['webhook-signature']");

  // Keyboard: arrow keys move between the languages.
  await panel.getByRole('tab', { name: 'Node.js' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(panel.getByRole('tab', { name: 'Python' })).toHaveAttribute('aria-selected', 'true');
  await expect(code).toContainText('from standardwebhooks.webhooks import Webhook');
  await panel.getByRole('tab', { name: 'PHP' }).click();
  await expect(code).toContainText("$_SERVER['HTTP_WEBHOOK_SIGNATURE']");
  await panel.getByRole('tab', { name: 'Go' }).click();
  await expect(code).toContainText('standardwebhooks.NewWebhook');
  await panel.getByRole('button', { name: 'Copy Go code' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('webhook.Verify(body, r.Header)');
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('verify-signatures-1280.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: testInfo.outputPath('verify-signatures-390.png'), fullPage: true });
  expect(problems).toEqual([]);
  expect((await page.request.delete(`/api/endpoints/${endpoint.id}`, { headers: sameOrigin() })).status()).toBe(204);
});
