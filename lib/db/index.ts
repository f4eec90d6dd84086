// One pg pool and one Prisma client per process. Prisma talks through @prisma/adapter-pg over the same
// pool that the raw-SQL paths use (FOR UPDATE SKIP LOCKED, advisory locks), so a process never opens
// more than HOOKLINE_DB_POOL_SIZE connections.
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { config, resetConfig } from '@/lib/config';

type Handles = { pool?: pg.Pool; prisma?: PrismaClient };
const holder = globalThis as unknown as { hookline?: Handles };
const handles = (): Handles => (holder.hookline ??= {});

export function pool(): pg.Pool {
  const h = handles();
  if (!h.pool) {
    const { DATABASE_URL, HOOKLINE_DB_POOL_SIZE } = config();
    h.pool = new pg.Pool({ connectionString: DATABASE_URL, max: HOOKLINE_DB_POOL_SIZE });
    h.pool.on('error', (err: Error & { code?: string }) => {
      // 57P01: the server is shutting down (e.g. the embedded database stopping on Ctrl-C).
      if (err.code !== '57P01') console.error('[db] idle client error:', err.message);
    });
  }
  return h.pool;
}

/** Prisma is created on first use: the delivery worker runs on the pool alone and never loads it. */
export function db(): PrismaClient {
  const h = handles();
  h.prisma ??= new PrismaClient({ adapter: new PrismaPg(pool()) });
  return h.prisma;
}

/** Closes the pool; the next use reads the environment again. */
export async function closeDb(): Promise<void> {
  const h = holder.hookline;
  holder.hookline = undefined;
  resetConfig();
  if (!h) return;
  await h.prisma?.$disconnect();
  await h.pool?.end().catch(() => undefined);
}
