// Issue 11 items 6, 7, 8, 9: what every JSON body goes through at the door (readJson). Deep nesting,
// NUL and lone surrogates, non-finite numbers are a 422 naming the field; a body not declared as JSON
// is a 415; list events' errors name their fields. Through real routes and PostgreSQL, and the
// scanner on its own.
import { describe, expect, it } from 'vitest';
import { readJson } from '@/lib/http/errors';
import { findTooDeep, findUnstorable, mayBeUnstorable } from '@/lib/http/json-guard';
import { MAX_JSON_DEPTH } from '@/lib/http/limits';
import * as activities from '@/app/api/v1/activities/route';
import * as events from '@/app/api/v1/events/route';
import * as listEvents from '@/app/api/v1/list-events/route';
import * as contacts from '@/app/api/contacts/route';
import * as segments from '@/app/api/segments/route';
import * as requestWebhooks from '@/app/api/request-webhooks/route';
import { newAccount } from '../support/fixtures';
import { call, errorFields } from '../support/call';

const nested = (levels: number, leaf = '1') => '{"a":'.repeat(levels) + leaf + '}'.repeat(levels);
const activity = (extra = '') => `{"activityDateTime":"2026-11-20T10:00:00Z","activityStatus":"DELIVERED","mediaType":"email","contactId":1${extra}}`;

describe('deep nesting is refused at the door (item 6)', () => {
  it('names the field of a too-deep value in events, activities and unknown keys', async () => {
    const { apiKey } = await newAccount();
    const event = await call(events.POST, apiKey, { method: 'POST', body: `{"eventTypeKey":"deep","params":${nested(3000)}}` });
    expect(event.status).toBe(422);
    expect(await errorFields(event)).toEqual(['params']);

    const statusData = await call(activities.POST, apiKey, { method: 'POST', body: `[${activity()},${activity(`,"statusData":${nested(3000)}`)}]` });
    expect(statusData.status).toBe(422);
    expect(await errorFields(statusData)).toEqual(['1.statusData']);

    const unknownKey = await call(activities.POST, apiKey, { method: 'POST', body: activity(`,"platformField":${'['.repeat(20_000)}${']'.repeat(20_000)}`) });
    expect(unknownKey.status).toBe(422);
    expect(await errorFields(unknownKey)).toEqual(['platformField']);

    const bare = await call(contacts.POST, apiKey, { method: 'POST', body: '['.repeat(50_000) + ']'.repeat(50_000) });
    expect(bare.status).toBe(422);
    expect(await errorFields(bare)).toEqual(['0']);

    // Right at the limit is fine, and stored.
    const atLimit = await call(events.POST, apiKey, { method: 'POST', body: `{"eventTypeKey":"deep","params":${nested(MAX_JSON_DEPTH - 1)}}` });
    expect(atLimit.status).toBe(202);
  });

  it('scans without recursion and ignores brackets inside strings', () => {
    expect(findTooDeep(nested(1_000_000), 32)).toEqual({ field: 'a', message: 'Nested more than 32 levels deep' });
    expect(findTooDeep(`{"x":"${'['.repeat(100)}","y\\"[[[":[[1]]}`, 3)).toBeNull();
    expect(findTooDeep(`{"x":1,"y\\"z":[[[[1]]]]}`, 3)).toEqual({ field: 'y"z', message: 'Nested more than 3 levels deep' });
    expect(findTooDeep('[1,2,{"k":[[[]]]}]', 3)).toEqual({ field: '2.k', message: 'Nested more than 3 levels deep' });
    expect(findTooDeep('{"unterminated', 3)).toBeNull();
    // A quote after an even run of backslashes closes the string; after an odd run it does not.
    expect(findTooDeep(String.raw`{"a\\":[[[[1]]]]}`, 3)).toEqual({ field: 'a\\', message: 'Nested more than 3 levels deep' });
    expect(findTooDeep(String.raw`{"a\\\":[[[[1]]]]":1}`, 3)).toBeNull();
    expect(findTooDeep(String.raw`{"k":"\\","l":[[[[1]]]]}`, 3)).toEqual({ field: 'l', message: 'Nested more than 3 levels deep' });
  });
});

describe('strings no store can hold are refused with their field (item 7)', () => {
  const lone = '"a\\ud800b"';
  it('refuses lone surrogates in contacts, events, segment conditions and header values', async () => {
    const { apiKey } = await newAccount();
    const cases: [typeof contacts.POST, string, string][] = [
      [contacts.POST, `{"email":"s@example.test","firstName":${lone}}`, 'firstName'],
      [contacts.POST, `{"email":"s@example.test","fields":{"TOWN":${lone}}}`, 'fields.TOWN'],
      [contacts.POST, `{"email":"s@example.test","fields":{"T\\udc00WN":"Kyiv"}}`, 'fields.T\uFFFDWN'],
      [events.POST, `[{"eventTypeKey":"x"},{"eventTypeKey":"x","params":[{"name":"email","value":${lone}}]}]`, '1.params.0.value'],
      [segments.POST, `{"name":"S","conditions":[{"field":"TOWN","op":"eq","value":${lone}}]}`, 'conditions.0.value'],
      [requestWebhooks.POST, `{"name":"R","headers":[{"name":"X-Tag","value":"\\udfff"}]}`, 'headers.0.value'],
      [activities.POST, activity(`,"email":"a\\u0000b@example.test"`), 'email'],
    ];
    for (const [handler, body, field] of cases) {
      const res = await call(handler, apiKey, { method: 'POST', body });
      expect(res.status, body).toBe(422);
      expect(await errorFields(res), body).toEqual([field]);
    }
    // A surrogate pair (an emoji) is a real character and is stored.
    const emoji = await call(contacts.POST, apiKey, { method: 'POST', body: '{"email":"e@example.test","firstName":"Olena \\ud83d\\ude00"}' });
    expect(emoji.status).toBe(201);
    expect((await emoji.json()).contact.firstName).toBe('Olena 😀');
  });

  it('finds NUL, lone surrogates and non-finite numbers anywhere, keys included', () => {
    expect(findUnstorable({ a: [1, { b: 'ok', c: '\ud800' }] })).toMatchObject({ field: 'a.1.c' });
    expect(findUnstorable(['\udc00x'])).toMatchObject({ field: '0' });
    expect(findUnstorable('x\u0000')).toMatchObject({ field: '_' });
    expect(findUnstorable({ n: JSON.parse('1e400') })).toEqual({ field: 'n', message: 'Number out of range' });
    expect(findUnstorable({ ok: '😀', pair: '\ud83d\ude00', n: 1e308 })).toBeNull();
  });

  it('decides from the text alone when the walk can be skipped, never skipping a body it would refuse', () => {
    // What readJson refuses, as senders write it: every one must send the parsed body through the walk.
    const refused = ['{"a":"x\\u0000"}', '["\\ud800"]', '["\\uDFFF"]', '{"\\u0000k":1}', '[1e400]', '[-1E+400]', '[1.8e308]', '[1e0400]', `[${'9'.repeat(309)}]`, `[${'9'.repeat(250)}.5e80]`];
    for (const text of refused) {
      expect(findUnstorable(JSON.parse(text)), text).not.toBeNull();
      expect(mayBeUnstorable(text), text).toBe(true);
    }
    // A typical activity batch skips it.
    const batch = JSON.stringify([{ activityDateTime: '2026-11-25T10:00:00.120Z', activityStatus: 'SENT', mediaType: 'email', contactId: 12345, email: 'joe@example.com', n: 1.5e30, pair: '😀' }]);
    expect(mayBeUnstorable(batch)).toBe(false);
  });
});

describe('content type (item 9)', () => {
  const post = (type: string | null, body = '{"x":1}') =>
    readJson(new Request('http://localhost/x', { method: 'POST', body, headers: type ? { 'content-type': type } : {} })).then(
      () => 200,
      (e: { status: number }) => e.status,
    );
  it('reads application/json and +json types only; everything else is a 415', async () => {
    expect(await post('application/json')).toBe(200);
    expect(await post('application/json; charset=utf-8')).toBe(200);
    expect(await post('Application/JSON')).toBe(200);
    expect(await post('application/merge-patch+json')).toBe(200);
    for (const type of [null, 'text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/jsonp', 'text/json+x']) {
      expect(await post(type), String(type)).toBe(415);
    }
  });

  it('answers 415 through a route before reading the body', async () => {
    const { apiKey } = await newAccount();
    const res = await call(contacts.POST, apiKey, { method: 'POST', body: '{"email":"x@example.test"}', contentType: 'text/plain' });
    expect(res.status).toBe(415);
    expect((await res.json()).error.code).toBe('unsupported_media_type');
  });
});

describe('list events name their fields (item 8)', () => {
  it('points at type, and at the field of the event of the type it names', async () => {
    const { apiKey } = await newAccount();
    const send = async (body: unknown) => {
      const res = await call(listEvents.POST, apiKey, { method: 'POST', body });
      return { status: res.status, fields: await errorFields(res) };
    };
    expect(await send({ type: 'subscribe', listId: 1, subscriberId: 2, subscriberEmail: 'a@b.c' })).toEqual({ status: 422, fields: ['type'] });
    expect(await send({ type: 'subscription', listId: 'x', subscriberId: 2, subscriberEmail: 'a@b.c' })).toEqual({ status: 422, fields: ['listId'] });
    expect(await send([{ type: 'confirmation', listId: 1, subscriberId: 2, subscriberEmail: 'a@b.c', messageId: 1.5 }, { listId: 1 }])).toEqual({
      status: 422,
      fields: ['0.messageId', '1.type'],
    });
    expect(await send('"subscription"')).toEqual({ status: 422, fields: ['_'] });
    expect(await send({ type: 'unsubscription', listId: 1, subscriberId: 2, subscriberEmail: 'a@b.c' })).toEqual({ status: 202, fields: [] });
  });
});
