// No drift: the database our migrations build is the database schema.prisma describes. Prisma's own
// schema engine (WebAssembly) writes the SQL for schema.prisma; both databases' catalogs must match.
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { MIGRATIONS_TABLE, migrate } from '@/lib/db/migrate';
import { schemaSql } from '@/lib/db/schema-sql';
import { createDatabase, dropDatabase } from '../support/databases';

const CATALOG = {
  columns: `SELECT table_name, column_name, data_type, udt_name, character_maximum_length, numeric_precision,
                   datetime_precision, is_nullable, column_default
              FROM information_schema.columns
             WHERE table_schema = 'public' AND table_name <> '${MIGRATIONS_TABLE}' ORDER BY 1, 2`,
  indexes: `SELECT tablename, indexname, indexdef FROM pg_indexes
             WHERE schemaname = 'public' AND tablename <> '${MIGRATIONS_TABLE}' ORDER BY 1, 2`,
  constraints: `SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS definition
                  FROM pg_constraint WHERE connamespace = 'public'::regnamespace
                   AND conrelid::regclass::text <> '${MIGRATIONS_TABLE}' ORDER BY 1, 2`,
  enums: `SELECT t.typname, e.enumlabel, e.enumsortorder FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
           WHERE t.typnamespace = 'public'::regnamespace ORDER BY 1, 3`,
};

async function catalog(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const out: Record<string, unknown[]> = {};
    for (const [k, sql] of Object.entries(CATALOG)) out[k] = (await c.query(sql)).rows;
    return out;
  } finally {
    await c.end();
  }
}

const created: string[] = [];
afterAll(async () => {
  for (const name of created) await dropDatabase(name);
});

describe('schema drift', () => {
  it('migrations build exactly what schema.prisma describes', async () => {
    const migrated = await createDatabase('hookline_drift_m');
    const expected = await createDatabase('hookline_drift_s');
    created.push(migrated.name, expected.name);

    await migrate(migrated.url);
    const sql = await schemaSql(expected.url);
    expect(sql).toContain('CREATE TABLE');
    const c = new pg.Client({ connectionString: expected.url });
    await c.connect();
    await c.query(sql);
    await c.end();

    const [actual, wanted] = await Promise.all([catalog(migrated.url), catalog(expected.url)]);
    expect(actual.columns.length).toBeGreaterThan(0);
    expect(actual).toEqual(wanted);
  });
});
