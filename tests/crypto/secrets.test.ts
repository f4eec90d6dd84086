// Secrets at rest: what is sealed opens again, and the memo of opened secrets never outlives the key
// that opened them (a changed HOOKLINE_SECRET must refuse the old texts, not answer from memory).
import { afterEach, describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret } from '@/lib/crypto/secrets';
import { resetConfig } from '@/lib/config';

const original = process.env.HOOKLINE_SECRET;

afterEach(() => {
  process.env.HOOKLINE_SECRET = original;
  resetConfig();
});

describe('secrets at rest', () => {
  it('opens what it sealed, the same every time', () => {
    const sealed = encryptSecret('whsec_abc');
    expect(sealed).not.toContain('whsec_abc');
    expect(decryptSecret(sealed)).toBe('whsec_abc');
    expect(decryptSecret(sealed)).toBe('whsec_abc');
  });

  it('refuses a text sealed under another HOOKLINE_SECRET, even one it opened before', () => {
    const sealed = encryptSecret('password-1');
    expect(decryptSecret(sealed)).toBe('password-1');
    process.env.HOOKLINE_SECRET = 'another-secret-another-secret-another-0123';
    resetConfig();
    expect(() => decryptSecret(sealed)).toThrow();
    process.env.HOOKLINE_SECRET = original;
    resetConfig();
    expect(decryptSecret(sealed)).toBe('password-1');
  });

  it('refuses a tampered text', () => {
    const sealed = encryptSecret('token');
    const [v, iv, tag, data] = sealed.split(':');
    const flipped = Buffer.from(data, 'base64url');
    flipped[0] ^= 1;
    expect(() => decryptSecret([v, iv, tag, flipped.toString('base64url')].join(':'))).toThrow();
    expect(decryptSecret(sealed)).toBe('token');
  });
});
