// Login throttling, shared by every app process through PostgreSQL. Two rules, so that brute force
// stays slow without handing an attacker a way to lock a real user out:
//  - per (email, client address), strict: HOOKLINE_LOGIN_MAX_ATTEMPTS attempts within
//    HOOKLINE_LOGIN_WINDOW_SECONDS, then 429 until the window ends (rate-limiter-flexible's PostgreSQL
//    store, table rate_limits);
//  - per email, whatever the address: the same number of attempts are free, then each further attempt
//    must wait a growing delay after the previous one (1 s, 2 s, 4 s … at most MAX_DELAY_SECONDS;
//    table login_delays). No hard lock: someone on another address waits at most that long, while a
//    guesser rotating addresses gets about one guess a minute.
// A successful sign-in clears both for its email and address; attempts refused by a limit are not
// counted against the other one.
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { pool } from '@/lib/db/pool';
import { config } from '@/lib/config';
import { ApiError } from '@/lib/http/errors';
import { clientAddress } from '@/lib/http/forwarded';

export const MAX_DELAY_SECONDS = 60;
const byPool = new WeakMap<object, RateLimiterPostgres>();

function pairLimiter(): RateLimiterPostgres {
  const p = pool();
  let l = byPool.get(p);
  if (!l) {
    l = new RateLimiterPostgres({
      storeClient: p,
      storeType: 'pool',
      tableName: 'rate_limits',
      tableCreated: true,
      keyPrefix: 'login',
      points: config().HOOKLINE_LOGIN_MAX_ATTEMPTS,
      duration: config().HOOKLINE_LOGIN_WINDOW_SECONDS,
    });
    byPool.set(p, l);
  }
  return l;
}

const pairKey = (req: Request, email: string) => `${clientAddress(req)}|${email}`;

function tooMany(seconds: number): ApiError {
  const wait = seconds < 120 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
  return new ApiError('rate_limited', `Too many login attempts. Try again in ${wait}.`, undefined, { 'Retry-After': String(seconds) });
}

/** Takes the email's next attempt slot in one statement (so parallel guesses cannot share a slot);
 *  null when allowed, else the seconds to wait. The counter restarts after a quiet window. */
async function takeEmailSlot(email: string): Promise<number | null> {
  const { HOOKLINE_LOGIN_MAX_ATTEMPTS: free, HOOKLINE_LOGIN_WINDOW_SECONDS: window } = config();
  const attempts = `CASE WHEN login_delays.last_attempt_at < now() - make_interval(secs => $3) THEN 1 ELSE login_delays.attempts + 1 END`;
  const { rows } = await pool().query<{ attempts: number }>(
    `INSERT INTO login_delays AS login_delays (email, attempts, last_attempt_at, next_allowed_at)
     VALUES ($1, 1, now(), now())
     ON CONFLICT (email) DO UPDATE SET
       attempts = ${attempts},
       last_attempt_at = now(),
       next_allowed_at = now() + make_interval(secs => CASE WHEN ${attempts} < $2 THEN 0 ELSE LEAST(power(2, ${attempts} - $2), $4) END)
     WHERE login_delays.next_allowed_at <= now() OR login_delays.last_attempt_at < now() - make_interval(secs => $3)
     RETURNING attempts`,
    [email, free, window, MAX_DELAY_SECONDS],
  );
  if (rows.length > 0) return null;
  const { rows: wait } = await pool().query<{ seconds: number }>(
    'SELECT GREATEST(1, ceil(extract(epoch FROM next_allowed_at - now())))::int AS seconds FROM login_delays WHERE email = $1',
    [email],
  );
  return wait[0]?.seconds ?? 1;
}

/** Counts one login attempt for this email from this address; throws 429 (with Retry-After) when the
 *  address is over its limit for the email, or the email's delay has not passed. */
export async function consumeLoginAttempt(req: Request, email: string): Promise<void> {
  const key = pairKey(req, email);
  const pair = await pairLimiter().get(key);
  if (pair && pair.remainingPoints <= 0) throw tooMany(Math.max(1, Math.ceil(pair.msBeforeNext / 1000)));
  const wait = await takeEmailSlot(email);
  if (wait !== null) throw tooMany(wait);
  try {
    await pairLimiter().consume(key);
  } catch (err) {
    if (err instanceof RateLimiterRes) throw tooMany(Math.max(1, Math.ceil(err.msBeforeNext / 1000)));
    throw err;
  }
}

export async function resetLoginAttempts(req: Request, email: string): Promise<void> {
  await pairLimiter().delete(pairKey(req, email));
  await pool().query('DELETE FROM login_delays WHERE email = $1', [email]);
}
