// The process's pg pool, on its own so that raw-SQL code (the delivery worker above all) never loads
// Prisma. lib/db/index.ts builds the Prisma client on the same pool.
import pg from 'pg';
import { config, resetConfig } from '@/lib/config';

type Handles = { pool?: pg.Pool; closers: (() => Promise<void>)[] };
const holder = globalThis as unknown as { hooklinePool?: Handles };
const handles = (): Handles => (holder.hooklinePool ??= { closers: [] });

export function pool(): pg.Pool {
  const h = handles();
  if (!h.pool) {
    const c = config();
    h.pool = new pg.Pool({
      connectionString: c.DATABASE_URL,
      max: c.HOOKLINE_DB_POOL_SIZE,
      // Every session is bounded: a transaction left open by a frozen process is cut by the server
      // (its locks go with it, and a worker's lease then simply expires), a lock wait gives up instead
      // of queueing behind such a transaction, and no statement runs unbounded.
      statement_timeout: c.HOOKLINE_DB_STATEMENT_TIMEOUT_MS,
      lock_timeout: c.HOOKLINE_DB_LOCK_TIMEOUT_MS,
      idle_in_transaction_session_timeout: c.HOOKLINE_DB_IDLE_TX_TIMEOUT_MS,
    });
    h.pool.on('error', (err: Error & { code?: string }) => {
      // 57P01: the server is shutting down (e.g. the embedded database stopping on Ctrl-C).
      if (err.code !== '57P01') console.error('[db] idle client error:', err.message);
    });
  }
  return h.pool;
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
}
