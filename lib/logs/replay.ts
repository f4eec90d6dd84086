// Replay from the webhook logs, without breaking per-endpoint order (the engine sends an endpoint's
// pending deliveries strictly in seq order, only the head in flight):
// - a delivery still pending (the failing head, or waiting behind it) is not copied: its endpoint is
//   made due now, so the head is attempted again and the rest follow in order;
// - a delivered delivery is queued again as a NEW delivery with the same body at the end of its
//   endpoint's queue (next seq), due now unless the endpoint is blocked (then it waits its turn).
// Test requests are not replayable: they were never deliveries.
import { pool } from '@/lib/db';
import { inTransaction } from '@/lib/db/transaction';
import { ApiError, notFound } from '@/lib/http/errors';
import type pg from 'pg';
import { auditKind, retryEndpointNow } from '@/lib/endpoints/service';
import { recordAudit, recordAuditAlone } from '@/lib/audit/service';
import { wakeWorkers } from '@/lib/delivery/wake';
import { logWhere } from './query';
import type { BulkReplayResult, LogFilter, ReplayResult } from './schema';

const inactive = () => new ApiError('conflict', 'Activate the webhook first');

export async function replayAttempt(accountId: string, attemptId: string): Promise<ReplayResult> {
  if (!/^\d{1,18}$/.test(attemptId)) throw notFound('Log entry');
  const { rows } = await pool().query<{ is_test: boolean; workflow_run_id: string | null; endpoint_id: string; delivery_id: string | null; status: string | null; name: string | null; kind: string | null }>(
    `SELECT a.is_test, a.workflow_run_id, a.endpoint_id, a.delivery_id, d.status, e.name, e.kind
       FROM attempts a LEFT JOIN deliveries d ON d.id = a.delivery_id AND d.account_id = $2
       LEFT JOIN endpoints e ON e.id = a.endpoint_id AND e.account_id = $2
      WHERE a.id = $1 AND a.account_id = $2`,
    [attemptId, accountId],
  );
  const a = rows[0];
  if (!a) throw notFound('Log entry');
  if (a.is_test) throw new ApiError('conflict', 'Test requests cannot be replayed; send a new test from the webhook instead');
  if (a.workflow_run_id) throw new ApiError('conflict', 'A workflow run’s request is not replayed from the logs: re-run the run instead');
  if (!a.delivery_id || !a.status) throw new ApiError('conflict', 'This delivery no longer exists');
  const audit = { accountId, action: 'replayed' as const, target: { kind: auditKind(a.kind ?? ''), id: a.endpoint_id, name: a.name } };
  if (a.status === 'pending') {
    await retryEndpointNow(accountId, a.endpoint_id);
    await recordAuditAlone(audit);
    return { action: 'retried', endpointId: a.endpoint_id, deliveryId: a.delivery_id };
  }
  const requeued = await requeueDelivery(accountId, a.delivery_id, (client) => recordAudit(client, audit));
  await wakeWorkers();
  return { action: 'requeued', endpointId: a.endpoint_id, ...requeued };
}

async function requeueDelivery(accountId: string, deliveryId: string, alsoInTx: (client: pg.PoolClient) => Promise<void>): Promise<{ deliveryId: string; seq: string }> {
  return inTransaction(async (client) => {
    // The endpoint row lock serializes this with the engine's batching (which also takes next_seq
    // under FOR UPDATE). work_version tells a worker about to go idle that there is new work.
    const ep = await client.query<{ seq: string }>(
      `UPDATE endpoints e SET next_seq = e.next_seq + 1, work_version = e.work_version + 1,
              next_attempt_at = CASE WHEN e.blocked_since IS NULL THEN LEAST(COALESCE(e.next_attempt_at, 'infinity'), now()) ELSE e.next_attempt_at END
         FROM deliveries d
        WHERE d.id = $1 AND d.account_id = $2 AND e.id = d.endpoint_id AND e.account_id = $2 AND e.active
        RETURNING (e.next_seq - 1)::text AS seq`,
      [deliveryId, accountId],
    );
    if (ep.rows.length === 0) throw inactive();
    const { seq } = ep.rows[0];
    const ins = await client.query<{ id: string }>(
      // The copy carries its body as text, not the original's activity references: a purge running
      // meanwhile (lib/delivery/retention.ts) cannot see this uncommitted copy and may delete the
      // original and then its activities.
      `INSERT INTO deliveries (account_id, endpoint_id, seq, body, activity_count)
       SELECT account_id, endpoint_id, $3, delivery_body(body, activity_ids), activity_count FROM deliveries WHERE id = $1 AND account_id = $2
       RETURNING id`,
      [deliveryId, accountId, seq],
    );
    await alsoInTx(client);
    return { deliveryId: ins.rows[0].id, seq };
  });
}

/**
 * "Replay failed deliveries matching the filter": every active endpoint that has a still-pending
 * delivery with a failed attempt matching the filter is made due now (its head goes first, the rest
 * follow in order). Deliveries that have succeeded since are not sent again.
 */
export async function replayMatching(accountId: string, f: LogFilter): Promise<BulkReplayResult> {
  const where = logWhere(accountId, f, 'failed');
  const { rows } = await pool().query<BulkReplayResult>(
    `WITH matched AS (
       SELECT d.id, d.endpoint_id FROM deliveries d
        WHERE d.account_id = $1 AND d.status = 'pending'
          AND EXISTS (SELECT 1 FROM attempts a WHERE a.delivery_id = d.id AND ${where.sql})),
     touched AS (
       UPDATE endpoints e SET next_attempt_at = now()
        WHERE e.account_id = $1 AND e.active AND e.id IN (SELECT endpoint_id FROM matched)
        RETURNING e.id)
     SELECT (SELECT count(*) FROM touched)::int AS endpoints,
            (SELECT count(*) FROM matched WHERE endpoint_id IN (SELECT id FROM touched))::int AS deliveries,
            (SELECT count(DISTINCT endpoint_id) FROM matched WHERE endpoint_id NOT IN (SELECT id FROM touched))::int AS "inactiveEndpoints"`,
    where.params,
  );
  if (rows[0].endpoints > 0) await wakeWorkers();
  return rows[0];
}
