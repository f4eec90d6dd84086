// The Prisma client, created on first use over the process's one pg pool (lib/db/pool.ts), so a
// process never opens more than HOOKLINE_DB_POOL_SIZE connections. Raw-SQL paths that need what
// Prisma does not express (FOR UPDATE SKIP LOCKED, advisory locks) use pool() directly.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { closeDb, onClose, pool } from './pool';

export { pool, closeDb };

const holder = globalThis as unknown as { hooklinePrisma?: PrismaClient };

export function db(): PrismaClient {
  if (!holder.hooklinePrisma) {
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool()) });
    holder.hooklinePrisma = prisma;
    onClose(async () => {
      holder.hooklinePrisma = undefined;
      await prisma.$disconnect();
    });
  }
  return holder.hooklinePrisma;
}
