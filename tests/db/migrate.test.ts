import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, mkdirSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { DEFAULT_MIGRATIONS_DIR, MIGRATIONS_TABLE, migrate, readMigrations } from '@/lib/db/migrate';
import { createDatabase, dropDatabase } from '../support/databases';

const created: string[] = [];
async function freshDb() {
  const db = await createDatabase('hookline_mig');
  created.push(db.name);
  return db.url;
}
async function query(url: string, sql: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}
function copyOfMigrations() {
  const dir = mkdtempSync(path.join(tmpdir(), 'hookline-migrations-'));
  cpSync(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

afterAll(async () => {
  for (const name of created) await dropDatabase(name);
});

describe('migration runner', () => {
  let url: string;
  beforeAll(async () => {
    url = await freshDb();
  });

  it('applies every migration once, in order, recording checksums', async () => {
    const all = readMigrations().map((m) => m.name);
    expect(all.length).toBeGreaterThan(0);
    expect((await migrate(url)).applied).toEqual(all);
    expect((await migrate(url)).applied).toEqual([]);
    const rows = await query(url, `SELECT name, checksum FROM ${MIGRATIONS_TABLE} ORDER BY name`);
    expect(rows).toEqual(readMigrations().map((m) => ({ name: m.name, checksum: m.checksum })));
  });

  it('refuses a migration that was edited after it was applied', async () => {
    const dir = copyOfMigrations();
    const first = readMigrations(dir)[0];
    appendFileSync(path.join(dir, first.name, 'migration.sql'), '\n-- edited\n');
    await expect(migrate(url, { dir })).rejects.toThrow(/edited after it was applied/);
  });

  it('refuses a database that has a migration this code does not know', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hookline-migrations-empty-'));
    await expect(migrate(url, { dir })).rejects.toThrow(/does not have/);
  });

  it('rolls a failing migration back completely and does not record it', async () => {
    const dir = copyOfMigrations();
    mkdirSync(path.join(dir, '99990101000000_broken'));
    writeFileSync(path.join(dir, '99990101000000_broken', 'migration.sql'), 'CREATE TABLE half_done (id int);\nSELECT * FROM no_such_table;');
    await expect(migrate(url, { dir })).rejects.toThrow(/99990101000000_broken failed and was rolled back: .*no_such_table/);
    expect(await query(url, `SELECT to_regclass('half_done') AS t`)).toEqual([{ t: null }]);
    expect(await query(url, `SELECT count(*)::int AS n FROM ${MIGRATIONS_TABLE} WHERE name = '99990101000000_broken'`)).toEqual([{ n: 0 }]);
  });

  it('lets concurrent starters wait for each other instead of racing', async () => {
    const other = await freshDb();
    const results = await Promise.all([migrate(other), migrate(other), migrate(other)]);
    const applied = results.flatMap((r) => r.applied);
    expect(applied.sort()).toEqual(readMigrations().map((m) => m.name).sort());
  });
});
