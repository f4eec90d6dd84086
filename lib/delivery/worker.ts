// The long-running delivery loop, used by `npm run worker` and inside `npm start`. Keeps up to
// HOOKLINE_WORKER_CONCURRENCY endpoints in flight, claims more as slots free up, wakes at once on
// ingest (LISTEN/NOTIFY) and otherwise polls. Stopping (SIGTERM) stops claiming, lets the requests in
// flight finish (up to HOOKLINE_WORKER_STOP_TIMEOUT_MS) and records them, gives every endpoint back at
// once (due now, for another worker) and removes the worker's heartbeat row.
// Endpoints whose last attempt timed out or was slow (endpoints.slow) are served from a quarter of the
// slots only, so any number of hanging receivers cannot take the slots healthy endpoints need.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import pg from 'pg';
import { config } from '@/lib/config';
import { WORK_CHANNEL } from './wake';
import { claimEndpoints, emptyStats, processEndpoint, type EngineStats, type Lane } from './engine';
import { purgeExpired } from './retention';
import { startHeartbeat } from './heartbeat';
import { pool } from '@/lib/db/pool';
import { logger as processLogger, type Logger } from '@/lib/log';
import { observeClaims } from '@/lib/metrics';
import { runLane } from '@/lib/workflows/engine';

export type Worker = { owner: string; stats: EngineStats; stop: () => Promise<void> };

const RETENTION_EVERY_MS = 60 * 60 * 1000;

export function workerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

export function startWorker({
  logger = processLogger(),
  owner = workerId(),
  concurrency = config().HOOKLINE_WORKER_CONCURRENCY,
  inProcess = false,
}: { logger?: Logger; owner?: string; concurrency?: number; inProcess?: boolean } = {}): Worker {
  const { HOOKLINE_WORKER_POLL_MS: pollMs, HOOKLINE_WORKER_STOP_TIMEOUT_MS: stopTimeoutMs, DATABASE_URL } = config();
  const log = logger.child({ worker: owner });
  const halt = new AbortController(); // tells the endpoints in progress to finish their request and let go
  const heartbeat = startHeartbeat(owner, { inProcess });
  const stats = emptyStats();
  const inflight = new Set<Promise<void>>();
  // One worker slot alone cannot be split: then both kinds share it.
  const slowShare = concurrency >= 2 ? Math.max(1, Math.floor(concurrency / 4)) : 0;
  const lanes: { lane: Lane; slots: number; jobs: Set<Promise<void>> }[] =
    slowShare === 0
      ? [{ lane: 'any', slots: concurrency, jobs: new Set() }]
      : [
          { lane: 'fast', slots: concurrency - slowShare, jobs: new Set() },
          { lane: 'slow', slots: slowShare, jobs: new Set() },
        ];
  // Workflow runs are one more lane, with slots of their own (lib/workflows/engine.ts).
  const runs = runLane({ owner, slots: config().HOOKLINE_WORKFLOW_CONCURRENCY, log: (line) => log.error(line), onDone: () => poke() });
  let stopped = false;
  let stopping: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  let poked = false; // a NOTIFY that came while the loop was claiming must not wait for the next poll
  const poke = () => {
    poked = true;
    wake?.();
  };

  // LISTEN on a connection of its own; if it drops, polling still delivers.
  const listener = new pg.Client({ connectionString: DATABASE_URL });
  listener.on('notification', poke);
  // While stopping, the database may close first (Ctrl-C reaches the embedded PostgreSQL too): quiet.
  listener.on('error', (err) => !stopped && log.warn({ err: err.message }, 'notification connection lost; polling'));
  listener
    .connect()
    .then(() => listener.query(`LISTEN ${WORK_CHANNEL}`))
    .catch((err) => log.warn({ err: (err as Error).message }, 'LISTEN failed; polling'));

  let lastRetention = 0;
  const loop = (async () => {
    while (!stopped) {
      try {
        if (Date.now() - lastRetention > RETENTION_EVERY_MS) {
          lastRetention = Date.now();
          const purged = await purgeExpired();
          if (purged.attempts + purged.deliveries + purged.activities > 0) log.info({ purged }, 'retention: removed expired rows');
        }
        let full = false; // a lane took as many as it asked for: there may be more due right now
        for (const { lane, slots, jobs } of lanes) {
          const free = slots - jobs.size;
          const ids = free > 0 ? await claimEndpoints(free, owner, lane) : [];
          stats.claimed += ids.length;
          observeClaims(owner, ids);
          for (const id of ids) {
            const job: Promise<void> = processEndpoint(id, owner, stats, undefined, halt.signal)
              .catch((err) => log.error({ endpointId: id, err: (err as Error).message }, 'endpoint run failed'))
              .finally(() => {
                inflight.delete(job);
                jobs.delete(job);
                poke();
              });
            inflight.add(job);
            jobs.add(job);
          }
          full ||= ids.length > 0 && ids.length === free;
        }
        full = (await runs.fill()) || full;
        if (full) continue;
      } catch (err) {
        log.error({ err: (err as Error).message }, 'claim failed');
      }
      if (stopped) break;
      if (poked) {
        poked = false;
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, pollMs);
        function done() {
          clearTimeout(timer);
          wake = null;
          poked = false;
          resolve();
        }
        wake = done;
      });
    }
  })();

  /** Stop claiming; let requests in flight finish (up to the stop timeout) and be recorded; give back
   *  whatever is still held; drop the heartbeat row. */
  async function halting() {
    stopped = true;
    halt.abort();
    poke();
    await loop;
    const inFlight = inflight.size + runs.jobs.size;
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      Promise.allSettled([...inflight, ...runs.jobs]).then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), stopTimeoutMs))),
    ]);
    clearTimeout(timer);
    // Whatever is still held (a request that outlived the timeout) is given back now, due at once: its
    // delivery goes again from another worker (same webhook-id).
    const giveBack = (sql: string) =>
      pool()
        .query(sql, [owner])
        .then(
          (r) => r.rowCount ?? 0,
          () => 0,
        );
    const released =
      (await giveBack(`UPDATE endpoints SET lease_until = now(), lease_owner = NULL, next_attempt_at = COALESCE(next_attempt_at, now()) WHERE lease_owner = $1`)) +
      // A run still in flight goes again from its current block (its request with the same Idempotency-Key).
      (await giveBack(`UPDATE workflow_runs SET lease_until = now(), lease_owner = NULL WHERE lease_owner = $1 AND due_at IS NOT NULL`));
    await heartbeat.stop();
    await listener.end().catch(() => undefined);
    log.info({ inFlight, finished, released, stats }, 'worker stopped');
  }

  return {
    owner,
    stats,
    stop: () => (stopping ??= halting()),
  };
}
