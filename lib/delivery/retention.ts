// Retention: attempt logs, delivered deliveries and activities older than HOOKLINE_RETENTION_DAYS are
// removed in bounded batches, so a purge never holds long locks. Activities still queued or still making
// a delivery's body are kept: an account's activities from its oldest queued range on (lib/delivery/
// enqueue.ts), and from the oldest activity a remaining delivery refers to (deliveries by reference,
// engine.ts) — a delivery is purged only once delivered, so a pending one never loses its body.
import { pool } from '@/lib/db/pool';
import { config } from '@/lib/config';

const BATCH = 5000;

async function purgeInBatches(sql: string, cutoff: Date, maxBatches: number): Promise<number> {
  let total = 0;
  for (let i = 0; i < maxBatches; i++) {
    const { rowCount } = await pool().query(sql, [cutoff, BATCH]);
    total += rowCount ?? 0;
    if ((rowCount ?? 0) < BATCH) break;
  }
  return total;
}

export async function purgeExpired({ days = config().HOOKLINE_RETENTION_DAYS, maxBatches = 20, now = Date.now() } = {}) {
  const cutoff = new Date(now - days * 24 * 60 * 60 * 1000);
  const attempts = await purgeInBatches(
    'DELETE FROM attempts WHERE id IN (SELECT id FROM attempts WHERE started_at < $1 LIMIT $2)',
    cutoff,
    maxBatches,
  );
  const deliveries = await purgeInBatches(
    `DELETE FROM deliveries WHERE id IN (SELECT id FROM deliveries WHERE status = 'delivered' AND delivered_at < $1 LIMIT $2)`,
    cutoff,
    maxBatches,
  );
  const activities = await purgeInBatches(
    `DELETE FROM activities WHERE id IN (
       SELECT a.id FROM activities a WHERE a.received_at < $1
          AND NOT EXISTS (SELECT 1 FROM queue_ranges q WHERE q.account_id = a.account_id AND q.first_activity_id <= a.id)
          AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.account_id = a.account_id AND d.first_activity_id <= a.id) LIMIT $2)`,
    cutoff,
    maxBatches,
  );
  return { attempts, deliveries, activities };
}
