// Migrations marked `-- hookline:no-transaction` (lib/db/migrate.ts): big-table indexes are built
// CONCURRENTLY while writes go on, failed builds leave no INVALID index, and they are recorded and
// checksummed like the others.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { MIGRATIONS_TABLE, checksum, migrate, readMigrations, splitStatements } from '@/lib/db/migrate';
import { createDatabase, dropDatabase } from '../support/databases';

const created: string[] = [];
afterAll(async () => {
  for (const name of created) await dropDatabase(name);
});

async function fresh() {
  const db = await createDatabase('hookline_migc');
  created.push(db.name);
  return db.url;
}
async function connect(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return c;
}
async function query(url: string, sql: string, values: unknown[] = []) {
  const c = await connect(url);
  try {
    return (await c.query(sql, values)).rows;
  } finally {
    await c.end();
  }
}
function migrationsDir(files: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'hookline-migc-'));
  for (const [name, sql] of Object.entries(files)) addMigration(dir, name, sql);
  return dir;
}
function addMigration(dir: string, name: string, sql: string) {
  mkdirSync(path.join(dir, name));
  writeFileSync(path.join(dir, name, 'migration.sql'), sql);
}
const TABLE = `CREATE TABLE big (id serial PRIMARY KEY, v int NOT NULL);
INSERT INTO big (v) SELECT g % 1000 FROM generate_series(1, 20000) g;`;

/** Waits until a session is blocked in the given statement. */
async function waitUntilBlocked(url: string, like: string) {
  for (let i = 0; i < 200; i++) {
    const rows = await query(url, `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE $1 AND wait_event_type = 'Lock'`, [like]);
    if (rows.length) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no session blocked in ${like}`);
}

/**
 * Holds an open write transaction on `big` (an index build must wait for it), starts the migration,
 * then tries an INSERT from a third session with a 3 s statement timeout. Returns the INSERT's error.
 */
async function insertDuringBuild(url: string, dir: string, like: string) {
  const holder = await connect(url);
  const writer = await connect(url);
  try {
    await holder.query('BEGIN');
    await holder.query('INSERT INTO big (v) VALUES (-1)');
    const running = migrate(url, { dir });
    await waitUntilBlocked(url, like);
    await writer.query(`SET statement_timeout = '3s'`);
    const error = await writer.query('INSERT INTO big (v) VALUES (-2)').then(() => null, (e: Error) => e.message);
    await holder.query('COMMIT');
    return { error, result: await running };
  } finally {
    await holder.end();
    await writer.end();
  }
}

describe('no-transaction migrations', () => {
  it('build a big-table index CONCURRENTLY while writes go on, and are recorded like the others', async () => {
    const url = await fresh();
    const dir = migrationsDir({ '0001_big': TABLE });
    await migrate(url, { dir });
    const sql = '-- hookline:no-transaction\n-- CreateIndex\nCREATE INDEX CONCURRENTLY IF NOT EXISTS "big_v_idx" ON "big" ("v");\n';
    addMigration(dir, '0002_big_v', sql);

    const { error, result } = await insertDuringBuild(url, dir, '%CREATE INDEX CONCURRENTLY%');
    expect(error).toBeNull();
    expect(result.applied).toEqual(['0002_big_v']);
    expect(await query(url, `SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'big_v_idx'`)).toEqual([{ indisvalid: true }]);
    expect(await query(url, `SELECT name, checksum FROM ${MIGRATIONS_TABLE} ORDER BY name`)).toEqual([
      { name: '0001_big', checksum: checksum(TABLE) },
      { name: '0002_big_v', checksum: checksum(sql) },
    ]);
    expect(readMigrations(dir).map((m) => m.transaction)).toEqual([true, false]);
    expect((await migrate(url, { dir })).applied).toEqual([]);
  });

  it('(the same build inside a transaction blocks those writes: why the marker exists)', async () => {
    const url = await fresh();
    const dir = migrationsDir({ '0001_big': TABLE });
    await migrate(url, { dir });
    addMigration(dir, '0002_big_v', 'CREATE INDEX "big_v_idx" ON "big" ("v");\n');
    const { error, result } = await insertDuringBuild(url, dir, 'CREATE INDEX "big_v_idx"%');
    expect(error).toMatch(/statement timeout/);
    expect(result.applied).toEqual(['0002_big_v']);
  });

  it('leave no INVALID index after a failed concurrent build, and finish on the next run', async () => {
    const url = await fresh();
    const dir = migrationsDir({
      '0001_dup': 'CREATE TABLE dup (id serial PRIMARY KEY, v int NOT NULL);\nINSERT INTO dup (v) VALUES (1), (1), (2);',
      '0002_dup_v': '-- hookline:no-transaction\nCREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS dup_v_key ON dup (v);\n',
    });
    await expect(migrate(url, { dir })).rejects.toThrow(/0002_dup_v .*failed.*dup_v_key/);
    expect(await query(url, `SELECT relname FROM pg_class WHERE relname = 'dup_v_key'`)).toEqual([]);
    expect(await query(url, `SELECT name FROM ${MIGRATIONS_TABLE}`)).toEqual([{ name: '0001_dup' }]);

    // An INVALID index left by an earlier, killed run is dropped first instead of being skipped by IF NOT EXISTS.
    await query(url, 'CREATE UNIQUE INDEX CONCURRENTLY dup_v_key ON dup (v)').catch(() => undefined);
    expect(await query(url, `SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'dup_v_key'`)).toEqual([{ indisvalid: false }]);
    await query(url, 'DELETE FROM dup WHERE id = 2');
    expect((await migrate(url, { dir })).applied).toEqual(['0002_dup_v']);
    expect(await query(url, `SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'dup_v_key'`)).toEqual([{ indisvalid: true }]);
  });

  it('let concurrent starters wait for a concurrent build without deadlocking it', async () => {
    const url = await fresh();
    const dir = migrationsDir({
      '0001_big': TABLE,
      '0002_big_v': '-- hookline:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS big_v_idx ON big (v);\nCREATE INDEX CONCURRENTLY IF NOT EXISTS big_v_id_idx ON big (v, id);\n',
    });
    const results = await Promise.all([migrate(url, { dir }), migrate(url, { dir }), migrate(url, { dir })]);
    expect(results.flatMap((r) => r.applied).sort()).toEqual(['0001_big', '0002_big_v']);
  });

  it('refuse a concurrent build a retry could not finish (no IF NOT EXISTS)', () => {
    const dir = migrationsDir({ '0001_x': '-- hookline:no-transaction\nCREATE INDEX CONCURRENTLY x_idx ON x (v);\n' });
    expect(() => readMigrations(dir)).toThrow(/IF NOT EXISTS/);
  });

  it('are split at top-level semicolons only', () => {
    const sql = `-- a; comment\nCREATE INDEX CONCURRENTLY IF NOT EXISTS "a;b" ON t (v) WHERE s = 'x;''y';
/* block; */ DO $fn$ BEGIN PERFORM 1; END $fn$;
SELECT $$;$$;
-- trailing comment only`;
    expect(splitStatements(sql)).toEqual([
      `-- a; comment\nCREATE INDEX CONCURRENTLY IF NOT EXISTS "a;b" ON t (v) WHERE s = 'x;''y'`,
      '/* block; */ DO $fn$ BEGIN PERFORM 1; END $fn$',
      'SELECT $$;$$',
    ]);
  });
});
