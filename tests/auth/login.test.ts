import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { authenticateUser } from '@/lib/accounts/service';
import { consumeLoginAttempt, resetLoginAttempts } from '@/lib/auth/rate-limit';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { config } from '@/lib/config';
import { closeDb } from '@/lib/db';
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

  it('ignores X-Forwarded-For unless a proxy is trusted, and limits each email whatever the address', async () => {
    const email = `rotating-${randomBytes(4).toString('hex')}@example.test`;
    const max = config().HOOKLINE_LOGIN_MAX_ATTEMPTS;
    // Untrusted: a new forwarded address per guess does not reset the count.
    for (let i = 0; i < max; i++) await consumeLoginAttempt(new Request('http://localhost', { headers: { 'x-forwarded-for': `198.51.100.${i}` } }), email);
    const err = toApiError(await consumeLoginAttempt(new Request('http://localhost', { headers: { 'x-forwarded-for': '198.51.100.250' } }), email).catch((e) => e));
    expect(err.status).toBe(429);
  });

  it('throttles repeated attempts per address and email, across processes (PostgreSQL store)', async () => {
    process.env.HOOKLINE_TRUST_PROXY = '1';
    await closeDb(); // re-read the configuration
    const email = `victim-${randomBytes(4).toString('hex')}@example.test`;
    const req = new Request('http://localhost/api/auth/login', { headers: { 'x-forwarded-for': '203.0.113.9' } });
    const other = new Request('http://localhost/api/auth/login', { headers: { 'x-forwarded-for': '203.0.113.10' } });
    const max = config().HOOKLINE_LOGIN_MAX_ATTEMPTS;
    for (let i = 0; i < max; i++) await consumeLoginAttempt(req, email);
    const err = toApiError(await consumeLoginAttempt(req, email).catch((e) => e));
    expect(err.status).toBe(429);
    expect(Number(err.headers?.['Retry-After'])).toBeGreaterThan(0);
    await expect(consumeLoginAttempt(other, email)).resolves.toBeUndefined();
    await resetLoginAttempts(req, email);
    await expect(consumeLoginAttempt(req, email)).resolves.toBeUndefined();
    delete process.env.HOOKLINE_TRUST_PROXY;
    await closeDb();
  });
});
