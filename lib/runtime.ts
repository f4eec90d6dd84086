// What a Hookline process (app, CLI, worker) needs before it touches the database: the secret and a
// database URL. With DATABASE_URL unset, the embedded PostgreSQL in the data folder is used: the one
// a running `npm start` already serves (its address is in <data>/runtime.json), or a new server.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedDatabase } from '@/lib/db/embedded';

import { dataDir } from '@/lib/demo-login';

export { dataDir };
const runtimeFile = () => path.join(dataDir(), 'runtime.json');

/** HOOKLINE_SECRET from the environment, else one generated once and kept in <data>/secret. */
export function ensureSecret(): void {
  if (process.env.HOOKLINE_SECRET) return;
  const file = path.join(dataDir(), 'secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir(), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  process.env.HOOKLINE_SECRET = readFileSync(file, 'utf8').trim();
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export type Database = { url: string; embedded: boolean; stop: () => Promise<void> };

/** Sets process.env.DATABASE_URL. `serve`: this process owns the embedded server and advertises it. */
export async function resolveDatabase({ log, serve = false }: { log: (line: string) => void; serve?: boolean }): Promise<Database> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  if (existsSync(runtimeFile())) {
    const { url } = JSON.parse(readFileSync(runtimeFile(), 'utf8')) as { url: string };
    if (await reachable(url)) {
      if (serve) throw new Error(`Hookline is already running on this data folder (${dataDir()}). Stop it first.`);
      process.env.DATABASE_URL = url;
      return { url, embedded: true, stop: async () => {} };
    }
    rmSync(runtimeFile(), { force: true });
  }
  const started = Date.now();
  const embedded = await startEmbeddedDatabase(path.join(dataDir(), 'postgres'), { log });
  log(`embedded PostgreSQL started on 127.0.0.1:${embedded.port} in ${Date.now() - started} ms (data: ${embedded.dataDir})`);
  if (serve) writeFileSync(runtimeFile(), JSON.stringify({ url: embedded.url, pid: process.pid }), { mode: 0o600 });
  process.env.DATABASE_URL = embedded.url;
  return {
    url: embedded.url,
    embedded: true,
    stop: async () => {
      if (serve) rmSync(runtimeFile(), { force: true });
      await embedded.stop();
    },
  };
}

/**
 * After the SQL migrations: header values stored in plaintext before they were encrypted at rest are
 * sealed now (a data step needs HOOKLINE_SECRET, which SQL does not have; see lib/crypto/headers.ts).
 */
export async function sealHeadersAtRest(log: (line: string) => void): Promise<void> {
  const { sealStoredHeaders } = await import('@/lib/crypto/headers');
  const sealed = await sealStoredHeaders();
  if (sealed > 0) log(`encrypted the custom header values of ${sealed} webhook(s) stored before encryption at rest`);
}

/** Everything before serving: secret, database, migrations, and the demo account on an empty database. */
export async function bootstrap({ log, serve = false }: { log: (line: string) => void; serve?: boolean }) {
  ensureSecret();
  const database = await resolveDatabase({ log, serve });
  try {
    const { migrate } = await import('@/lib/db/migrate');
    const { applied } = await migrate(database.url, { log });
    await sealHeadersAtRest(log);
    // Imported late: the services read DATABASE_URL on first use.
    const { ensureDemoAccount } = await import('@/lib/accounts/service');
    const demo = await ensureDemoAccount();
    return { database, applied, demo };
  } catch (err) {
    await database.stop();
    throw err;
  }
}
