import { describe, expect, it } from 'vitest';
import { isolatedDatabase } from '../support/isolated-db';
import { newAccount } from '../support/fixtures';

await isolatedDatabase({ HOOKLINE_RETENTION_DAYS: '30' });
const { pool, db } = await import('@/lib/db');
const { ingestActivities } = await import('@/lib/activities/service');
const { createEndpoint } = await import('@/lib/endpoints/service');
const { endpointCreateSchema } = await import('@/lib/endpoints/schema');
const { purgeExpired } = await import('@/lib/delivery/retention');
type Activity = import('@/lib/activities/schema').Activity;

describe('retention', () => {
  it('removes old attempts, delivered deliveries and activities in batches; keeps recent and still-queued ones', async () => {
    const acme = await newAccount();
    const acts = (n: number) => Array.from({ length: n }, (_, i) => ({ activityDateTime: '2026-10-01T00:00:00', activityStatus: 'SENT', mediaType: 'sms', contactId: i }) as Activity);
    await ingestActivities(acme.account.id, acts(12)); // no endpoint yet: nothing queued
    const { endpoint } = await createEndpoint(acme.account.id, endpointCreateSchema.parse({ name: 'held', url: 'https://example.com', active: true }));
    await ingestActivities(acme.account.id, acts(3)); // queued for the endpoint
    const p = pool();
    await p.query(`UPDATE activities SET received_at = now() - interval '40 days' WHERE account_id = $1`, [acme.account.id]);
    for (const [i, age] of [[1, 40], [2, 40], [3, 1]] as const) {
      const { rows } = await p.query<{ id: string }>(
        `INSERT INTO deliveries (account_id, endpoint_id, seq, status, body, activity_count, delivered_at)
         VALUES ($1, $2, $3, 'delivered', '[]', 0, now() - $4 * interval '1 day') RETURNING id`,
        [acme.account.id, endpoint.id, 1000 + i, age],
      );
      await p.query(
        `INSERT INTO attempts (account_id, endpoint_id, delivery_id, attempt_no, started_at, duration_ms, success, request_method, request_url, request_headers)
         VALUES ($1, $2, $3, 1, now() - $4 * interval '1 day', 5, true, 'POST', 'https://example.com', '{}')`,
        [acme.account.id, endpoint.id, rows[0].id, age],
      );
    }
    const purged = await purgeExpired({ days: 30 });
    expect(purged).toEqual({ attempts: 2, deliveries: 2, activities: 12 });
    expect(await db().activity.count({ where: { accountId: acme.account.id } })).toBe(3); // still queued
    expect(await db().delivery.count({ where: { endpointId: endpoint.id } })).toBe(1);
    expect(await db().attempt.count({ where: { endpointId: endpoint.id } })).toBe(1);
    expect(await purgeExpired({ days: 30 })).toEqual({ attempts: 0, deliveries: 0, activities: 0 });
  });

  it('keeps the activities a remaining delivery is made of (deliveries by reference) until that delivery goes', async () => {
    const acme = await newAccount();
    const acts = (n: number) => Array.from({ length: n }, (_, i) => ({ activityDateTime: '2026-10-01T00:00:00', activityStatus: 'SENT', mediaType: 'sms', contactId: i }) as Activity);
    const { endpoint } = await createEndpoint(acme.account.id, endpointCreateSchema.parse({ name: 'ref', url: 'https://example.com', active: false }));
    await ingestActivities(acme.account.id, acts(6));
    const p = pool();
    const { rows: ids } = await p.query<{ id: string }>(`SELECT id::text FROM activities WHERE account_id = $1 ORDER BY id`, [acme.account.id]);
    await p.query(`UPDATE activities SET received_at = now() - interval '40 days' WHERE account_id = $1`, [acme.account.id]);
    // Delivered 10 days ago (kept 20 more days), made of the 4th and 6th activities.
    const ref = [ids[3].id, ids[5].id];
    await p.query(
      `INSERT INTO deliveries (account_id, endpoint_id, seq, status, activity_ids, first_activity_id, activity_count, delivered_at)
       VALUES ($1, $2, 1, 'delivered', $3::bigint[], $4, 2, now() - interval '10 days')`,
      [acme.account.id, endpoint.id, ref, ref[0]],
    );
    expect(await purgeExpired({ days: 30 })).toEqual({ attempts: 0, deliveries: 0, activities: 3 }); // the three before the oldest referenced one
    const body = async () => (await p.query<{ b: string }>(`SELECT delivery_body(body, activity_ids) AS b FROM deliveries WHERE endpoint_id = $1`, [endpoint.id])).rows[0].b;
    expect(JSON.parse(await body()).map((a: Activity) => a.contactId)).toEqual([3, 5]);
    // Once the delivery is past retention it goes, and its activities with it.
    expect(await purgeExpired({ days: 5 })).toEqual({ attempts: 0, deliveries: 1, activities: 3 });
    expect(await db().activity.count({ where: { accountId: acme.account.id } })).toBe(0);
  });
});
