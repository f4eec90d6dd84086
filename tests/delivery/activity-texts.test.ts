// The worker's memory of stored activity texts (lib/delivery/activity-texts.ts), against a real
// PostgreSQL: texts come back exactly as stored; a text is read from the database once, however many
// callers (endpoints) ask for it, and at the same time; an id that is not stored is an error.
import { afterAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { closeDb } from '@/lib/db';
import { pool } from '@/lib/db/pool';
import { ingestActivities } from '@/lib/activities/service';
import { activityTexts } from '@/lib/delivery/activity-texts';
import type { Activity } from '@/lib/activities/schema';
import { newAccount } from '../support/fixtures';

afterAll(closeDb);

/** The real pool, with its reads of activity texts counted (a new object: a memory of its own). */
function countingPool() {
  const real = pool();
  const reads: number[] = [];
  const q = Object.create(real) as pg.Pool;
  q.query = ((config: { name?: string; values?: unknown[][] }) => {
    if (config.name === 'hl_activity_texts') reads.push(config.values![0].length);
    return real.query(config as never);
  }) as never;
  return { q, reads };
}

async function stored(activities: Record<string, unknown>[]): Promise<{ id: string; payload: string }[]> {
  const acc = await newAccount();
  await ingestActivities(acc.account.id, activities as Activity[]);
  const { rows } = await pool().query<{ id: string; payload: string }>(`SELECT id::text, payload::text FROM activities WHERE account_id = $1 ORDER BY id`, [acc.account.id]);
  return rows;
}

const activity = (n: number, extra: Record<string, unknown> = {}) => ({
  activityDateTime: '2026-11-25T10:00:00',
  activityStatus: 'DELIVERED',
  mediaType: 'email',
  contactId: n,
  ...extra,
});

describe('activityTexts', () => {
  it('gives every text back as stored, in the order asked, and reads each from the database once', async () => {
    const rows = await stored([activity(1, { note: 'ünïcødé 😀 "quoted" \\ back' }), activity(2), activity(3)]);
    const { q, reads } = countingPool();
    const ids = [rows[2].id, rows[0].id, rows[2].id];
    const first = await activityTexts(q, ids);
    expect(first.map((t) => t.text)).toEqual([rows[2].payload, rows[0].payload, rows[2].payload]);
    expect(first.map((t) => t.bytes)).toEqual(first.map((t) => Buffer.byteLength(t.text)));
    expect(reads).toEqual([2]); // one read, each missing id once
    const again = await activityTexts(q, rows.map((r) => r.id));
    expect(again.map((t) => t.text)).toEqual(rows.map((r) => r.payload));
    expect(reads).toEqual([2, 1]); // only the one not asked for before
    await activityTexts(q, rows.map((r) => r.id));
    expect(reads).toEqual([2, 1]);
  });

  it('callers asking at the same time share one read', async () => {
    const rows = await stored(Array.from({ length: 50 }, (_, i) => activity(i)));
    const ids = rows.map((r) => r.id);
    const { q, reads } = countingPool();
    const all = await Promise.all(Array.from({ length: 10 }, (_, k) => activityTexts(q, k % 2 ? ids : ids.slice(0, 25))));
    for (const [k, texts] of all.entries()) expect(texts.map((t) => t.text)).toEqual(rows.slice(0, k % 2 ? 50 : 25).map((r) => r.payload));
    expect(reads.reduce((a, b) => a + b, 0)).toBe(50);
  });

  it('an id that is not stored is an error, also for a caller sharing the read', async () => {
    const rows = await stored([activity(1)]);
    const { q } = countingPool();
    const ghost = '9000000000000000';
    await expect(activityTexts(q, [rows[0].id, ghost])).rejects.toThrow(`Activity ${ghost} is queued but not stored`);
    const [a, b] = await Promise.allSettled([activityTexts(q, [ghost]), activityTexts(q, [ghost, rows[0].id])]);
    expect(a.status).toBe('rejected');
    expect(b.status).toBe('rejected');
    expect((await activityTexts(q, [rows[0].id]))[0].text).toBe(rows[0].payload);
  });

  it('a pool (database) has a memory of its own: activity ids are unique only within one', async () => {
    const rows = await stored([activity(1)]);
    const one = countingPool();
    const two = countingPool();
    await activityTexts(one.q, [rows[0].id]);
    await activityTexts(two.q, [rows[0].id]);
    expect([one.reads, two.reads]).toEqual([[1], [1]]);
  });
});
