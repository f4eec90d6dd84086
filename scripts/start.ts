// npm start: the whole app on a bare machine. Secret, database (embedded PostgreSQL unless
// DATABASE_URL is set), migrations, demo account on an empty database, a production build if there is
// none, then the Next.js server. Ctrl-C stops the server and the embedded database cleanly.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { bootstrap } from '@/lib/runtime';
import { closeDb } from '@/lib/db';
import { config } from '@/lib/config';
import { startWorker, type Worker } from '@/lib/delivery/worker';
import { demoLoginText, keepDemoLogin } from '@/lib/demo-login';
import { logger, logLine } from '@/lib/log';
import { metricsEnabled } from '@/lib/metrics';
import { serveToChild } from '@/lib/metrics/expose';

const log = logLine('start');
const dev = process.argv.includes('--dev');
const port = process.env.PORT || '3000';
const host = process.env.HOSTNAME || '0.0.0.0';
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
process.env.NEXT_TELEMETRY_DISABLED = '1';

let boot: Awaited<ReturnType<typeof bootstrap>>;
try {
  boot = await bootstrap({ log, serve: true });
} catch (err) {
  logger().fatal({ err: (err as Error).message }, 'cannot start');
  process.exit(1);
}
const { database, applied, demo } = boot;
let stopping = false;
let worker: Worker | null = null;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  await worker?.stop();
  await closeDb();
  await database.stop();
  process.exit(code);
}

log(applied.length ? `applied ${applied.length} migration(s)` : 'database schema is up to date');
// The demo login is printed once the server answers (after the build output and Next's "Ready"),
// and kept in the data folder until the first sign-in.
const demoText = demo ? demoLoginText(demo, `http://localhost:${port}`) : null;
if (demoText) keepDemoLogin(demoText);

if (!dev && !existsSync('.next/BUILD_ID')) {
  log('no production build yet: running next build (once)');
  const build = spawnSync(process.execPath, [nextBin, 'build'], { stdio: 'inherit', env: process.env });
  if (build.status !== 0) {
    logger().fatal('next build failed');
    await shutdown(1);
  }
}

// The same delivery loop as `npm run worker`, so `npm start` alone delivers webhooks.
// The Next server (a child process) checks this worker's heartbeat for /api/health/ready and adds its
// counters to /api/metrics.
if (config().HOOKLINE_IN_PROCESS_WORKER) {
  worker = startWorker({ inProcess: true });
  process.env.HOOKLINE_IN_PROCESS_WORKER_ID = worker.owner;
  if (metricsEnabled()) await serveToChild();
  log('delivery worker running in this process (HOOKLINE_IN_PROCESS_WORKER=0 to leave it to npm run worker)');
}

const server = spawn(process.execPath, [nextBin, dev ? 'dev' : 'start', '-p', port, '-H', host], { stdio: 'inherit', env: process.env });
server.on('exit', (code) => void shutdown(code ?? 0));
if (demoText) {
  void (async () => {
    const probe = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${port}/api/health`;
    while (!stopping) {
      const up = await fetch(probe).then((r) => r.ok, () => false);
      if (up) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    if (stopping) return;
    const rule = '─'.repeat(64);
    console.log(`\n${rule}\n${demoText.replace(/^/gm, '  ')}\n${rule}\n`);
  })();
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping`);
    void worker?.stop(); // first, so the database going away is not reported as a lost connection
    server.kill('SIGTERM');
  });
}
