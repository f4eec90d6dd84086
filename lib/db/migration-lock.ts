// The advisory lock every migration run holds (lib/db/migrate.ts), on its own so that readiness
// (lib/health/ready.ts) can see a run in progress without loading the migration runner.
import type pg from 'pg';

export const MIGRATION_LOCK_KEY = 7_345_112_901; // any constant shared by every Hookline process

/** Whether some session holds the migration lock right now (a migration run is under way). */
export async function migrationRunning(client: Pick<pg.Pool, 'query'>): Promise<boolean> {
  const { rows } = await client.query<{ held: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM pg_locks
        WHERE locktype = 'advisory' AND granted AND objsubid = 1
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND ((classid::bigint << 32) | objid::bigint) = $1) AS held`,
    [MIGRATION_LOCK_KEY],
  );
  return rows[0].held;
}
