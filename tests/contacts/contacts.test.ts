// Contacts through the machine API's route handlers (create, search, PATCH), segments through the
// service, and isolation between accounts.
import { describe, expect, it } from 'vitest';
import { toApiError } from '@/lib/http/errors';
import { contactVariables, type ContactView } from '@/lib/contacts/schema';
import { contactsInSegment, createSegment, deleteSegment, getContact, listSegments, searchContacts } from '@/lib/contacts/service';
import * as contacts from '@/app/api/v1/contacts/route';
import * as contactById from '@/app/api/v1/contacts/[id]/route';
import { newAccount } from '../support/fixtures';

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
function call(handler: Handler, key: string | null, { method = 'GET', path = '/api/v1/contacts', body, params = {} }: { method?: string; path?: string; body?: unknown; params?: Record<string, string> } = {}) {
  const headers: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  return handler(new Request(`http://localhost${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }), { params: Promise.resolve(params) });
}
const rejection = (p: Promise<unknown>) => p.then(() => null, (e) => toApiError(e));

async function create(key: string, body: Record<string, unknown>): Promise<ContactView> {
  const res = await call(contacts.POST, key, { method: 'POST', body });
  expect(res.status, JSON.stringify(await res.clone().json())).toBe(201);
  return (await res.json()).contact;
}
async function search(key: string, qs: string): Promise<{ contacts: ContactView[]; nextCursor: string | null }> {
  const res = await call(contacts.GET, key, { path: `/api/v1/contacts?${qs}` });
  expect(res.status).toBe(200);
  return res.json();
}
const emails = (page: { contacts: ContactView[] }) => page.contacts.map((c) => c.email);

describe('contacts API', () => {
  it('creates a contact with standard and additional fields; contactVariables reads them as strings', async () => {
    const { apiKey } = await newAccount();
    const made = await create(apiKey, {
      email: '  olena@example.com ',
      phone: '+380 67 123 45 67',
      externalCustomerId: 'crm-1',
      firstName: 'Olena',
      lastName: 'Shevchenko',
      fields: { TOWN: 'Kyiv', BIRTHDAY: '1990-04-12', LOYALTY_POINTS: 120, VIP: true, EMPTY: '' },
    });
    expect(made).toMatchObject({ email: 'olena@example.com', phone: '+380 67 123 45 67', fields: { TOWN: 'Kyiv', BIRTHDAY: '1990-04-12', LOYALTY_POINTS: 120, VIP: true } });
    expect(made.fields).not.toHaveProperty('EMPTY');
    expect(contactVariables(made)).toEqual({
      id: made.id,
      email: 'olena@example.com',
      phone: '+380 67 123 45 67',
      externalCustomerId: 'crm-1',
      firstName: 'Olena',
      lastName: 'Shevchenko',
      TOWN: 'Kyiv',
      BIRTHDAY: '1990-04-12',
      LOYALTY_POINTS: '120',
      VIP: 'true',
    });
    const got = await call(contactById.GET, apiKey, { path: `/api/v1/contacts/${made.id}`, params: { id: made.id } });
    expect((await got.json()).contact).toEqual(made);
    // Unset properties are left out, so a template lists them as missing.
    const bare = await create(apiKey, { phone: '+380501112233' });
    expect(Object.keys(contactVariables(bare)).sort()).toEqual(['id', 'phone']);
  });

  it('refuses invalid input with 422 and field paths, and a duplicate external id with 409', async () => {
    const { apiKey } = await newAccount();
    const none = await call(contacts.POST, apiKey, { method: 'POST', body: { firstName: 'Nobody', email: '' } });
    expect(none.status).toBe(422);
    expect((await none.json()).error.fields).toEqual({ email: ['Give an email, a phone or an external customer ID'] });

    const bad = await call(contacts.POST, apiKey, { method: 'POST', body: { email: 'not-an-email', phone: 'call me', fields: { TOWN: { city: 'Kyiv' }, email: 'x' } } });
    expect(bad.status).toBe(422);
    expect(Object.keys((await bad.json()).error.fields).sort()).toEqual(['email', 'fields.TOWN', 'phone']);
    const reserved = await call(contacts.POST, apiKey, { method: 'POST', body: { email: 'a@example.com', fields: { email: 'x' } } });
    expect((await reserved.json()).error.fields).toHaveProperty(['fields.email']);

    await create(apiKey, { externalCustomerId: 'crm-7', email: 'first@example.com' });
    const dup = await call(contacts.POST, apiKey, { method: 'POST', body: { externalCustomerId: 'crm-7', email: 'second@example.com' } });
    expect(dup.status).toBe(409);
    expect((await dup.json()).error.fields.externalCustomerId[0]).toMatch(/crm-7/);

    const badLimit = await call(contacts.GET, apiKey, { path: '/api/v1/contacts?limit=500' });
    expect(badLimit.status).toBe(422);
    expect((await badLimit.json()).error.fields).toHaveProperty('limit');
    expect((await call(contacts.GET, apiKey, { path: '/api/v1/contacts?cursor=nope' })).status).toBe(422);
    expect((await call(contacts.GET, null)).status).toBe(401);
  });

  it('searches email, phone and names case-insensitively, and pages newest first', async () => {
    const { apiKey } = await newAccount();
    await create(apiKey, { email: 'olena@example.com', firstName: 'Olena', lastName: 'Shevchenko', phone: '+380 67 123 45 67' });
    await create(apiKey, { email: 'taras@example.com', firstName: 'Taras', lastName: 'Bondar' });
    await create(apiKey, { email: 'iryna@shop.test', firstName: 'Iryna', lastName: 'Shevchuk' });
    await create(apiKey, { email: 'real_one@example.com', firstName: '100%' });

    expect(emails(await search(apiKey, 'q=OLENA@'))).toEqual(['olena@example.com']);
    expect(emails(await search(apiKey, 'q=shev')).sort()).toEqual(['iryna@shop.test', 'olena@example.com']);
    expect(emails(await search(apiKey, `q=${encodeURIComponent('Taras Bond')}`))).toEqual(['taras@example.com']);
    expect(emails(await search(apiKey, `q=${encodeURIComponent('38067123')}`))).toEqual(['olena@example.com']);
    expect(emails(await search(apiKey, `q=${encodeURIComponent('+380 67 123')}`))).toEqual(['olena@example.com']);
    // LIKE wildcards in the text match themselves.
    expect(emails(await search(apiKey, `q=${encodeURIComponent('%')}`))).toEqual(['real_one@example.com']);
    expect(emails(await search(apiKey, 'q=_'))).toEqual(['real_one@example.com']);
    expect(emails(await search(apiKey, 'q=nobody'))).toEqual([]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { contacts: ContactView[]; nextCursor: string | null } = await search(apiKey, `limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.contacts.length).toBeLessThanOrEqual(3);
      seen.push(...emails(page).map(String));
      cursor = page.nextCursor;
    } while (cursor);
    // Newest first (contacts created within the same millisecond fall back to id order).
    expect(seen).toEqual(emails(await search(apiKey, 'limit=100')));
    expect([...seen].sort()).toEqual(['iryna@shop.test', 'olena@example.com', 'real_one@example.com', 'taras@example.com']);
  });

  it('PATCH changes only what is sent and merges fields (null removes one)', async () => {
    const { account, apiKey } = await newAccount();
    const made = await create(apiKey, { email: 'p@example.com', firstName: 'Petro', fields: { TOWN: 'Lviv', BIRTHDAY: '1985-01-02', TIER: 'gold' } });
    const patch = (body: unknown) => call(contactById.PATCH, apiKey, { method: 'PATCH', path: `/api/v1/contacts/${made.id}`, body, params: { id: made.id } });

    const res = await patch({ lastName: 'Melnyk', fields: { TOWN: 'Kyiv', TIER: null, SHOE_SIZE: 43 } });
    expect(res.status).toBe(200);
    const { contact } = await res.json();
    expect(contact).toMatchObject({ email: 'p@example.com', firstName: 'Petro', lastName: 'Melnyk', fields: { TOWN: 'Kyiv', BIRTHDAY: '1985-01-02', SHOE_SIZE: 43 } });
    expect(contact.fields).not.toHaveProperty('TIER');

    const cleared = await patch({ firstName: '', phone: '+380501234567' });
    expect((await cleared.json()).contact).toMatchObject({ firstName: null, phone: '+380501234567', email: 'p@example.com' });

    // Removing the last identifiers is refused and changes nothing.
    const orphan = await patch({ email: null, phone: null });
    expect(orphan.status).toBe(422);
    expect((await orphan.json()).error.fields.email).toBeDefined();
    expect(await getContact(account.id, made.id)).toMatchObject({ email: 'p@example.com', phone: '+380501234567' });

    const invalid = await patch({ email: 'nope' });
    expect(invalid.status).toBe(422);
    expect(Object.keys((await invalid.json()).error.fields)).toEqual(['email']);

    await create(apiKey, { externalCustomerId: 'taken', phone: '+380500000000' });
    const dup = await patch({ externalCustomerId: 'taken' });
    expect(dup.status).toBe(409);
    expect((await dup.json()).error.fields).toHaveProperty('externalCustomerId');
  });

  it("keeps accounts apart: another account's ids are 404 and its search is empty", async () => {
    const acme = await newAccount('Acme');
    const globex = await newAccount('Globex');
    const mine = await create(acme.apiKey, { email: 'secret@acme.test', fields: { TOWN: 'Kyiv' } });
    const params = { id: mine.id };

    expect((await call(contactById.GET, globex.apiKey, { params })).status).toBe(404);
    const hijack = await call(contactById.PATCH, globex.apiKey, { method: 'PATCH', body: { firstName: 'Mallory' }, params });
    expect(hijack.status).toBe(404);
    expect((await call(contactById.GET, acme.apiKey, { params })).status).toBe(200);
    expect(await search(globex.apiKey, 'q=secret')).toEqual({ contacts: [], nextCursor: null });
    expect(await search(globex.apiKey, '')).toEqual({ contacts: [], nextCursor: null });
    expect((await call(contactById.GET, acme.apiKey, { params: { id: 'not-a-uuid' } })).status).toBe(404);
    expect((await getContact(acme.account.id, mine.id)).firstName).toBeNull();

    // A segment of Globex's matching TOWN = Kyiv finds none of Acme's contacts; Acme cannot use it.
    const theirs = await createSegment(globex.account.id, { name: 'Kyiv', conditions: [{ field: 'TOWN', op: 'eq', value: 'Kyiv' }] });
    expect((await contactsInSegment(globex.account.id, theirs.id, { limit: 25 })).contacts).toEqual([]);
    expect(await rejection(contactsInSegment(acme.account.id, theirs.id, { limit: 25 }))).toMatchObject({ status: 404 });
    expect((await call(contacts.GET, acme.apiKey, { path: `/api/v1/contacts?segmentId=${theirs.id}` })).status).toBe(404);
    expect(await rejection(deleteSegment(acme.account.id, theirs.id))).toMatchObject({ status: 404 });
    expect((await listSegments(globex.account.id)).map((s) => s.id)).toEqual([theirs.id]);
  });
});

describe('segments', () => {
  it('TOWN = Kyiv returns only the Kyiv contacts; conditions combine with AND; delete removes it', async () => {
    const { account, apiKey } = await newAccount();
    await create(apiKey, { email: 'a@kyiv.test', firstName: 'Anna', fields: { TOWN: 'Kyiv' } });
    await create(apiKey, { email: 'b@kyiv.test', firstName: 'Bohdan', fields: { TOWN: 'kyiv', VIP: true } });
    await create(apiKey, { email: 'c@lviv.test', firstName: 'Chrystia', fields: { TOWN: 'Lviv' } });
    await create(apiKey, { email: 'd@nowhere.test', firstName: 'Dmytro' });

    const kyiv = await createSegment(account.id, { name: 'Kyiv', conditions: [{ field: 'TOWN', op: 'eq', value: 'Kyiv' }] });
    expect(emails(await contactsInSegment(account.id, kyiv.id, { limit: 25 })).sort()).toEqual(['a@kyiv.test', 'b@kyiv.test']);
    // The search box works inside the segment; the API takes segmentId too.
    expect(emails(await contactsInSegment(account.id, kyiv.id, { q: 'bohdan', limit: 25 }))).toEqual(['b@kyiv.test']);
    expect(emails(await search(apiKey, `segmentId=${kyiv.id}&q=anna`))).toEqual(['a@kyiv.test']);

    const notKyiv = await createSegment(account.id, { name: 'Not Kyiv', conditions: [{ field: 'TOWN', op: 'neq', value: 'Kyiv' }] });
    expect(emails(await searchContacts(account.id, { segmentId: notKyiv.id, limit: 25 })).sort()).toEqual(['c@lviv.test', 'd@nowhere.test']);
    const vipInKyiv = await createSegment(account.id, {
      name: 'VIP in Kyiv',
      conditions: [
        { field: 'TOWN', op: 'eq', value: 'KYIV' },
        { field: 'VIP', op: 'exists' },
      ],
    });
    expect(emails(await contactsInSegment(account.id, vipInKyiv.id, { limit: 25 }))).toEqual(['b@kyiv.test']);
    const kyivTest = await createSegment(account.id, { name: 'kyiv.test mail', conditions: [{ field: 'email', op: 'contains', value: '@KYIV.' }] });
    expect(emails(await contactsInSegment(account.id, kyivTest.id, { limit: 25 })).sort()).toEqual(['a@kyiv.test', 'b@kyiv.test']);
    // A field name is a parameter, never SQL.
    const odd = await createSegment(account.id, { name: 'Odd', conditions: [{ field: "TOWN') OR 1=1 --", op: 'exists' }] });
    expect((await contactsInSegment(account.id, odd.id, { limit: 25 })).contacts).toEqual([]);

    expect(await rejection(createSegment(account.id, { name: 'Kyiv', conditions: [{ field: 'TOWN', op: 'eq', value: 'Kyiv' }] }))).toMatchObject({
      status: 409,
      fields: { name: [expect.stringMatching(/already exists/)] },
    });
    expect((await listSegments(account.id)).map((s) => s.name)).toEqual(['Kyiv', 'kyiv.test mail', 'Not Kyiv', 'Odd', 'VIP in Kyiv']);
    expect(kyiv.conditions).toEqual([{ field: 'TOWN', op: 'eq', value: 'Kyiv' }]);
    await deleteSegment(account.id, kyiv.id);
    expect(await rejection(contactsInSegment(account.id, kyiv.id, { limit: 25 }))).toMatchObject({ status: 404 });
  });
});
