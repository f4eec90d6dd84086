// Applies prisma/migrations/<timestamp>_<name>/migration.sql in name order, one transaction each,
// recording name and checksum in _hookline_migrations. A migration whose first line is
// `-- hookline:no-transaction` runs statement by statement outside a transaction instead, so an index
// on a big table is built with CREATE INDEX CONCURRENTLY while writes go on (README → Development). The same code serves the embedded and any
// external PostgreSQL. An advisory lock makes concurrent starters (several app or worker processes)
// wait for each other instead of racing. Prisma's own `migrate` needs a native engine download, so we
// keep its folder layout but not its runner (see README → Development).
import { MIGRATION_LOCK_KEY } from './migration-lock';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const MIGRATIONS_TABLE = '_hookline_migrations';
export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));
const LOCK_KEY = MIGRATION_LOCK_KEY;

/** First line of a migration that must run outside a transaction (CREATE INDEX CONCURRENTLY …). */
export const NO_TRANSACTION_MARKER = '-- hookline:no-transaction';
/** How often a starter that finds the lock taken tries again (see takeLock). */
const LOCK_POLL_MS = 200;

export type Migration = { name: string; sql: string; checksum: string; transaction: boolean };

const DOLLAR_TAG = /^\$[A-Za-z_]*\$/;

/**
 * The statements of a SQL script, split at top-level semicolons (quotes, quoted identifiers, dollar
 * quotes and comments respected). CONCURRENTLY refuses to run in the implicit transaction that a
 * multi-statement query string gets, so a no-transaction migration is sent one statement at a time.
 */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  const push = (end: number) => {
    const stmt = sql.slice(start, end).trim();
    if (stmt.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, '').trim()) out.push(stmt);
  };
  while (i < sql.length) {
    const c = sql[i];
    if (c === "'" || c === '"') {
      const end = sql.indexOf(c, i + 1);
      i = end < 0 ? sql.length : end + 1; // doubled quotes ('it''s') simply reopen the literal
    } else if (sql.startsWith('--', i)) {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end + 1;
    } else if (sql.startsWith('/*', i)) {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else if (c === '$' && DOLLAR_TAG.test(sql.slice(i, i + 64))) {
      const tag = sql.slice(i, i + 64).match(DOLLAR_TAG)![0];
      const end = sql.indexOf(tag, i + tag.length);
      i = end < 0 ? sql.length : end + tag.length;
    } else if (c === ';') {
      push(i);
      start = ++i;
    } else {
      i++;
    }
  }
  push(sql.length);
  return out;
}

/** Index names a no-transaction migration builds concurrently (to clean up a failed build). */
export function concurrentIndexNames(sql: string): string[] {
  const re = /CREATE\s+(?:UNIQUE\s+)?INDEX\s+CONCURRENTLY\s+(?:IF\s+NOT\s+EXISTS\s+)?("(?:[^"]|"")+"|[A-Za-z_][\w$]*)/gi;
  return [...sql.matchAll(re)].map((m) => (m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1].toLowerCase()));
}

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
      const transaction = sql.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0].trim() !== NO_TRANSACTION_MARKER;
      if (!transaction) assertRetryable(name, sql);
      return { name, sql, checksum: checksum(sql), transaction };
    });
}

export class MigrationError extends Error {}

/**
 * A no-transaction migration can stop half-way (a failed build, a killed process) and is then run again
 * from its first statement, so each concurrent index build must tolerate the index being there.
 */
function assertRetryable(name: string, sql: string) {
  const re = /CREATE\s+(?:UNIQUE\s+)?INDEX\s+CONCURRENTLY\s+(?!IF\s+NOT\s+EXISTS)/i;
  if (re.test(sql)) {
    throw new MigrationError(`Migration ${name} runs outside a transaction: write CREATE INDEX CONCURRENTLY IF NOT EXISTS, so a retry can finish it.`);
  }
}

/**
 * A failed or interrupted CREATE INDEX CONCURRENTLY leaves an INVALID index behind, which writes keep
 * maintaining and IF NOT EXISTS would then skip: drop those of this migration (before and after a run).
 */
async function dropInvalidIndexes(client: pg.Client, names: string[]) {
  if (names.length === 0) return;
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE NOT i.indisvalid AND c.relnamespace = current_schema()::regnamespace AND c.relname = ANY($1)`,
    [names],
  );
  for (const { name } of rows) await client.query(`DROP INDEX CONCURRENTLY IF EXISTS "${name.replace(/"/g, '""')}"`);
}

/**
 * Waits for the migration lock by polling. A session blocked in pg_advisory_lock holds a snapshot, and
 * CREATE INDEX CONCURRENTLY waits for every older snapshot to end: the holder would wait for the waiter.
 */
async function takeLock(client: pg.Client) {
  for (;;) {
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [LOCK_KEY]);
    if (rows[0].ok) return;
    await new Promise((r) => setTimeout(r, LOCK_POLL_MS));
  }
}

async function applyInTransaction(client: pg.Client, m: Migration) {
  try {
    await client.query('BEGIN');
    await client.query(m.sql);
    await client.query(`INSERT INTO ${MIGRATIONS_TABLE} (name, checksum) VALUES ($1, $2)`, [m.name, m.checksum]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw new MigrationError(`Migration ${m.name} failed and was rolled back: ${(err as Error).message}`);
  }
}

/** Statement by statement, autocommit; recorded once every statement succeeded. */
async function applyWithoutTransaction(client: pg.Client, m: Migration) {
  const indexes = concurrentIndexNames(m.sql);
  try {
    await dropInvalidIndexes(client, indexes);
    for (const stmt of splitStatements(m.sql)) await client.query(stmt);
    await client.query(`INSERT INTO ${MIGRATIONS_TABLE} (name, checksum) VALUES ($1, $2)`, [m.name, m.checksum]);
  } catch (err) {
    await dropInvalidIndexes(client, indexes).catch(() => undefined);
    throw new MigrationError(
      `Migration ${m.name} (outside a transaction) failed; its invalid indexes were dropped and it runs again from the start next time: ${(err as Error).message}`,
    );
  }
}

export async function migrate(
  connectionString: string,
  { dir = DEFAULT_MIGRATIONS_DIR, log = (_: string) => {} }: { dir?: string; log?: (line: string) => void } = {},
): Promise<{ applied: string[] }> {
  const migrations = readMigrations(dir);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await takeLock(client);
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
      log(`applying migration ${m.name}${m.transaction ? '' : ' (outside a transaction)'}`);
      await (m.transaction ? applyInTransaction(client, m) : applyWithoutTransaction(client, m));
      applied.push(m.name);
    }
    return { applied };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}
