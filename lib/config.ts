// Every environment variable Hookline reads, parsed once. The README's configuration table mirrors this file.
import { z } from 'zod';

const envSchema = z.object({
  DATABASE_URL: z.string().min(1, 'DATABASE_URL is required (npm start sets it when it starts the embedded database)'),
  HOOKLINE_SECRET: z.string().min(32, 'HOOKLINE_SECRET must be at least 32 characters'),
  HOOKLINE_PUBLIC_URL: z.string().url().optional(),
  HOOKLINE_LOGIN_MAX_ATTEMPTS: z.coerce.number().int().positive().default(10),
  HOOKLINE_LOGIN_WINDOW_SECONDS: z.coerce.number().int().positive().default(15 * 60),
  HOOKLINE_DB_POOL_SIZE: z.coerce.number().int().positive().default(10),
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
