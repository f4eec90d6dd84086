// scripts/launch.mjs, which runs `npm start`, `npm run worker` and `npm run hookline`: the project's
// TypeScript bundled at launch and run by Node itself (no tsx loader thread), with every module's
// import.meta still its source file's, so paths like lib/db/migrate.ts's migrations folder hold.
import { afterAll, describe, expect, it } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { createDatabase, dropDatabase } from '../support/databases';

const run = promisify(execFile);
const root = process.cwd();
const cache = join(root, 'node_modules/.cache/hookline');
const probe = resolve(root, 'tests/support/launch-probe.ts');
const env = { ...process.env, HOOKLINE_LOG_LEVEL: 'warn' };
const launch = (args: string[], extra: Record<string, string> = {}) => run(process.execPath, ['scripts/launch.mjs', ...args], { cwd: root, env: { ...env, ...extra } });
type Seen = { url: string; dirname: string; dep: string; text: string; stack: string; argv: string[] };
const bundlesOf = (pid: number) => (existsSync(cache) ? readdirSync(cache).filter((f) => f.includes(`.${pid}.`)) : []);

const db = await createDatabase('hookline_launch');
afterAll(() => dropDatabase(db.name));

describe('scripts/launch.mjs', () => {
  it('runs a TypeScript entry bundled, not under tsx; each module keeps its own import.meta; with source maps on, stacks name the .ts lines', async () => {
    const { stdout, stderr } = await launch(['tests/support/launch-probe.ts', '--flag', 'value'], { NODE_OPTIONS: '--enable-source-maps' });
    expect(stderr).not.toMatch(/under tsx/);
    const seen = JSON.parse(stdout) as Seen;
    expect(seen.url).toBe(pathToFileURL(probe).href);
    expect(seen.dirname).toBe(resolve(root, 'tests/support'));
    expect(seen.dep).toBe(pathToFileURL(resolve(root, 'tests/support/launch-probe-dep.ts')).href);
    expect(seen.text).toBe('import.meta.url stays as written in a string');
    expect(seen.argv).toEqual([probe, '--flag', 'value']);
    expect(seen.stack.split('\n')[1]).toContain(`${probe}:11:`);
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

  it("removes its bundle once loaded; sweeps an old bundle of a dead launch, never a live launch's or a fresh one", async () => {
    mkdirSync(cache, { recursive: true });
    const hourAgo = new Date(Date.now() - 3_600_000);
    const holder = spawn(process.execPath, ['scripts/launch.mjs', 'tests/support/launch-probe.ts', 'hold'], { cwd: root, env, stdio: ['pipe', 'pipe', 'inherit'] });
    const exited = new Promise((r) => holder.once('exit', r));
    const dead = join(cache, 'scripts_cli.4194305.0badc0de.mjs'); // above Linux's largest pid: never a live process
    const fresh = join(cache, 'scripts_cli.4194306.0badc0de.mjs'); // a pid of another namespace sharing the folder, still loading
    const live = join(cache, `scripts_cli.${holder.pid}.0badc0de.mjs`);
    try {
      await new Promise<void>((r) => holder.stdout.once('data', () => r()));
      await expect.poll(() => bundlesOf(holder.pid!)).toEqual([]); // loaded, so its own bundle goes while it runs
      for (const f of [dead, fresh, live]) writeFileSync(f, '');
      for (const f of [dead, live]) utimesSync(f, hourAgo, hourAgo);
      await launch(['tests/support/launch-probe.ts']);
      expect({ dead: existsSync(dead), fresh: existsSync(fresh), live: existsSync(live) }).toEqual({ dead: false, fresh: true, live: true });
    } finally {
      holder.stdin.end();
      await exited;
      for (const f of [dead, fresh, live]) rmSync(f, { force: true });
    }
  });
});
