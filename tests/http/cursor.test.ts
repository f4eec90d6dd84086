// Issue 11 item 5: an edited cursor or an impossible date in a list's query is a 422 naming the field
// on every paged list (contacts, a segment's contacts, activities, events, webhook logs), never a 500
// from PostgreSQL. One codec (lib/http/cursor.ts) and one instant rule (lib/http/instant.ts).
import { describe, expect, it } from 'vitest';
import { encodeCursor } from '@/lib/http/cursor';
import { createContact, createSegment } from '@/lib/contacts/service';
import * as contacts from '@/app/api/contacts/route';
import * as segmentContacts from '@/app/api/segments/[id]/contacts/route';
import * as activities from '@/app/api/v1/activities/route';
import * as events from '@/app/api/v1/events/route';
import * as logs from '@/app/api/logs/route';
import { newAccount } from '../support/fixtures';
import { call, errorFields, type Handler } from '../support/call';

const BAD_INSTANTS = ['2024-02-30T00:00:00.000Z', '0000-01-01T00:00:00.000Z', '+275760-09-13T00:00:00.000Z', '-004714-01-01T00:00:00.000Z', '2024-13-01T00:00:00.000Z'];
const WINDOW = 'dateFrom=2026-11-20T00:00:00Z&dateTo=2026-11-21T00:00:00Z';

type List = { name: string; handler: Handler; path: string; id: string; params?: Record<string, string> };

async function lists(): Promise<{ key: string; lists: List[] }> {
  const { account, apiKey } = await newAccount();
  await createContact(account.id, { email: 'a@example.test', fields: { TOWN: 'Kyiv' } } as never);
  const segment = await createSegment(account.id, { name: 'Kyiv', conditions: [{ field: 'TOWN', op: 'eq', value: 'Kyiv' }] });
  const uuid = '00000000-0000-4000-8000-000000000000';
  return {
    key: apiKey,
    lists: [
      { name: 'contacts', handler: contacts.GET, path: '/api/contacts?', id: uuid },
      { name: "a segment's contacts", handler: segmentContacts.GET, path: `/api/segments/${segment.id}/contacts?`, id: uuid, params: { id: segment.id } },
      { name: 'activities', handler: activities.GET, path: `/api/v1/activities?${WINDOW}&`, id: '1' },
      { name: 'events', handler: events.GET, path: '/api/v1/events?', id: '1' },
      { name: 'webhook logs', handler: logs.GET, path: '/api/logs?', id: '1' },
    ],
  };
}

describe('paged lists refuse impossible cursors', () => {
  it('answers 422 on `cursor` for impossible dates, foreign shapes and garbage, on every list', async () => {
    const { key, lists: all } = await lists();
    for (const list of all) {
      const good = await call(list.handler, key, { path: `${list.path}cursor=${encodeCursor({ t: '2026-11-20T10:00:00.000Z', id: list.id })}`, params: list.params });
      expect(good.status, `${list.name}: a well-formed cursor`).toBe(200);
      const forged = [
        ...BAD_INSTANTS.map((t) => encodeCursor({ t, id: list.id })),
        encodeCursor({ t: '2026-11-20T10:00:00Z', id: list.id }), // not what toISOString writes
        encodeCursor({ t: '2026-11-20T10:00:00.000Z', id: 'x' }),
        Buffer.from('null').toString('base64url'),
        'not-a-cursor',
      ];
      for (const cursor of forged) {
        const res = await call(list.handler, key, { path: `${list.path}cursor=${cursor}`, params: list.params });
        expect(res.status, `${list.name}: ${Buffer.from(cursor, 'base64url').toString()}`).toBe(422);
        expect(await errorFields(res)).toEqual(['cursor']);
      }
    }
  });

  it('answers 422 naming the date parameter for impossible or out-of-range dates', async () => {
    const { key, lists: all } = await lists();
    const activityList = all.find((l) => l.name === 'activities')!;
    const logList = all.find((l) => l.name === 'webhook logs')!;
    for (const bad of ['2024-02-30T00:00:00Z', '0000-01-01T00:00:00Z', '0001-01-01T00:00:00+01:00', '2023-02-29T00:00:00Z']) {
      const a = await call(activityList.handler, key, { path: `/api/v1/activities?dateFrom=${encodeURIComponent(bad)}&dateTo=2026-11-21T00:00:00Z` });
      expect(a.status, `activities dateFrom=${bad}`).toBe(422);
      expect(await errorFields(a)).toContain('dateFrom');
      const l = await call(logList.handler, key, { path: `/api/logs?from=${encodeURIComponent(bad)}` });
      expect(l.status, `logs from=${bad}`).toBe(422);
      expect(await errorFields(l)).toEqual(['from']);
    }
  });
});
