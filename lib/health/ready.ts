// Readiness (/api/health/ready), apart from liveness (/api/health): may this instance take traffic?
// Not while a migration run holds its lock, not when the database does not answer, and — when
// `npm start` runs the delivery worker in the app (HOOKLINE_IN_PROCESS_WORKER, its id handed to the
// Next server as HOOKLINE_IN_PROCESS_WORKER_ID) — not when that worker's heartbeat is older than 30 s.
import { pool } from '@/lib/db/pool';
import { migrationRunning } from '@/lib/db/migration-lock';
import { config } from '@/lib/config';
import { WORKER_ALIVE_SECONDS } from '@/lib/delivery/heartbeat';
import { logger } from '@/lib/log';

export type CheckState = 'ok' | 'failed' | 'skipped';
export type Readiness = { ready: boolean; failed: string[]; checks: Record<'database' | 'migrations' | 'worker', { status: CheckState; detail?: string }> };

const DB_TIMEOUT_MS = 2000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

export async function readiness(): Promise<Readiness> {
  const checks: Readiness['checks'] = { database: { status: 'ok' }, migrations: { status: 'ok' }, worker: { status: 'skipped' } };
  try {
    await withTimeout(pool().query('SELECT 1'), DB_TIMEOUT_MS);
  } catch (err) {
    logger().warn({ err: (err as Error).message }, 'readiness: database unreachable'); // the cause in the log, not to anonymous callers
    checks.database = { status: 'failed', detail: 'unreachable' };
    checks.migrations = { status: 'skipped' };
    return done(checks);
  }
  if (await withTimeout(migrationRunning(pool()), DB_TIMEOUT_MS)) checks.migrations = { status: 'failed', detail: 'migrations are running' };
  const workerId = process.env.HOOKLINE_IN_PROCESS_WORKER_ID;
  if (config().HOOKLINE_IN_PROCESS_WORKER && workerId) {
    const { rows } = await withTimeout(
      pool().query<{ age: number }>(`SELECT extract(epoch FROM now() - heartbeat_at)::float8 AS age FROM workers WHERE id = $1`, [workerId]),
      DB_TIMEOUT_MS,
    );
    const age = rows[0]?.age;
    checks.worker =
      age === undefined
        ? { status: 'failed', detail: 'the in-process worker has not started' }
        : age > WORKER_ALIVE_SECONDS
          ? { status: 'failed', detail: `no heartbeat from the in-process worker for ${Math.round(age)} s` }
          : { status: 'ok' };
  } else {
    checks.worker.detail = config().HOOKLINE_IN_PROCESS_WORKER ? 'no in-process worker (not started by npm start)' : 'HOOKLINE_IN_PROCESS_WORKER=0';
  }
  return done(checks);
}

function done(checks: Readiness['checks']): Readiness {
  const failed = Object.entries(checks)
    .filter(([, c]) => c.status === 'failed')
    .map(([name]) => name);
  return { ready: failed.length === 0, failed, checks };
}
