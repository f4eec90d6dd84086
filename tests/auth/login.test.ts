import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { authenticateUser } from '@/lib/accounts/service';
import { consumeLoginAttempt, MAX_DELAY_SECONDS, resetLoginAttempts } from '@/lib/auth/rate-limit';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { config, resetConfig } from '@/lib/config';
import { POST as loginRoute } from '@/app/api/auth/login/route';
import { call } from '../support/browser';
import { toApiError } from '@/lib/http/errors';
import { newAccount } from '../support/fixtures';

describe('passwords and login', () => {
  it('hashes with argon2id and verifies', async () => {
    const hash = await hashPassword('correct horse');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, 'correct horse')).toBe(true);
    expect(await verifyPassword(hash, 'wrong')).toBe(false);
    expect(await verifyPassword(null, 'anything')).toBe(false);
  });

  it('authenticates a user by email and password', async () => {
    const acme = await newAccount();
    expect((await authenticateUser(acme.email, acme.password!))?.email).toBe(acme.email);
    expect(await authenticateUser(acme.email, 'nope')).toBeNull();
    expect(await authenticateUser('nobody@example.test', acme.password!)).toBeNull();
  });

  it('a user on another address can still sign in after an attacker’s wrong guesses (after at most a short delay)', async () => {
    const acme = await newAccount();
    const max = config().HOOKLINE_LOGIN_MAX_ATTEMPTS;
    for (let i = 0; i < max; i++) expect((await attempt(acme.email, 'wrong', ATTACKER)).status).toBe(401);
    // The attacker's address is now blocked for this email, even with the right password.
    const blocked = await attempt(acme.email, acme.password!, ATTACKER);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(60);

    // The real user, elsewhere, waits at most the per-email delay and signs in.
    const { res, waited } = await attemptUntilAllowed(acme.email, acme.password!, USER);
    expect(res.status).toBe(200);
    expect(waited).toBeLessThanOrEqual(MAX_DELAY_SECONDS);
    // Her success does not unblock the attacker's address.
    expect((await attempt(acme.email, 'wrong', ATTACKER)).status).toBe(429);
  });

  it('keeps brute force from one address blocked for the whole window', async () => {
    const acme = await newAccount();
    const max = config().HOOKLINE_LOGIN_MAX_ATTEMPTS;
    for (let i = 0; i < max; i++) await attempt(acme.email, 'wrong', ATTACKER);
    // Waiting out the per-email delay does not help: the (email, address) limit holds.
    await new Promise((r) => setTimeout(r, 2100));
    for (let i = 0; i < 3; i++) expect((await attempt(acme.email, 'wrong', ATTACKER)).status).toBe(429);
  });

  it('slows guesses from rotating addresses with growing per-email delays', async () => {
    const acme = await newAccount();
    const max = config().HOOKLINE_LOGIN_MAX_ATTEMPTS;
    for (let i = 0; i < max; i++) expect((await attempt(acme.email, 'wrong', `198.51.100.${i}`)).status).toBe(401);
    const first = await attempt(acme.email, 'wrong', '198.51.100.200');
    expect(first.status).toBe(429);
    expect(Number(first.headers.get('retry-after'))).toBe(1);
    const { res } = await attemptUntilAllowed(acme.email, 'wrong', '198.51.100.201');
    expect(res.status).toBe(401);
    const second = await attempt(acme.email, 'wrong', '198.51.100.202');
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('retry-after'))).toBe(2);
    // Parallel guesses cannot share one slot.
    await new Promise((r) => setTimeout(r, 2100));
    const burst = await Promise.all(Array.from({ length: 5 }, (_, i) => attempt(acme.email, 'wrong', `198.51.100.${210 + i}`)));
    expect(burst.filter((r) => r.status === 401)).toHaveLength(1);
  });

  it('throttles per address taken from X-Forwarded-For’s first entry only behind a trusted proxy', async () => {
    process.env.HOOKLINE_TRUST_PROXY = '1';
    resetConfig();
    try {
      const email = `proxied-${randomBytes(4).toString('hex')}@example.test`;
      const max = config().HOOKLINE_LOGIN_MAX_ATTEMPTS;
      const via = (client: string) => new Request('http://localhost/api/auth/login', { headers: { 'x-forwarded-for': `${client}, 10.0.0.1` } });
      for (let i = 0; i < max; i++) await consumeLoginAttempt(via('203.0.113.9'), email);
      expect(toApiError(await consumeLoginAttempt(via('203.0.113.9'), email).catch((e) => e)).status).toBe(429);
      await resetLoginAttempts(via('203.0.113.9'), email);
      await expect(consumeLoginAttempt(via('203.0.113.9'), email)).resolves.toBeUndefined();
    } finally {
      delete process.env.HOOKLINE_TRUST_PROXY;
      resetConfig();
    }
  });
});

// Without HOOKLINE_TRUST_PROXY, the address is the X-Forwarded-For that Next's server sets from the
// connection (lib/http/forwarded.ts); these requests carry what it would set for two machines.
const ATTACKER = '203.0.113.66';
const USER = '198.51.100.7';

function attempt(email: string, password: string, address: string): Promise<Response> {
  return call(loginRoute, '/api/auth/login', { method: 'POST', json: { email, password }, headers: { 'x-forwarded-for': address } });
}

async function attemptUntilAllowed(email: string, password: string, address: string): Promise<{ res: Response; waited: number }> {
  let waited = 0;
  for (;;) {
    const res = await attempt(email, password, address);
    if (res.status !== 429) return { res, waited };
    const seconds = Number(res.headers.get('retry-after'));
    expect(seconds).toBeLessThanOrEqual(MAX_DELAY_SECONDS);
    waited += seconds;
    await new Promise((r) => setTimeout(r, seconds * 1000 + 50));
  }
}
