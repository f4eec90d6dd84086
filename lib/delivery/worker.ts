// The long-running delivery loop, used by `npm run worker` and inside `npm start`. Keeps up to
// HOOKLINE_WORKER_CONCURRENCY endpoints in flight, claims more as slots free up, wakes at once on
// ingest (LISTEN/NOTIFY) and otherwise polls. Stopping finishes in-flight requests and lets go.
// Endpoints whose last attempt timed out or was slow (endpoints.slow) are served from a quarter of the
// slots only, so any number of hanging receivers cannot take the slots healthy endpoints need.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import pg from 'pg';
import { config } from '@/lib/config';
import { WORK_CHANNEL } from './wake';
import { claimEndpoints, emptyStats, processEndpoint, type EngineStats, type Lane } from './engine';
import { purgeExpired } from './retention';
import { runLane } from '@/lib/workflows/engine';

export type Worker = { owner: string; stats: EngineStats; stop: () => Promise<void> };

const RETENTION_EVERY_MS = 60 * 60 * 1000;

export function workerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

export function startWorker({
  log = () => {},
  owner = workerId(),
  concurrency = config().HOOKLINE_WORKER_CONCURRENCY,
}: { log?: (line: string) => void; owner?: string; concurrency?: number } = {}): Worker {
  const { HOOKLINE_WORKER_POLL_MS: pollMs, DATABASE_URL } = config();
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
  const runs = runLane({ owner, slots: concurrency, log, onDone: () => poke() });
  let stopped = false;
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
  listener.on('error', (err) => !stopped && log(`worker: notification connection lost (${err.message}); polling`));
  listener
    .connect()
    .then(() => listener.query(`LISTEN ${WORK_CHANNEL}`))
    .catch((err) => log(`worker: LISTEN failed (${err.message}); polling`));

  let lastRetention = 0;
  const loop = (async () => {
    while (!stopped) {
      try {
        if (Date.now() - lastRetention > RETENTION_EVERY_MS) {
          lastRetention = Date.now();
          const purged = await purgeExpired();
          if (purged.attempts + purged.deliveries + purged.activities > 0) log(`retention: removed ${JSON.stringify(purged)}`);
        }
        let full = false; // a lane took as many as it asked for: there may be more due right now
        for (const { lane, slots, jobs } of lanes) {
          const free = slots - jobs.size;
          const ids = free > 0 ? await claimEndpoints(free, owner, lane) : [];
          stats.claimed += ids.length;
          for (const id of ids) {
            const job: Promise<void> = processEndpoint(id, owner, stats)
              .catch((err) => log(`worker: endpoint ${id}: ${(err as Error).message}`))
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
        log(`worker: ${(err as Error).message}`);
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

  return {
    owner,
    stats,
    async stop() {
      stopped = true;
      poke();
      await loop;
      await Promise.allSettled([...inflight, ...runs.jobs]);
      await listener.end().catch(() => undefined);
    },
  };
}
