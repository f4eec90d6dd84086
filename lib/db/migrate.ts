// Applies prisma/migrations/<timestamp>_<name>/migration.sql in name order, one transaction each,
// recording name and checksum in _hookline_migrations. The same code serves the embedded and any
// external PostgreSQL. An advisory lock makes concurrent starters (several app or worker processes)
// wait for each other instead of racing. Prisma's own `migrate` needs a native engine download, so we
// keep its folder layout but not its runner (see README → Development).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const MIGRATIONS_TABLE = '_hookline_migrations';
export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));
const LOCK_KEY = 7_345_112_901; // any constant shared by every Hookline process

export type Migration = { name: string; sql: string; checksum: string };

export function checksum(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

export function readMigrations(dir = DEFAULT_MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, 'migration.sql')))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: checksum(sql) };
    });
}

export class MigrationError extends Error {}

export async function migrate(
  connectionString: string,
  { dir = DEFAULT_MIGRATIONS_DIR, log = (_: string) => {} }: { dir?: string; log?: (line: string) => void } = {},
): Promise<{ applied: string[] }> {
  const migrations = readMigrations(dir);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (
         name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ name: string; checksum: string }>(
      `SELECT name, checksum FROM ${MIGRATIONS_TABLE} ORDER BY name`,
    );
    const known = new Map(migrations.map((m) => [m.name, m]));
    for (const row of rows) {
      const m = known.get(row.name);
      if (!m) {
        throw new MigrationError(
          `The database has migration ${row.name}, which this version of Hookline does not have. ` +
            'Run the newer version, or restore a matching database.',
        );
      }
      if (m.checksum !== row.checksum) {
        throw new MigrationError(
          `Migration ${row.name} was edited after it was applied (checksum differs). ` +
            'Never edit an applied migration: add a new one.',
        );
      }
    }
    const done = new Set(rows.map((r) => r.name));
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.name)) continue;
      log(`applying migration ${m.name}`);
      try {
        await client.query('BEGIN');
        await client.query(m.sql);
        await client.query(`INSERT INTO ${MIGRATIONS_TABLE} (name, checksum) VALUES ($1, $2)`, [m.name, m.checksum]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw new MigrationError(`Migration ${m.name} failed and was rolled back: ${(err as Error).message}`);
      }
      applied.push(m.name);
    }
    return { applied };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}
