// A worker's row in `workers`: written when it starts, its heartbeat renewed every HEARTBEAT_MS, deleted
// when it stops cleanly. A row whose heartbeat is older than WORKER_ALIVE_SECONDS belongs to a worker
// that died or froze (its leases expire on their own) and is swept by the next heartbeat of any worker.
// Read by the metrics (workers alive), `hookline status` and /api/health/ready.
import { hostname } from 'node:os';
import { pool } from '@/lib/db/pool';
import { logger } from '@/lib/log';

export const WORKER_ALIVE_SECONDS = 30;
const HEARTBEAT_MS = 5_000;
/** Dead workers' rows are kept this long for `hookline status`, then removed. */
const FORGET_AFTER = '1 hour';

export type Heartbeat = { stop: () => Promise<void> };

export function startHeartbeat(id: string, { inProcess = false }: { inProcess?: boolean } = {}): Heartbeat {
  const beat = async () => {
    await pool().query(
      `INSERT INTO workers (id, hostname, pid, in_process) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET heartbeat_at = now()`,
      [id, hostname(), process.pid, inProcess],
    );
    await pool().query(`DELETE FROM workers WHERE heartbeat_at < now() - interval '${FORGET_AFTER}'`);
  };
  let last = beat().catch((err) => logger().warn({ worker: id, err: (err as Error).message }, 'heartbeat failed'));
  const timer = setInterval(() => {
    last = beat().catch((err) => logger().warn({ worker: id, err: (err as Error).message }, 'heartbeat failed'));
  }, HEARTBEAT_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await last;
      await pool()
        .query('DELETE FROM workers WHERE id = $1', [id])
        .catch(() => undefined);
    },
  };
}

/** The workers table, newest heartbeat first, with whether each is alive. */
export async function listWorkers(): Promise<{ id: string; hostname: string; pid: number; inProcess: boolean; startedAt: Date; heartbeatAt: Date; alive: boolean; claims: number }[]> {
  const { rows } = await pool().query(
    `SELECT w.id, w.hostname, w.pid, w.in_process AS "inProcess", w.started_at AS "startedAt", w.heartbeat_at AS "heartbeatAt",
            w.heartbeat_at > now() - interval '${WORKER_ALIVE_SECONDS} seconds' AS alive,
            (SELECT count(*) FROM endpoints e WHERE e.lease_owner = w.id AND e.lease_until > now())::int AS claims
       FROM workers w ORDER BY w.heartbeat_at DESC`,
  );
  return rows;
}
