// The process's pg pool, on its own so that raw-SQL code (the delivery worker above all) never loads
// Prisma. lib/db/index.ts builds the Prisma client on the same pool.
import pg from 'pg';
import { config, resetConfig } from '@/lib/config';

type Handles = { pool?: pg.Pool; lazy?: pg.Pool; closers: (() => Promise<void>)[] };
const holder = globalThis as unknown as { hooklinePool?: Handles };
const handles = (): Handles => (holder.hooklinePool ??= { closers: [] });

function newPool(extra: pg.PoolConfig = {}): pg.Pool {
  const c = config();
  const p = new pg.Pool({
    connectionString: c.DATABASE_URL,
    max: c.HOOKLINE_DB_POOL_SIZE,
    // Every session is bounded: a transaction left open by a frozen process is cut by the server
    // (its locks go with it, and a worker's lease then simply expires), a lock wait gives up instead
    // of queueing behind such a transaction, and no statement runs unbounded.
    statement_timeout: c.HOOKLINE_DB_STATEMENT_TIMEOUT_MS,
    lock_timeout: c.HOOKLINE_DB_LOCK_TIMEOUT_MS,
    idle_in_transaction_session_timeout: c.HOOKLINE_DB_IDLE_TX_TIMEOUT_MS,
    ...extra,
  });
  p.on('error', (err: Error & { code?: string }) => {
    // 57P01: the server is shutting down (e.g. the embedded database stopping on Ctrl-C).
    if (err.code !== '57P01') console.error('[db] idle client error:', err.message);
  });
  return p;
}

export function pool(): pg.Pool {
  const h = handles();
  h.pool ??= newPool();
  return h.pool;
}

/**
 * A pool whose commits do not wait for the WAL flush (synchronous_commit = off). Only for writes that
 * a crash of the database may lose because they are re-derived: the delivery worker's leases and its
 * records of a send (a lost record means the delivery is sent again with the same webhook-id, exactly
 * as when the worker itself dies before recording). Everything that must outlive a crash once answered
 * — ingest's 202, a formed delivery before it is sent — goes through pool(). Same size and timeouts.
 */
export function lazyCommitPool(): pg.Pool {
  const h = handles();
  h.lazy ??= newPool({ options: '-c synchronous_commit=off' });
  return h.lazy;
}

/** Runs before the pool closes (the Prisma client registers its disconnect here). */
export function onClose(fn: () => Promise<void>): void {
  handles().closers.push(fn);
}

/** Closes the pool; the next use reads the environment again. */
export async function closeDb(): Promise<void> {
  const h = holder.hooklinePool;
  holder.hooklinePool = undefined;
  resetConfig();
  if (!h) return;
  for (const close of h.closers) await close();
  await h.pool?.end().catch(() => undefined);
  await h.lazy?.end().catch(() => undefined);
}
