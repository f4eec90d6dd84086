// Login throttling with rate-limiter-flexible's PostgreSQL store, so the limit holds across every app
// process and machine sharing the database. The table is created by our migrations (rate_limits).
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { pool } from '@/lib/db/pool';
import { config } from '@/lib/config';
import { ApiError } from '@/lib/http/errors';

/** Per email, whatever the address, a looser limit: rotating addresses does not help a guesser. */
const PER_EMAIL_FACTOR = 5;
const byPool = new WeakMap<object, Map<string, RateLimiterPostgres>>();

function limiter(keyPrefix: 'login' | 'login-email'): RateLimiterPostgres {
  const p = pool();
  let limiters = byPool.get(p);
  if (!limiters) byPool.set(p, (limiters = new Map()));
  let l = limiters.get(keyPrefix);
  if (!l) {
    const max = config().HOOKLINE_LOGIN_MAX_ATTEMPTS;
    l = new RateLimiterPostgres({
      storeClient: p,
      storeType: 'pool',
      tableName: 'rate_limits',
      tableCreated: true,
      keyPrefix,
      points: keyPrefix === 'login' ? max : max * PER_EMAIL_FACTOR,
      duration: config().HOOKLINE_LOGIN_WINDOW_SECONDS,
    });
    limiters.set(keyPrefix, l);
  }
  return l;
}

/** The client address, from X-Forwarded-For only when HOOKLINE_TRUST_PROXY says a proxy sets it
 *  (otherwise anyone could send a new one with every guess). */
export function clientIp(req: Request): string {
  if (!config().HOOKLINE_TRUST_PROXY) return 'direct';
  return req.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || req.headers.get('x-real-ip') || 'direct';
}

/** Counts one login attempt for this email from this address; throws 429 once over either limit. */
export async function consumeLoginAttempt(req: Request, email: string): Promise<void> {
  try {
    await limiter('login').consume(`${clientIp(req)}|${email}`);
    await limiter('login-email').consume(email);
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
  await limiter('login').delete(`${clientIp(req)}|${email}`);
  await limiter('login-email').delete(email);
}
