// Automation → Workflows in Chromium, the seed's example end to end: a workflow triggered by
// subscribeFromApi whose Webhook block (a request webhook created from the block through the Manage
// Webhook dialog, to a real HTTPS receiver) finds the contact by ${email}, and whose Message block
// prints $data.get('WH5').get('promocode'). Activated, an event sent through the API runs it; the run
// completes in the launch history and its detail shows the rendered promo code. Screenshots of the
// list, the editor, the launch history and the run detail at 1280 and 390 wide.
import { test, expect, type Page, type TestInfo } from '@playwright/test';
import { startReceiver, type Receiver } from '../tests/support/receiver';
import { fixtures, signIn, trustedPem } from './fixtures';

let receiver: Receiver;
test.beforeAll(async () => {
  receiver = await startReceiver(() => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ promocode: 'WELCOME10', discount: 10 }) }), {
    pem: trustedPem(),
  });
});
test.afterAll(async () => receiver.close());

const EMAIL = `olena.flow.${Date.now()}@example.test`;

async function shoot(page: Page, testInfo: TestInfo, name: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.waitForTimeout(150);
    const fits = await page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth);
    expect(fits, `${name} at ${width}: the page scrolls sideways`).toBe(true);
    await page.screenshot({ path: testInfo.outputPath(`${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('the seed’s workflow: build, activate, an event runs it, the run shows the promo code', async ({ page, request }, testInfo) => {
  test.setTimeout(180_000);
  const { alice, acme } = fixtures();
  const key = { authorization: `Bearer ${acme.apiKey}` };
  expect((await request.post('/api/v1/contacts', { headers: key, data: { email: EMAIL, firstName: 'Olena', fields: { TOWN: 'Kyiv' } } })).status()).toBe(201);
  // The seed's webhook name must be free: the Manage Webhook spec leaves a WH5 of its own in this account.
  const hooks: { id: string; name: string }[] = (await (await request.get('/api/request-webhooks', { headers: key })).json()).webhooks;
  for (const h of hooks.filter((w) => w.name === 'WH5')) expect((await request.delete(`/api/request-webhooks/${h.id}`, { headers: key })).status()).toBe(204);
  // An event received before the workflow exists: the preview uses it, and nothing runs for it.
  const early = await request.post('/api/v1/events', { headers: key, data: { eventTypeKey: 'subscribeFromApi', keyValue: '1258810399', params: [{ name: 'email', value: EMAIL }] } });
  expect(early.ok()).toBe(true);

  await signIn(page, alice);
  await page.goto('/automation/workflows');
  await expect(page.getByRole('heading', { name: 'Workflows' })).toBeVisible();
  await page.getByRole('link', { name: 'New workflow' }).first().click();
  await expect(page).toHaveURL(/\/automation\/workflows\/new$/);

  const name = `Promo after subscription ${Date.now()}`;
  await page.getByLabel('Workflow name').fill(name);
  await page.getByLabel('Event type key').fill('subscribeFromApi');

  // Actions → Webhook; Activate with nothing chosen lists what is wrong, beside the fields too.
  await page.getByRole('button', { name: 'Add Webhook block' }).click();
  await page.getByRole('button', { name: 'Activate' }).click();
  const problems = page.getByTestId('workflow-problems');
  await expect(problems).toContainText('Block 1 (Webhook)');
  await expect(page).toHaveURL(/\/automation\/workflows\/[0-9a-f-]{36}$/); // saved as a draft
  const workflowId = page.url().split('/').at(-1)!;

  // Create webhook: the Manage Webhook dialog, in create mode; Done selects it in the block.
  await page.getByRole('button', { name: 'Create webhook' }).click();
  const dialog = page.getByRole('dialog', { name: 'Manage Webhook' });
  await dialog.getByLabel('Name', { exact: true }).fill('WH5');
  await dialog.getByLabel('URL').fill(`${receiver.url}/promo?email=\${email}`);
  await expect(dialog.getByLabel('Rate limit (requests/second)')).toHaveValue('10');
  await dialog.getByLabel('Max concurrent requests').fill('4');
  await page.screenshot({ path: testInfo.outputPath('manage-webhook-1280.png'), fullPage: true });
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('Webhook', { exact: true })).toHaveValue(/[0-9a-f-]{36}/);
  await expect(page.getByLabel('Webhook', { exact: true }).locator('option:checked')).toHaveText('WH5 · GET');
  await page.getByLabel('Contact Email').fill('${email}');
  // The webhook chosen and one identification field filled: the block no longer needs attention.
  await expect(page.getByRole('button', { name: /^1\. Webhook/ })).not.toContainText('Needs attention');
  // … and the refused activation's list has lost both entries with their fields fixed.
  await expect(page.getByTestId('workflow-problems')).toHaveCount(0);

  // A test of the webhook from the block (Manage Webhook → Send test), so its answer can be inserted.
  await page.getByRole('button', { name: 'Manage Webhook' }).click();
  const manage = page.getByRole('dialog', { name: 'Manage Webhook · WH5' });
  await manage.getByRole('button', { name: 'Send test' }).click();
  const testDialog = page.getByRole('dialog', { name: 'Send test · WH5' });
  await testDialog.getByText('Type the parameters').click();
  await testDialog.getByLabel('Event parameters').fill(JSON.stringify({ email: EMAIL }));
  await testDialog.getByRole('button', { name: 'Next' }).click();
  await testDialog.getByRole('button', { name: 'Send request' }).click();
  await expect(testDialog.getByText('The server answered 200')).toBeVisible();
  await testDialog.getByRole('button', { name: 'Done' }).click();
  await expect(testDialog).toBeHidden();
  // Unsaved changes of the editor survived the dialogs.
  await expect(page.getByLabel('Contact Email')).toHaveValue('${email}');

  // Actions → Message: subject and body, the promo code inserted from the last test answer.
  await page.getByRole('button', { name: 'Add Message block' }).click();
  await page.getByLabel('Subject').fill('Your promo code');
  const body = page.getByLabel('Body (HTML, Velocity)');
  await body.fill('Hello! Your promo code: ');
  await body.blur();
  await page.getByRole('button', { name: "$data.get('WH5').get('promocode')" }).click();
  await expect(body).toHaveValue("Hello! Your promo code: $data.get('WH5').get('promocode')");

  // Leaving with unsaved changes asks first.
  await page.getByRole('navigation').getByRole('link', { name: 'Launch history' }).first().click();
  const leave = page.getByRole('dialog', { name: 'Leave without saving?' });
  await expect(leave).toBeVisible();
  await leave.getByRole('button', { name: 'Cancel' }).click();
  await expect(page).toHaveURL(new RegExp(`/automation/workflows/${workflowId}$`));

  // Live preview against the contact and the early event: the webhook runs as a test first.
  await page.getByRole('button', { name: 'Select contact' }).click();
  const pickContact = page.getByRole('dialog', { name: 'Select contact' });
  await pickContact.getByLabel('Find a contact').fill(EMAIL);
  await pickContact.getByRole('option', { name: new RegExp(EMAIL.replace(/\./g, '\\.')) }).click();
  await page.getByRole('button', { name: 'Select event' }).click();
  const pickEvent = page.getByRole('dialog', { name: 'Select event' });
  await pickEvent.getByRole('option').filter({ hasText: '1258810399' }).click();
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(page.getByTestId('preview-subject')).toHaveText('Your promo code');
  await expect(page.getByTestId('preview-body')).toHaveText('Hello! Your promo code: WELCOME10');

  await page.screenshot({ path: testInfo.outputPath('editor-message-1280.png'), fullPage: true });

  // Activate: saved, checked, active.
  await page.getByRole('button', { name: 'Activate' }).click();
  await expect(page.getByText(`“${name}” is active`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Deactivate' })).toBeVisible();
  await expect(problems).toBeHidden();
  await page.getByRole('button', { name: /^1\. Webhook/ }).click();
  await shoot(page, testInfo, 'editor');
  // On a phone the settings are a full-screen sheet over the chain; Done shows the chain again.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('button', { name: /^2\. Message/ })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('editor-chain-390.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  // An event through the API starts a run.
  const before = receiver.requests.length;
  const sent = await request.post('/api/v1/events', { headers: key, data: { eventTypeKey: 'subscribeFromApi', keyValue: '1258810400', params: [{ name: 'email', value: EMAIL }] } });
  expect(sent.ok()).toBe(true);
  await receiver.waitFor(before + 1, 20_000);
  expect(receiver.requests.at(-1)!.path).toBe(`/promo?email=${encodeURIComponent(EMAIL)}`);

  await page.goto(`/automation/workflows/${workflowId}/runs`);
  const run = page.getByTestId('run-row').filter({ hasText: '1258810400' });
  await expect(run.getByTestId('run-status')).toHaveText('Completed', { timeout: 30_000 });
  await expect(run).toContainText(EMAIL);
  await shoot(page, testInfo, 'launch-history');

  // The list: active, its trigger, the run in its figures.
  await page.goto('/automation/workflows');
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('Active');
  await expect(row).toContainText('subscribeFromApi');
  await shoot(page, testInfo, 'list');
  await page.goto(`/automation/workflows/${workflowId}/runs`);

  // The filter lives in the URL.
  await page.getByLabel('Status').selectOption('failed');
  await expect(page).toHaveURL(/status=failed/);
  await expect(page.getByText('No runs match these filters')).toBeVisible();
  await page.goto('/automation/runs?status=completed');
  await expect(page.getByLabel('Status')).toHaveValue('completed');
  await page.getByTestId('run-row').filter({ hasText: '1258810400' }).getByRole('link', { name: /Open run/ }).click();

  await expect(page.getByRole('heading', { name: new RegExp(`Run of ${name}`) })).toBeVisible();
  await expect(page.getByTestId('run-status').first()).toHaveText('Completed');
  await expect(page.getByTestId('run-step-response')).toContainText('WELCOME10');
  await expect(page.getByTestId('run-message-body')).toHaveText('Hello! Your promo code: WELCOME10');
  await shoot(page, testInfo, 'run-detail');

  // An event whose email is nobody's: the run is skipped, and says why.
  await request.post('/api/v1/events', { headers: key, data: { eventTypeKey: 'subscribeFromApi', keyValue: '1258810401', params: [{ name: 'email', value: 'nobody@example.test' }] } });
  // The partner's API down: three tries, then the run fails; once it is back, Re-run completes it.
  receiver.setHandler(() => ({ status: 503, body: 'down for maintenance' }));
  await request.post('/api/v1/events', { headers: key, data: { eventTypeKey: 'subscribeFromApi', keyValue: '1258810402', params: [{ name: 'email', value: EMAIL }] } });
  await page.goto(`/automation/workflows/${workflowId}/runs`);
  const skipped = page.getByTestId('run-row').filter({ hasText: '1258810401' });
  await expect(skipped.getByTestId('run-status')).toHaveText('Skipped', { timeout: 30_000 });
  await expect(skipped).toContainText('nobody@example.test');
  const failed = page.getByTestId('run-row').filter({ hasText: '1258810402' });
  await expect(failed.getByTestId('run-status')).toHaveText('Failed', { timeout: 30_000 });
  await page.screenshot({ path: testInfo.outputPath('launch-history-failed-1280.png'), fullPage: true });
  await failed.getByRole('link', { name: /Open run/ }).click();
  await expect(page.getByText(/^\d+ tries$/)).toBeVisible();
  await expect(page.getByTestId('run-step-try').last()).toContainText('failed');
  await expect(page.getByTestId('run-step-response').first()).toContainText('down for maintenance');
  receiver.setHandler(() => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ promocode: 'AGAIN20' }) }));
  await page.getByRole('button', { name: 'Re-run' }).click();
  await expect(page.getByTestId('run-status').first()).toHaveText('Completed', { timeout: 30_000 });
  await expect(page.getByTestId('run-message-body')).toHaveText('Hello! Your promo code: AGAIN20');
  await page.screenshot({ path: testInfo.outputPath('run-detail-rerun-1280.png'), fullPage: true });
});
