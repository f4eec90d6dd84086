// scripts/launch.mjs, which runs `npm start`, `npm run worker` and `npm run hookline`: the project's
// TypeScript bundled at launch and run by Node itself (no tsx loader thread), with every module's
// import.meta.url still its source file's, so paths like lib/db/migrate.ts's migrations folder hold.
import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { createDatabase, dropDatabase } from '../support/databases';

const run = promisify(execFile);
const root = process.cwd();
const cache = join(root, 'node_modules/.cache/hookline');
const launch = (args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, ['scripts/launch.mjs', ...args], { cwd: root, env: { ...process.env, HOOKLINE_LOG_LEVEL: 'warn', ...env } });

const db = await createDatabase('hookline_launch');
afterAll(() => dropDatabase(db.name));

describe('scripts/launch.mjs', () => {
  it('runs a TypeScript entry without tsx; each module keeps its own import.meta.url; argv is the entry and its arguments', async () => {
    const { stdout } = await launch(['tests/support/launch-probe.ts', '--flag', 'value']);
    const seen = JSON.parse(stdout) as { url: string; dep: string; argv: string[]; execArgv: string[] };
    expect(seen.url).toBe(pathToFileURL(resolve(root, 'tests/support/launch-probe.ts')).href);
    expect(seen.dep).toBe(pathToFileURL(resolve(root, 'tests/support/launch-probe-dep.ts')).href);
    expect(seen.argv).toEqual([resolve(root, 'tests/support/launch-probe.ts'), '--flag', 'value']);
    expect(seen.execArgv.join(' ')).not.toMatch(/tsx/);
  });

  it('`npm run hookline -- migrate` finds the migrations folder from the bundle and applies them all', async () => {
    await launch(['scripts/cli.ts', 'migrate'], { DATABASE_URL: db.url });
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM _hookline_migrations');
      const folders = readdirSync(join(root, 'prisma/migrations'), { withFileTypes: true }).filter((e) => e.isDirectory());
      expect(rows[0].n).toBe(folders.length);
    } finally {
      await client.end();
    }
  });

  it('leaves no bundle behind, and sweeps the bundle of a launch that died without cleaning up', async () => {
    mkdirSync(cache, { recursive: true });
    const dead = join(cache, 'scripts_cli.4194305.mjs'); // above Linux's largest pid: never a live process
    writeFileSync(dead, '');
    const { stdout } = await launch(['tests/support/launch-probe.ts']);
    expect(JSON.parse(stdout)).toHaveProperty('url');
    expect(existsSync(dead)).toBe(false);
    expect(readdirSync(cache).filter((f) => f.startsWith('tests_support_launch-probe.'))).toEqual([]);
  });
});
