// Login throttling with rate-limiter-flexible's PostgreSQL store, so the limit holds across every app
// process and machine sharing the database. The table is created by our migrations (rate_limits).
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { pool } from '@/lib/db';
import { config } from '@/lib/config';
import { ApiError } from '@/lib/http/errors';

let limiter: RateLimiterPostgres | undefined;

function loginLimiter(): RateLimiterPostgres {
  limiter ??= new RateLimiterPostgres({
    storeClient: pool(),
    storeType: 'pool',
    tableName: 'rate_limits',
    tableCreated: true,
    keyPrefix: 'login',
    points: config().HOOKLINE_LOGIN_MAX_ATTEMPTS,
    duration: config().HOOKLINE_LOGIN_WINDOW_SECONDS,
  });
  return limiter;
}

export function clientIp(req: Request): string {
  return req.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || req.headers.get('x-real-ip') || 'direct';
}

/** Counts one login attempt for this email from this address; throws 429 once over the limit. */
export async function consumeLoginAttempt(req: Request, email: string): Promise<void> {
  try {
    await loginLimiter().consume(`${clientIp(req)}|${email}`);
  } catch (err) {
    if (err instanceof RateLimiterRes) {
      const seconds = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
      throw new ApiError('rate_limited', `Too many login attempts. Try again in ${Math.ceil(seconds / 60)} min.`, undefined, {
        'Retry-After': String(seconds),
      });
    }
    throw err;
  }
}

export async function resetLoginAttempts(req: Request, email: string): Promise<void> {
  await loginLimiter().delete(`${clientIp(req)}|${email}`);
}
