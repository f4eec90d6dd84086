// Every environment variable Hookline reads, parsed once. The README's configuration table mirrors this file.
import { z } from 'zod';

// Logging is read on its own (lib/log): it is needed before DATABASE_URL is known.
const logEnv = {
  HOOKLINE_LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  HOOKLINE_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
};
const logEnvSchema = z.object(logEnv);

/** The logging variables alone; an invalid value falls back to the default rather than stopping the logger. */
export function logConfig(): z.infer<typeof logEnvSchema> {
  const parsed = logEnvSchema.safeParse(process.env);
  return parsed.success ? parsed.data : logEnvSchema.parse({});
}

const envSchema = z.object({
  DATABASE_URL: z.string().min(1, 'DATABASE_URL is required (npm start sets it when it starts the embedded database)'),
  HOOKLINE_SECRET: z.string().min(32, 'HOOKLINE_SECRET must be at least 32 characters'),
  HOOKLINE_PUBLIC_URL: z.string().url().optional(),
  HOOKLINE_LOGIN_MAX_ATTEMPTS: z.coerce.number().int().positive().default(10),
  HOOKLINE_LOGIN_WINDOW_SECONDS: z.coerce.number().int().positive().default(15 * 60),
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (otherwise it is ignored). */
  HOOKLINE_TRUST_PROXY: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  /** A browser session ends after this long without a request … */
  HOOKLINE_SESSION_IDLE_SECONDS: z.coerce.number().int().min(60).default(12 * 60 * 60),
  /** … and at the latest this long after sign-in. */
  HOOKLINE_SESSION_MAX_AGE_SECONDS: z.coerce.number().int().min(60).default(14 * 24 * 60 * 60),
  HOOKLINE_DB_POOL_SIZE: z.coerce.number().int().positive().default(20),
  // Limits on every pooled database session (lib/db/pool.ts), so a stalled process (GC pause, SIGSTOP,
  // network partition) cannot hold locks or a transaction open for long. Milliseconds.
  HOOKLINE_DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  HOOKLINE_DB_LOCK_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  HOOKLINE_DB_IDLE_TX_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  // Delivery engine (lib/delivery). Times in milliseconds.
  HOOKLINE_BATCH_MAX_ACTIVITIES: z.coerce.number().int().min(1).max(10_000).default(100),
  HOOKLINE_BATCH_MAX_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  HOOKLINE_BATCH_LINGER_MS: z.coerce.number().int().min(0).default(0),
  HOOKLINE_RETRY_UNIT_MS: z.coerce.number().int().positive().default(60_000),
  HOOKLINE_LEASE_MS: z.coerce.number().int().positive().default(60_000),
  HOOKLINE_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(32),
  // Workflow runs a worker process works at once (each waits on one webhook request at most; every
  // webhook's own rate limit and concurrency cap still hold across workers).
  HOOKLINE_WORKFLOW_CONCURRENCY: z.coerce.number().int().min(1).max(2000).default(128),
  HOOKLINE_WORKER_POLL_MS: z.coerce.number().int().positive().default(500),
  HOOKLINE_CLAIM_BUDGET_MS: z.coerce.number().int().positive().default(5_000),
  HOOKLINE_IN_PROCESS_WORKER: z
    .enum(['0', '1', 'true', 'false'])
    .default('1')
    .transform((v) => v === '1' || v === 'true'),
  HOOKLINE_RETENTION_DAYS: z.coerce.number().positive().default(30),
  CRON_SECRET: z.string().min(16, 'CRON_SECRET must be at least 16 characters').optional(),
  ...logEnv,
  /** Bearer token for GET /api/metrics (and the worker's metrics port); unset: the route answers 404. */
  HOOKLINE_METRICS_TOKEN: z.string().min(16, 'HOOKLINE_METRICS_TOKEN must be at least 16 characters').optional(),
  /** `npm run worker` serves its metrics on this port (0.0.0.0) when set. */
  HOOKLINE_WORKER_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** How long a stopping worker waits for requests in flight before it lets go of their endpoints anyway. */
  HOOKLINE_WORKER_STOP_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
});

export type Config = z.infer<typeof envSchema>;

let cached: Config | undefined;

export function config(): Config {
  if (!cached) {
    const parsed = envSchema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new Error(`Invalid configuration: ${problems}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** Forget the parsed configuration (after the environment changed, e.g. a new embedded database). */
export function resetConfig(): void {
  cached = undefined;
}

export const APP_VERSION = process.env.npm_package_version ?? '0.1.0';
