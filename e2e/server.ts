// Starts the built app for the end-to-end tests on a fresh database of the test PostgreSQL server,
// with two accounts: Acme (alice) and Globex (alice and bob). Dropped again on exit.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createDatabase, dropDatabase } from '../tests/support/databases';
import { migrate } from '@/lib/db/migrate';
import { FIXTURES_FILE, TLS_CERT_FILE, TLS_KEY_FILE, type E2EFixtures } from './fixtures';
import { makeSelfSignedCert } from '../tests/support/tls';
import { setExtraCACertificates } from '@/lib/http/outbound';

const port = process.env.E2E_PORT || '3100';
const { name, url } = await createDatabase('hookline_e2e');
process.env.DATABASE_URL = url;
process.env.HOOKLINE_SECRET ||= 'e2e-secret-e2e-secret-e2e-secret-0123456789';
process.env.NEXT_TELEMETRY_DISABLED = '1';
// A data folder of its own (the demo login file of a first start lives there; e2e/shell.spec.ts).
process.env.HOOKLINE_DATA_DIR = path.resolve('e2e/.artifacts/data');
// Receivers in the tests listen on 127.0.0.1; deliveries run fast.
process.env.HOOKLINE_ALLOW_PRIVATE_NETWORKS = '1';
process.env.HOOKLINE_BATCH_LINGER_MS ||= '100';
process.env.HOOKLINE_RETRY_UNIT_MS ||= '200';
process.env.HOOKLINE_WORKER_POLL_MS ||= '100';
await migrate(url);

const { createAccount, addMember } = await import('@/lib/accounts/service');
const { createApiKey } = await import('@/lib/api-keys/service');
const { hashPassword } = await import('@/lib/auth/password');
const { db, closeDb } = await import('@/lib/db');

const acme = await createAccount({ name: 'Acme Marketing', email: 'alice@acme.test', userName: 'Alice' });
const globex = await createAccount({ name: 'Globex Retail', email: 'bob@globex.test', userName: 'Bob' });
const alice = await db().user.findUniqueOrThrow({ where: { email: 'alice@acme.test' } });
await addMember(globex.account.id, alice.id);
const passwords = { alice: 'alice-password-1', bob: 'bob-password-1' };
await db().user.update({ where: { email: 'alice@acme.test' }, data: { passwordHash: await hashPassword(passwords.alice) } });
await db().user.update({ where: { email: 'bob@globex.test' }, data: { passwordHash: await hashPassword(passwords.bob) } });
const globexKey = await createApiKey(globex.account.id, { name: 'Globex sender' });
await closeDb();
// The delivery loop runs beside the app, as under npm start.
const { startWorker } = await import('@/lib/delivery/worker');
const worker = startWorker();

const fixtures: E2EFixtures = {
  alice: { email: 'alice@acme.test', password: passwords.alice },
  bob: { email: 'bob@globex.test', password: passwords.bob },
  acme: { ...acme.account, apiKey: acme.apiKey },
  globex: { ...globex.account, apiKey: globexKey.key, apiKeyId: globexKey.apiKey.id },
};
mkdirSync('e2e/.artifacts', { recursive: true });
writeFileSync(FIXTURES_FILE, JSON.stringify(fixtures, null, 2));
// HTTPS receivers in the specs use this certificate; the app and its worker trust it.
const pem = makeSelfSignedCert();
writeFileSync(TLS_KEY_FILE, pem.key);
writeFileSync(TLS_CERT_FILE, pem.cert);
setExtraCACertificates([pem.cert]);
process.env.NODE_EXTRA_CA_CERTS = TLS_CERT_FILE;

const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
const server = spawn(process.execPath, [nextBin, 'start', '-p', port, '-H', '127.0.0.1'], { stdio: 'inherit', env: process.env });

let stopping = false;
const serverExited = new Promise((r) => server.once('exit', r));
async function stop() {
  if (stopping) return;
  stopping = true;
  server.kill('SIGTERM');
  await serverExited;
  await worker.stop();
  await closeDb();
  await dropDatabase(name).catch((e) => console.error('could not drop', name, e.message));
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
server.on('exit', () => void stop());
