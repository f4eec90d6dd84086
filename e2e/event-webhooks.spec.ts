// Automation → Webhooks in Chromium, against a real HTTPS receiver (certificate trusted by the app).
import { test, expect, type Page } from '@playwright/test';
import { startReceiver, type Receiver } from '../tests/support/receiver';
import { fixtures, signIn, trustedPem } from './fixtures';

let receiver: Receiver;
test.beforeAll(async () => {
  receiver = await startReceiver(() => ({ status: 200 }), { pem: trustedPem() });
});
test.afterAll(async () => receiver.close());

async function createWebhook(page: Page, name: string, event: string, url: string) {
  await page.goto('/automation/webhooks/new');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Event').selectOption({ label: event });
  await page.getByLabel('Target URL').fill(url);
  await page.getByRole('button', { name: 'Test connection and create' }).click();
}
const bodiesAt = (path: string) => receiver.requests.filter((r) => r.path === path).map((r) => JSON.parse(r.body));

test('create with a connection test, one active per type, edit only while inactive, events arrive', async ({ page, request }, testInfo) => {
  test.setTimeout(60_000);
  const { alice, acme } = fixtures();
  await signIn(page, alice);
  await page.goto('/automation/webhooks');
  await expect(page.getByText('No webhooks yet')).toBeVisible();

  // http:// is refused before anything is sent.
  await createWebhook(page, 'Opens to CRM', 'Email — Open', `http://127.0.0.1:${new URL(receiver.url).port}/opens`);
  await expect(page.getByText('The URL must start with https:// — insecure http:// addresses are refused')).toBeVisible();
  expect(receiver.requests).toHaveLength(0);

  await page.getByLabel('Target URL').fill(`${receiver.url}/opens`);
  await page.getByRole('button', { name: 'Test connection and create' }).click();
  await expect(page.getByText('Connection test passed: the webhook is active')).toBeVisible();
  const steps = page.getByRole('list', { name: 'Connection test' });
  await expect(steps.getByText('Failed:')).toHaveCount(0);
  await expect(steps.getByText('Passed:')).toHaveCount(5);
  expect(bodiesAt('/opens')).toHaveLength(1);
  expect(bodiesAt('/opens')[0]).toMatchObject({ eventType: 'EmailOpens', messageId: expect.any(Number), subscriberEmail: expect.any(String) });
  await page.screenshot({ path: testInfo.outputPath('event-webhook-created.png'), fullPage: true });
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('row', { name: /Opens to CRM/ })).toContainText('Active');

  // A second active webhook for the same event type is refused, naming the active one.
  await createWebhook(page, 'Opens again', 'Email — Open', `${receiver.url}/opens-2`);
  await expect(page.getByText('Connection test failed: the webhook was not created')).toBeVisible();
  await expect(page.getByText('“Opens to CRM” is already the active webhook for Email — Open. Deactivate it first.')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('event-webhook-not-unique.png'), fullPage: true });

  // Editing is blocked while active and allowed after deactivation.
  await page.goto('/automation/webhooks');
  await page.getByRole('link', { name: 'Opens to CRM' }).click();
  await expect(page.getByText('Deactivate to edit')).toBeVisible();
  // Shown as text, not as inputs that look editable and ignore typing.
  await expect(page.getByRole('textbox')).toHaveCount(0);
  await expect(page.getByRole('combobox')).toHaveCount(0);
  await expect(page.getByTestId('read-only-fields')).toContainText(`${receiver.url}/opens`);
  await expect(page.getByTestId('read-only-fields')).toContainText('Email — Open');
  await page.screenshot({ path: testInfo.outputPath('event-webhook-read-only.png'), fullPage: true });
  await page.getByRole('button', { name: 'Deactivate' }).click();
  await expect(page.getByText('Deactivate to edit')).toBeHidden();
  await page.getByLabel('Target URL').fill(`${receiver.url}/opens-v2`);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('“Opens to CRM” saved')).toBeVisible();
  await page.getByRole('button', { name: 'Activate' }).click();
  await expect(page.getByText('Deactivate to edit')).toBeVisible();
  await expect(page.getByTestId('read-only-fields')).toContainText(`${receiver.url}/opens-v2`);

  await createWebhook(page, 'New subscribers', 'Subscription', `${receiver.url}/subs`);
  await expect(page.getByText('Connection test passed: the webhook is active')).toBeVisible();

  // Ingested email activities and list events arrive as single objects of the right type.
  const auth = { authorization: `Bearer ${acme.apiKey}` };
  const ingest = await request.post('/api/v1/activities', {
    headers: auth,
    data: [
      { activityDateTime: '2026-11-25T09:00:00', activityStatus: 'READ', mediaType: 'email', contactId: 41, messageId: 9001, email: 'reader@example.test' },
      { activityDateTime: '2026-11-25T09:00:01', activityStatus: 'READ', mediaType: 'sms', contactId: 42 },
    ],
  });
  expect(ingest.status()).toBe(202);
  const listEvent = await request.post('/api/v1/list-events', {
    headers: auth,
    data: { type: 'subscription', listId: 7477, subscriberId: 6552356, subscriberEmail: 'new@example.test' },
  });
  expect(listEvent.status()).toBe(202);
  await expect.poll(() => bodiesAt('/opens-v2').length, { timeout: 15_000 }).toBe(1);
  await expect.poll(() => bodiesAt('/subs').length, { timeout: 15_000 }).toBe(2); // dummy + the event
  expect(bodiesAt('/opens-v2')[0]).toEqual({ eventType: 'EmailOpens', eventDate: '2026-11-25T09:00:00.000Z', messageId: 9001, subscriberId: 41, subscriberEmail: 'reader@example.test' });
  expect(bodiesAt('/subs')[1]).toMatchObject({ eventType: 'Subscriptions', listId: 7477, subscriberId: 6552356, subscriberEmail: 'new@example.test' });
  await page.goto('/automation/webhooks');
  const subs = page.getByRole('row', { name: /New subscribers/ });
  await expect(subs).toContainText('Active');
  await expect(subs).not.toContainText('Never'); // its last delivery is shown
  await page.screenshot({ path: testInfo.outputPath('event-webhooks-list.png'), fullPage: true });

  // A failing event webhook says why on its row and its page, with Retry now and its logs.
  receiver.setHandler((r) => (r.path === '/subs' ? { status: 503, body: '{"error":"down"}' } : { status: 200 }));
  const again = await request.post('/api/v1/list-events', { headers: auth, data: { type: 'subscription', listId: 7477, subscriberId: 1, subscriberEmail: 'later@example.test' } });
  expect(again.status()).toBe(202);
  await expect(subs).toContainText('Failing', { timeout: 15_000 });
  await expect(subs.getByTestId('last-error')).toContainText('HTTP 503');
  const logs = await subs.getByRole('link', { name: 'Logs' }).getAttribute('href');
  expect(logs).toMatch(/^\/audit\/webhook-logs\?endpointId=[0-9a-f-]{36}$/);
  await page.screenshot({ path: testInfo.outputPath('event-webhooks-failing.png'), fullPage: true });
  await page.goto(`/automation/webhooks/${logs!.split('=')[1]}`);
  await expect(page.getByTestId('failure-banner')).toContainText('HTTP 503');
  receiver.setHandler(() => ({ status: 200 }));
  await page.getByTestId('failure-banner').getByRole('button', { name: 'Retry now' }).click();
  await expect(page.getByTestId('failure-banner')).toBeHidden({ timeout: 15_000 });
  await expect.poll(() => bodiesAt('/subs').length, { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
});
