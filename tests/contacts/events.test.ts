// Custom events through the machine API's route handlers: ingest of one object or an array, the
// seed's { name, value } params, validation, the latest-first list, and isolation between accounts.
import { describe, expect, it } from 'vitest';
import { toApiError } from '@/lib/http/errors';
import { eventVariables, type EventView } from '@/lib/events/schema';
import { getEvent, listEvents, listEventTypes } from '@/lib/events/service';
import * as events from '@/app/api/v1/events/route';
import { newAccount } from '../support/fixtures';
import { call as callRoute, type CallOptions, type Handler } from '../support/call';

const call = (handler: Handler, key: string | null, { path = '/api/v1/events', ...rest }: CallOptions = {}) => callRoute(handler, key, { path, ...rest });
const post = (key: string, body: unknown) => call(events.POST, key, { method: 'POST', body });
const list = async (key: string, qs = ''): Promise<{ events: EventView[]; nextCursor: string | null }> => (await call(events.GET, key, { path: `/api/v1/events?${qs}` })).json();

/** The shape the platform's event API sends: params as a list of name/value pairs. */
const productViewed = {
  eventTypeKey: 'productViewed',
  keyValue: 'olena@example.com',
  params: [
    { name: 'email', value: 'olena@example.com' },
    { name: 'productId', value: '4501' },
    { name: 'price', value: 1299.5 },
    { name: 'tags', value: ['phones', 'sale'] },
  ],
};

describe('POST /api/v1/events', () => {
  it('accepts one event with seed-shaped params, normalised to an object; eventVariables flattens them', async () => {
    const { account, apiKey } = await newAccount();
    const res = await post(apiKey, productViewed);
    expect(res.status).toBe(202);
    const { accepted, ids } = await res.json();
    expect(accepted).toBe(1);
    const stored = await getEvent(account.id, ids[0]);
    expect(stored).toMatchObject({
      eventTypeKey: 'productViewed',
      keyValue: 'olena@example.com',
      params: { email: 'olena@example.com', productId: '4501', price: 1299.5, tags: ['phones', 'sale'] },
    });
    expect(eventVariables(stored)).toEqual({ email: 'olena@example.com', productId: '4501', price: '1299.5', tags: '["phones","sale"]' });
  });

  it('accepts an array mixing object params, list params and none', async () => {
    const { account, apiKey } = await newAccount();
    const res = await post(apiKey, [
      { eventTypeKey: 'subscribeFromApi', keyValue: 1258810400, params: { email: 'test@gmail.com', contact: { id: 1258810400, tags: ['new'] }, optIn: true, note: null } },
      productViewed,
      { eventTypeKey: 'cartAbandoned' },
    ]);
    expect(res.status).toBe(202);
    expect((await res.json()).accepted).toBe(3);
    const { events: latest } = await listEvents(account.id, { limit: 10 });
    expect(latest.map((e) => e.eventTypeKey).sort()).toEqual(['cartAbandoned', 'productViewed', 'subscribeFromApi']);
    const subscribe = latest.find((e) => e.eventTypeKey === 'subscribeFromApi')!;
    expect(subscribe.keyValue).toBe('1258810400');
    expect(eventVariables(subscribe)).toEqual({ email: 'test@gmail.com', contact: '{"id":1258810400,"tags":["new"]}', optIn: 'true' });
    expect(latest.find((e) => e.eventTypeKey === 'cartAbandoned')!.params).toEqual({});
    expect((await listEventTypes(account.id)).map((t) => [t.eventTypeKey, t.count]).sort()).toEqual([
      ['cartAbandoned', 1],
      ['productViewed', 1],
      ['subscribeFromApi', 1],
    ]);
  });

  it('refuses bad input with 4xx, field paths included, and stores nothing', async () => {
    const { apiKey } = await newAccount();
    const one = await post(apiKey, { keyValue: {}, params: 'email=a' });
    expect(one.status).toBe(422);
    expect(Object.keys((await one.json()).error.fields).sort()).toEqual(['eventTypeKey', 'keyValue', 'params']);

    const many = await post(apiKey, [productViewed, { eventTypeKey: 'x'.repeat(101), params: [{ value: 1 }] }]);
    expect(many.status).toBe(422);
    expect(Object.keys((await many.json()).error.fields).sort()).toEqual(['1.eventTypeKey', '1.params.0.name']);

    expect((await post(apiKey, [])).status).toBe(422);
    expect((await post(apiKey, '"productViewed"')).status).toBe(422);
    const tooMany = await post(apiKey, Array.from({ length: 1001 }, () => ({ eventTypeKey: 'x' })));
    expect(tooMany.status).toBe(413);
    expect((await tooMany.json()).error.message).toMatch(/1000/);
    expect((await call(events.POST, apiKey, { method: 'POST', body: undefined })).status).toBe(415);
    expect((await call(events.POST, apiKey, { method: 'POST', body: undefined, contentType: 'application/json' })).status).toBe(400);
    expect((await list(apiKey)).events).toEqual([]);
    expect((await call(events.POST, null, { method: 'POST', body: productViewed })).status).toBe(401);
  });
});

describe('GET /api/v1/events', () => {
  it('lists the latest first with a cursor and an event-type filter, and keeps accounts apart', async () => {
    const acme = await newAccount('Acme');
    const globex = await newAccount('Globex');
    for (let i = 1; i <= 5; i++) await post(acme.apiKey, { eventTypeKey: i % 2 ? 'productViewed' : 'orderPlaced', params: { n: i } });
    const { ids } = await (await post(globex.apiKey, { eventTypeKey: 'productViewed', params: { n: 99 } })).json();

    const seen: unknown[] = [];
    let cursor: string | null = null;
    do {
      const page: { events: EventView[]; nextCursor: string | null } = await list(acme.apiKey, `limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.events.length).toBeLessThanOrEqual(2);
      seen.push(...page.events.map((e) => e.params.n));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([5, 4, 3, 2, 1]);

    expect((await list(acme.apiKey, 'eventTypeKey=orderPlaced')).events.map((e) => e.params.n)).toEqual([4, 2]);
    expect((await list(globex.apiKey)).events.map((e) => e.params.n)).toEqual([99]);
    expect(await getEvent(acme.account.id, ids[0]).then(() => null, (e) => toApiError(e))).toMatchObject({ status: 404 });
    expect(await getEvent(acme.account.id, 'abc').then(() => null, (e) => toApiError(e))).toMatchObject({ status: 404 });
    expect((await call(events.GET, acme.apiKey, { path: '/api/v1/events?limit=101' })).status).toBe(422);
    expect((await call(events.GET, acme.apiKey, { path: '/api/v1/events?cursor=bm9wZQ' })).status).toBe(422);
  });
});
