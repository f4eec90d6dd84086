// Contacts and events end to end: contacts pushed through the machine API, then searched, opened,
// segmented (TOWN = Kyiv) and created in the browser; an event posted and found on /events.
import { test, expect, type APIRequestContext } from '@playwright/test';
import { fixtures, signIn } from './fixtures';

const auth = () => ({ authorization: `Bearer ${fixtures().acme.apiKey}` });

async function createContact(request: APIRequestContext, data: Record<string, unknown>) {
  const res = await request.post('/api/v1/contacts', { headers: auth(), data });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).contact as { id: string };
}

test('search contacts, open a card, segment by TOWN = Kyiv, create one', async ({ page, request }, testInfo) => {
  const olena = await createContact(request, {
    email: 'olena.shevchenko@example.com',
    phone: '+380 67 123 45 67',
    firstName: 'Olena',
    lastName: 'Shevchenko',
    externalCustomerId: 'crm-1001',
    fields: { TOWN: 'Kyiv', BIRTHDAY: '1990-04-12', LOYALTY_TIER: 'gold', ORDERS: 7 },
  });
  await createContact(request, { email: 'taras.bondar@example.com', firstName: 'Taras', lastName: 'Bondar', fields: { TOWN: 'Lviv' } });
  await createContact(request, { email: 'iryna@shop.test', phone: '+380501112233', firstName: 'Iryna', lastName: 'Shevchuk', fields: { TOWN: 'Kyiv' } });
  await createContact(request, { phone: '+380931234567', firstName: 'Petro' });
  // Another account's key cannot see them.
  const globexAuth = { authorization: `Bearer ${fixtures().globex.apiKey}` };
  const theirs = await request.get('/api/v1/contacts?q=olena', { headers: globexAuth });
  expect((await theirs.json()).contacts).toEqual([]);
  expect((await request.get(`/api/v1/contacts/${olena.id}`, { headers: globexAuth })).status()).toBe(404);
  const globexContact = (await (await request.post('/api/v1/contacts', { headers: globexAuth, data: { email: 'olena@globex.test' } })).json()).contact;

  await signIn(page, fixtures().alice);
  // The browser routes too: Alice (Acme) gets 404 for Globex's contact.
  expect((await page.request.get(`/api/contacts/${olena.id}`)).status()).toBe(200);
  expect((await page.request.get(`/api/contacts/${globexContact.id}`)).status()).toBe(404);
  await page.getByRole('link', { name: 'Contacts' }).click();
  await expect(page.getByRole('heading', { name: 'Contacts', level: 1 })).toBeVisible();
  const table = page.getByRole('table');
  await expect(table.getByRole('row')).toHaveCount(5);
  await expect(table.getByRole('columnheader', { name: 'Town' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('contacts.png'), fullPage: true });

  // Search by email, then by name (debounced, kept in the URL).
  const search = page.getByLabel('Search contacts');
  await search.fill('taras.bondar@');
  await expect(page).toHaveURL(/q=taras\.bondar%40/);
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).toContainText('Taras Bondar');
  await search.fill('shev');
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table).toContainText('Olena Shevchenko');
  await expect(table).toContainText('Iryna Shevchuk');
  await search.fill('nobody-at-all');
  await expect(page.getByText('No contacts match')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(search).toHaveValue('');
  await expect(table.getByRole('row')).toHaveCount(5);

  // The eye icon opens the contact card with every standard and additional field.
  await page.getByRole('button', { name: 'View contact card of Olena Shevchenko' }).click();
  const card = page.getByRole('dialog', { name: 'Olena Shevchenko' });
  await expect(card).toBeVisible();
  for (const text of ['olena.shevchenko@example.com', '+380 67 123 45 67', 'crm-1001', 'Kyiv', '1990-04-12', 'LOYALTY_TIER', 'gold', 'ORDERS', '${contact.TOWN}']) {
    await expect(card).toContainText(text);
  }
  await page.screenshot({ path: testInfo.outputPath('contact-card.png') });
  await card.getByRole('button', { name: 'Close' }).first().click();
  await expect(card).toBeHidden();

  // A segment TOWN = Kyiv, then filter by it.
  await page.getByRole('button', { name: 'New segment' }).click();
  const segDialog = page.getByRole('dialog', { name: 'New segment' });
  await segDialog.getByRole('button', { name: 'Create segment' }).click();
  await expect(segDialog.getByText('Give the segment a name')).toBeVisible();
  await expect(segDialog.getByText('Give a value to compare with')).toBeVisible();
  await segDialog.getByLabel('Name').fill('Kyiv customers');
  await expect(segDialog.getByLabel('Condition 1 field')).toHaveValue('TOWN');
  await segDialog.getByLabel('Condition 1 operator').selectOption('eq');
  await segDialog.getByLabel('Condition 1 value').fill('Kyiv');
  await page.screenshot({ path: testInfo.outputPath('new-segment.png') });
  await segDialog.getByRole('button', { name: 'Create segment' }).click();
  await expect(page.getByText('Segment “Kyiv customers” created')).toBeVisible();
  await expect(segDialog).toBeHidden();

  const segmentSelect = page.getByLabel('Segment', { exact: true });
  await segmentSelect.selectOption({ label: 'All contacts' });
  await expect(table.getByRole('row')).toHaveCount(5);
  await segmentSelect.selectOption({ label: 'Kyiv customers' });
  await expect(page).toHaveURL(/segment=/);
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table).toContainText('Olena Shevchenko');
  await expect(table).toContainText('Iryna Shevchuk');
  await expect(table).not.toContainText('Taras');
  await expect(page.getByText('2 contacts shown in “Kyiv customers”')).toBeVisible();
  // Searching within the segment.
  await search.fill('iryna');
  await expect(table.getByRole('row')).toHaveCount(2);
  await page.reload();
  await expect(search).toHaveValue('iryna');
  await expect(segmentSelect).toHaveValue(/[0-9a-f-]{36}/);
  await expect(table.getByRole('row')).toHaveCount(2);
  await page.screenshot({ path: testInfo.outputPath('contacts-segment.png'), fullPage: true });

  // New contact: the shared schema on the client, the server's 409 on its field.
  await page.getByRole('button', { name: 'New contact' }).first().click();
  const form = page.getByRole('dialog', { name: 'New contact' });
  await form.getByRole('button', { name: 'Create contact' }).click();
  await expect(form.getByText('Give an email, a phone or an external customer ID')).toBeVisible();
  await form.getByLabel('First name').fill('Mykola');
  await form.getByLabel('Email').fill('mykola@example.com');
  await form.getByLabel('External customer ID').fill('crm-1001');
  await form.getByLabel('Town').fill('Kyiv');
  await form.getByRole('button', { name: 'Create contact' }).click();
  await expect(form.getByText('Another contact already has the external customer ID “crm-1001”')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('new-contact-error.png') });
  await form.getByLabel('External customer ID').fill('crm-1002');
  await form.getByRole('button', { name: 'Create contact' }).click();
  await expect(page.getByText('Contact “Mykola” created')).toBeVisible();
  await search.fill('');
  await expect(table.getByRole('row')).toHaveCount(4); // the Kyiv segment now has Mykola too
  await expect(table).toContainText('Mykola');

  // Deleting the segment clears the filter.
  await page.getByRole('button', { name: 'Delete segment Kyiv customers' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete segment' }).click();
  await expect(page.getByText('Segment “Kyiv customers” deleted')).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(6);
});

test('an event posted through the API shows on /events with its params', async ({ page, request }, testInfo) => {
  const res = await request.post('/api/v1/events', {
    headers: auth(),
    data: [
      {
        eventTypeKey: 'productViewed',
        keyValue: 'olena.shevchenko@example.com',
        params: [
          { name: 'email', value: 'olena.shevchenko@example.com' },
          { name: 'productId', value: '4501' },
          { name: 'price', value: 1299.5 },
        ],
      },
      { eventTypeKey: 'subscribeFromApi', keyValue: '1258810400', params: { email: 'test@gmail.com', subscriptions: ['SMARTPHONES', 'TABLETS'] } },
    ],
  });
  expect(res.status()).toBe(202);
  expect((await res.json()).accepted).toBe(2);
  const bad = await request.post('/api/v1/events', { headers: auth(), data: { params: [] } });
  expect(bad.status()).toBe(422);
  expect((await bad.json()).error.fields).toHaveProperty('eventTypeKey');

  await signIn(page, fixtures().alice);
  await page.getByRole('link', { name: 'Events' }).click();
  await expect(page.getByRole('heading', { name: 'Events', level: 1 })).toBeVisible();
  const table = page.getByRole('table');
  await expect(table.getByRole('row')).toHaveCount(3);
  const viewed = table.getByRole('row', { name: /productViewed/ });
  await expect(viewed).toContainText('olena.shevchenko@example.com');
  await expect(viewed).toContainText('productId=4501');

  await page.getByRole('button', { name: /Show params of productViewed/ }).click();
  await expect(page.locator('pre')).toContainText('"price": 1299.5');
  await page.screenshot({ path: testInfo.outputPath('events.png'), fullPage: true });

  // The browser routes answer for the signed-in account only.
  const { events: mine } = await (await page.request.get('/api/events?eventTypeKey=productViewed')).json();
  expect(mine).toHaveLength(1);
  const one = await page.request.get(`/api/events/${mine[0].id}`);
  expect((await one.json()).event.params).toEqual({ email: 'olena.shevchenko@example.com', productId: '4501', price: 1299.5 });
  const globex = await request.post('/api/v1/events', { headers: { authorization: `Bearer ${fixtures().globex.apiKey}` }, data: { eventTypeKey: 'orderPlaced' } });
  const [theirId] = (await globex.json()).ids;
  expect((await page.request.get(`/api/events/${theirId}`)).status()).toBe(404);
  expect((await page.request.get('/api/events/not-a-number')).status()).toBe(404);

  await page.getByLabel('Event type').selectOption('subscribeFromApi');
  await expect(page).toHaveURL(/type=subscribeFromApi/);
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).toContainText('subscriptions=["SMARTPHONES","TABLETS"]');
});
