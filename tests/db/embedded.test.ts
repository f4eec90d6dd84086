// The bare-machine path: no DATABASE_URL, an empty data folder → embedded PostgreSQL started,
// migrations applied, demo account created; a second start on the same folder keeps the data.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { bootstrap } from '@/lib/runtime';
import { DEMO_EMAIL } from '@/lib/accounts/service';
import { closeDb } from '@/lib/db';

const dir = mkdtempSync(path.join(tmpdir(), 'hookline-embedded-'));
chmodSync(dir, 0o755);
const saved = { DATABASE_URL: process.env.DATABASE_URL, HOOKLINE_DATA_DIR: process.env.HOOKLINE_DATA_DIR };

afterAll(() => {
  Object.assign(process.env, saved);
  rmSync(dir, { recursive: true, force: true });
});

async function count(url: string, sql: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows[0].n as number;
  } finally {
    await c.end();
  }
}

describe('embedded PostgreSQL', () => {
  it('starts from an empty folder, migrates, creates the demo account, and keeps data across restarts', async () => {
    delete process.env.DATABASE_URL;
    process.env.HOOKLINE_DATA_DIR = dir;
    const logs: string[] = [];

    const first = await bootstrap({ log: (l) => logs.push(l) });
    try {
      expect(first.database.embedded).toBe(true);
      expect(first.database.url).toMatch(/^postgresql:\/\/hookline:hookline@127\.0\.0\.1:\d+\/hookline$/);
      expect(first.applied.length).toBeGreaterThan(0);
      expect(first.demo?.email).toBe(DEMO_EMAIL);
      expect(first.demo?.password).toBeTruthy();
      expect(await count(first.database.url, `SELECT count(*)::int AS n FROM users WHERE email = '${DEMO_EMAIL}'`)).toBe(1);
      expect(logs.some((l) => l.includes('creating a new database cluster'))).toBe(true);
    } finally {
      await closeDb();
      await first.database.stop();
    }

    delete process.env.DATABASE_URL;
    const second = await bootstrap({ log: () => {} });
    try {
      expect(second.applied).toEqual([]);
      expect(second.demo).toBeNull();
      expect(await count(second.database.url, 'SELECT count(*)::int AS n FROM accounts')).toBe(1);
    } finally {
      await closeDb();
      await second.database.stop();
    }
  });
});
