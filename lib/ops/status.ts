// `npm run hookline -- status`: what an operator needs at 3 a.m. without the UI — the queue per
// endpoint, the failing endpoints with their last error, and the workers. Read-only, cheap: per
// endpoint one index probe for its head delivery (as the metrics do, lib/metrics/sources.ts).
import { pool } from '@/lib/db/pool';
import { listWorkers } from '@/lib/delivery/heartbeat';

export type EndpointStatus = {
  account: string;
  kind: string;
  name: string;
  id: string;
  active: boolean;
  pendingDeliveries: number;
  queuedActivities: number;
  oldestWaitingSeconds: number | null;
  failingSince: Date | null;
  attempts: number | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
};
export type Status = { endpoints: EndpointStatus[]; workers: Awaited<ReturnType<typeof listWorkers>> };

/** Endpoints with something waiting or failing, most urgent first; and every known worker. */
export async function status(): Promise<Status> {
  const { rows } = await pool().query<EndpointStatus>(
    `SELECT a.name AS account, e.kind, e.name, e.id, e.active,
            coalesce(e.next_seq - h.seq, 0)::int AS "pendingDeliveries",
            (SELECT coalesce(sum(q.count), 0) FROM queue_ranges q WHERE q.endpoint_id = e.id)::int AS "queuedActivities",
            extract(epoch FROM now() - least(h.created_at, (SELECT q.created_at FROM queue_ranges q WHERE q.endpoint_id = e.id ORDER BY q.id LIMIT 1)))::float8 AS "oldestWaitingSeconds",
            e.blocked_since AS "failingSince", h.attempts, h.last_error AS "lastError", e.next_attempt_at AS "nextAttemptAt"
       FROM endpoints e JOIN accounts a ON a.id = e.account_id
       LEFT JOIN LATERAL (SELECT d.seq, d.created_at, d.attempts, d.last_error FROM deliveries d
                           WHERE d.endpoint_id = e.id AND d.status = 'pending' ORDER BY d.seq LIMIT 1) h ON true
      WHERE h.seq IS NOT NULL OR e.blocked_since IS NOT NULL OR EXISTS (SELECT 1 FROM queue_ranges q WHERE q.endpoint_id = e.id)
      ORDER BY e.blocked_since NULLS LAST, 8 DESC NULLS LAST`,
  );
  return { endpoints: rows, workers: await listWorkers() };
}

const ago = (seconds: number | null) =>
  seconds === null ? '-' : seconds < 90 ? `${Math.round(seconds)}s` : seconds < 5400 ? `${Math.round(seconds / 60)}m` : `${(seconds / 3600).toFixed(1)}h`;

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [head, ...rows].map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

/** The status as text for a terminal. */
export function formatStatus(s: Status, now = new Date()): string {
  const out: string[] = [];
  const waiting = s.endpoints.reduce((n, e) => n + e.pendingDeliveries, 0);
  const queued = s.endpoints.reduce((n, e) => n + e.queuedActivities, 0);
  out.push(`Queue: ${waiting} deliveries pending, ${queued} activities not yet batched, on ${s.endpoints.length} endpoint(s)`);
  if (s.endpoints.length > 0) {
    out.push(
      table(
        ['ACCOUNT', 'KIND', 'ENDPOINT', 'PENDING', 'QUEUED', 'OLDEST', 'STATE'],
        s.endpoints.map((e) => [e.account, e.kind, e.name, String(e.pendingDeliveries), String(e.queuedActivities), ago(e.oldestWaitingSeconds), !e.active ? 'inactive' : e.failingSince ? 'FAILING' : 'ok']),
      ),
    );
  }
  const failing = s.endpoints.filter((e) => e.failingSince);
  out.push('', `Failing endpoints: ${failing.length}`);
  for (const e of failing) {
    const next = e.nextAttemptAt ? `next try in ${ago(Math.max(0, (e.nextAttemptAt.getTime() - now.getTime()) / 1000))}` : 'no retry scheduled';
    out.push(`  ${e.account} / ${e.name} (${e.id}): failing for ${ago((now.getTime() - e.failingSince!.getTime()) / 1000)}, ${e.attempts ?? 0} attempt(s), ${next}`);
    out.push(`    last error: ${e.lastError ?? '-'}`);
  }
  const alive = s.workers.filter((w) => w.alive);
  out.push('', `Workers alive: ${alive.length}`);
  if (s.workers.length > 0) {
    out.push(
      table(
        ['WORKER', 'KIND', 'CLAIMS', 'HEARTBEAT', 'STARTED', 'STATE'],
        s.workers.map((w) => [
          w.id,
          w.inProcess ? 'in-process' : 'worker',
          String(w.claims),
          `${ago((now.getTime() - w.heartbeatAt.getTime()) / 1000)} ago`,
          w.startedAt.toISOString(),
          w.alive ? 'alive' : 'DEAD',
        ]),
      ),
    );
  }
  return out.join('\n');
}
