import { describe, expect, it } from 'vitest';
import { newNonce, securityHeaders } from '@/lib/http/security-headers';

describe('security headers', () => {
  it('send HSTS and upgrade-insecure-requests only when the public URL is https', () => {
    const https = securityHeaders({ nonce: 'abc', publicUrl: 'https://hooks.example.com' });
    expect(https['Strict-Transport-Security']).toBe('max-age=31536000; includeSubDomains');
    expect(https['Content-Security-Policy']).toContain('upgrade-insecure-requests');
    for (const publicUrl of [undefined, 'http://localhost:3000']) {
      const plain = securityHeaders({ nonce: 'abc', publicUrl });
      expect(plain['Strict-Transport-Security']).toBeUndefined();
      expect(plain['Content-Security-Policy']).not.toContain('upgrade-insecure-requests');
    }
  });

  it('allow scripts only with the nonce, never inline or eval in production', () => {
    const csp = securityHeaders({ nonce: 'n0nce' })['Content-Security-Policy'];
    const scriptSrc = csp.split('; ').find((d) => d.startsWith('script-src '));
    expect(scriptSrc).toBe("script-src 'self' 'nonce-n0nce' 'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(securityHeaders({ nonce: 'n', dev: true })['Content-Security-Policy']).toContain("'unsafe-eval'");
  });

  it('deny framing, sniffing and unused browser features', () => {
    expect(securityHeaders({ nonce: 'n' })).toMatchObject({
      'X-Frame-Options': 'DENY',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'Permissions-Policy': expect.stringContaining('camera=()'),
    });
  });

  it('makes a fresh 128-bit nonce each time', () => {
    const a = newNonce();
    expect(Buffer.from(a, 'base64')).toHaveLength(16);
    expect(newNonce()).not.toBe(a);
  });
});
