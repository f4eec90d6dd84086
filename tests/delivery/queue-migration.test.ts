// Migration 20261201210700_queue_ranges on a database with a backlog in the old layout (one queue_items
// row per activity per endpoint, event objects inline, a pending delivery): after it, a worker delivers
// everything that was waiting, in order, once, and new activities follow.
import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_MIGRATIONS_DIR, migrate } from '@/lib/db/migrate';
import { createDatabase, dropDatabase } from '../support/databases';
import { startReceiver } from '../support/receiver';
import { newAccount } from '../support/fixtures';

const MIGRATION = '20261201210700_queue_ranges';
const { name, url } = await createDatabase('hookline_qmig');
const before = mkdtempSync(path.join(tmpdir(), 'hookline-migrations-before-'));
cpSync(DEFAULT_MIGRATIONS_DIR, before, { recursive: true });
rmSync(path.join(before, MIGRATION), { recursive: true });
await migrate(url, { dir: before });

const { closeDb, pool } = await import('@/lib/db');
await closeDb();
Object.assign(process.env, { DATABASE_URL: url, HOOKLINE_ALLOW_PRIVATE_NETWORKS: '1', HOOKLINE_WORKER_POLL_MS: '50' });
afterAll(async () => {
  await closeDb();
  await dropDatabase(name);
});
const { encryptSecret } = await import('@/lib/crypto/secrets');
const { ingestActivities } = await import('@/lib/activities/service');
const { startWorker } = await import('@/lib/delivery/worker');
type Activity = import('@/lib/activities/schema').Activity;

const receiver = await startReceiver();
afterAll(() => receiver.close());
const act = (i: number, status = 'SENT') => ({ activityDateTime: '2026-11-25T10:00:00', activityStatus: status, mediaType: 'email', contactId: i });
const contactIds = (p: string) => receiver.requests.filter((r) => r.path === p).flatMap((r) => [JSON.parse(r.body)].flat().map((a: { contactId?: number; subscriberId?: number }) => a.contactId ?? a.subscriberId));

describe('migrating queued work to queue ranges', () => {
  it('delivers the backlog of the old layout in order after the migration', async () => {
    const acme = await newAccount();
    // Endpoints as the old schema has them (the Prisma client knows only the new one).
    const db = pool();
    const endpoint = async (name: string, format: string, statuses: string[]) =>
      (
        await db.query<{ id: string }>(
          `INSERT INTO endpoints (account_id, kind, name, url, statuses, format, signing_secret_enc) VALUES ($1, 'export', $2, $3, $4, $5, $6) RETURNING id`,
          [acme.account.id, name, `${receiver.url}/${name}`, statuses, format, encryptSecret('whsec_' + Buffer.from('a secret of 24 bytes....').toString('base64'))],
        )
      ).rows[0];
    const lab = await endpoint('lab', 'array', ['SENT', 'DELIVERED']);
    const obj = await endpoint('obj', 'object', ['DELIVERED']);
    const acts = Array.from({ length: 250 }, (_, i) => act(i, i % 2 ? 'DELIVERED' : 'SENT'));

    // The old ingest: activities, one queue item per activity and endpoint; an event object inline.
    const { rows } = await db.query<{ id: string; status: string }>(
      `INSERT INTO activities (account_id, status, media_type, occurred_at, payload)
       SELECT $1, t.s, 'email', now(), t.p::json FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS t(s, p, n) ORDER BY t.n
       RETURNING id::text, status`,
      [acme.account.id, acts.map((a) => a.activityStatus), acts.map((a) => JSON.stringify(a))],
    );
    // A pending delivery formed before the upgrade goes first on the object endpoint.
    await db.query(`INSERT INTO deliveries (account_id, endpoint_id, seq, body, activity_count) VALUES ($1, $2, 1, $3, 1)`, [acme.account.id, obj.id, JSON.stringify(act(-1))]);
    await db.query(`UPDATE endpoints SET next_seq = 2 WHERE id = $1`, [obj.id]);
    for (const r of rows) {
      await db.query('INSERT INTO queue_items (endpoint_id, activity_id) VALUES ($1, $2)', [lab.id, r.id]);
      if (r.status === 'DELIVERED') await db.query('INSERT INTO queue_items (endpoint_id, activity_id) VALUES ($1, $2)', [obj.id, r.id]);
    }
    await db.query(`INSERT INTO queue_items (endpoint_id, payload) VALUES ($1, $2)`, [obj.id, JSON.stringify({ eventType: 'Subscriptions', subscriberId: 1000 })]);
    await db.query('UPDATE endpoints SET next_attempt_at = now(), work_version = work_version + 1 WHERE account_id = $1', [acme.account.id]);

    await closeDb();
    expect((await migrate(url)).applied).toEqual([MIGRATION]);
    await ingestActivities(acme.account.id, [act(250, 'DELIVERED')] as Activity[]); // after the upgrade

    const worker = startWorker();
    try {
      for (let i = 0; i < 400 && contactIds('/lab').length + contactIds('/obj').length < 251 + 127 + 1; i++) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await worker.stop();
    }
    expect(contactIds('/lab')).toEqual(Array.from({ length: 251 }, (_, i) => i));
    const delivered = Array.from({ length: 125 }, (_, i) => 2 * i + 1);
    expect(contactIds('/obj')).toEqual([-1, ...delivered, 1000, 250]);
    for (const r of receiver.requests.filter((q) => q.path === '/lab')) expect(JSON.parse(r.body).length).toBeLessThanOrEqual(100);
  }, 60_000);
});
