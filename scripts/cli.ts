// npm run hookline -- <command> [options]
import { parseArgs } from 'node:util';
import { ensureSecret, resolveDatabase, sealHeadersAtRest } from '@/lib/runtime';
import { migrate } from '@/lib/db/migrate';
import { createLogger, logger, logLine, setLogger } from '@/lib/log';

const USAGE = `Usage: npm run hookline -- <command> [options]

Commands:
  migrate                                  apply database migrations
  create-account --name <n> --email <e>    create an account and its admin (prints password and API key)
  create-api-key --account <id|name> [--name <key name>]
  reset-password --email <e>               set a new random password (prints it)
  worker                                   deliver webhooks until stopped (run any number, on any machines)
  status [--json]                          queue per endpoint, failing endpoints and their last error, workers
  export-config --account <id|name> [--secrets sealed|omit] [--file <path>]
                                           the account's webhooks and connectors as JSON (stdout without --file)
  import-config --account <id|name> --file <path>
                                           apply such a file: create or update by name, all or nothing
`;

// Logs go to stderr: stdout is the commands' output (status, export-config).
setLogger(createLogger({ destination: 2 }));
const log = logLine('cli');

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      name: { type: 'string' },
      email: { type: 'string' },
      account: { type: 'string' },
      json: { type: 'boolean' },
      secrets: { type: 'string' },
      file: { type: 'string' },
    },
  });
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return;
  }
  ensureSecret();
  const database = await resolveDatabase({ log });
  try {
    await migrate(database.url, { log });
    // Each command imports what it needs (after DATABASE_URL is known): the worker never loads Prisma.
    const { closeDb } = await import('@/lib/db/pool');
    try {
      await sealHeadersAtRest(log);
      switch (command) {
        case 'migrate':
          log('database is up to date');
          break;
        case 'worker': {
          const { startWorker } = await import('@/lib/delivery/worker');
          const { serveMetrics } = await import('@/lib/metrics/expose');
          const { config } = await import('@/lib/config');
          const worker = startWorker();
          const port = config().HOOKLINE_WORKER_METRICS_PORT;
          const metrics = port ? await serveMetrics(port) : null;
          logger().info({ worker: worker.owner, metrics: metrics ? `${metrics.url}/metrics` : undefined }, 'worker delivering (Ctrl-C or SIGTERM to stop)');
          const signal = await new Promise<string>((resolve) => {
            process.once('SIGINT', () => resolve('SIGINT'));
            process.once('SIGTERM', () => resolve('SIGTERM'));
          });
          logger().info({ worker: worker.owner, signal }, 'stopping: no new claims, finishing requests in flight');
          await worker.stop();
          await metrics?.close();
          break;
        }
        case 'create-account': {
          const accounts = await import('@/lib/accounts/service');
          const { createAccountSchema } = await import('@/lib/accounts/schema');
          const input = createAccountSchema.safeParse({ name: values.name, email: values.email });
          if (!input.success) throw new Error(input.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
          const created = await accounts.createAccount(input.data);
          console.log(`Account:  ${created.account.name} (${created.account.id})`);
          console.log(`Login:    ${created.email}`);
          console.log(`Password: ${created.password ?? '(existing user: password unchanged)'}`);
          console.log(`API key:  ${created.apiKey}`);
          break;
        }
        case 'create-api-key': {
          if (!values.account) throw new Error('--account <id or name> is required');
          const { resolveAccount } = await import('@/lib/config-io');
          const account = await resolveAccount(values.account);
          const { createApiKey } = await import('@/lib/api-keys/service');
          const { key } = await createApiKey(account.id, { name: values.name ?? 'CLI key' });
          console.log(key);
          break;
        }
        case 'export-config': {
          if (!values.account) throw new Error('--account <id or name> is required');
          const secrets = values.secrets ?? 'sealed';
          const { exportConfig, resolveAccount, SECRETS_MODES } = await import('@/lib/config-io');
          if (!(SECRETS_MODES as readonly string[]).includes(secrets)) throw new Error('--secrets is sealed or omit');
          const account = await resolveAccount(values.account);
          const text = `${JSON.stringify(await exportConfig(account.id, secrets as 'sealed' | 'omit'), null, 2)}\n`;
          if (values.file) {
            const { writeFileSync } = await import('node:fs');
            writeFileSync(values.file, text, { mode: 0o600 });
            log(`wrote the config of ${account.name} to ${values.file}`);
          } else process.stdout.write(text);
          break;
        }
        case 'import-config': {
          if (!values.account || !values.file) throw new Error('--account <id or name> and --file <path> are required');
          const { importConfig, resolveAccount } = await import('@/lib/config-io');
          const { readFileSync } = await import('node:fs');
          const account = await resolveAccount(values.account);
          let raw: unknown;
          try {
            raw = JSON.parse(readFileSync(values.file, 'utf8'));
          } catch (err) {
            throw new Error(`${values.file} is not JSON: ${(err as Error).message}`);
          }
          const { ApiError } = await import('@/lib/http/errors');
          try {
            const result = await importConfig(account.id, raw);
            for (const [section, c] of Object.entries(result)) console.log(`${section}: ${c.created} created, ${c.updated} updated`);
          } catch (err) {
            if (!(err instanceof ApiError)) throw err;
            const lines = Object.entries(err.fields ?? {}).flatMap(([path, msgs]) => msgs.map((m) => `  ${path}: ${m}`));
            throw new Error([err.message, ...lines].join('\n'));
          }
          break;
        }
        case 'status': {
          const { status, formatStatus } = await import('@/lib/ops/status');
          const s = await status();
          console.log(values.json ? JSON.stringify(s, null, 2) : formatStatus(s));
          break;
        }
        case 'reset-password': {
          if (!values.email) throw new Error('--email is required');
          const { resetPassword } = await import('@/lib/accounts/service');
          console.log(await resetPassword(values.email.toLowerCase()));
          break;
        }
        default:
          throw new Error(`Unknown command ${command}\n\n${USAGE}`);
      }
    } finally {
      await closeDb();
    }
  } finally {
    await database.stop();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
