// The CSRF origin check of cookie-authenticated mutations (lib/auth/route.ts → assertSameOrigin) and
// which forwarded headers it may believe (lib/http/forwarded.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { assertSameOrigin } from '@/lib/auth/route';
import { resetConfig } from '@/lib/config';
import { toApiError } from '@/lib/http/errors';

const post = (headers: Record<string, string>) => new Request('http://hookline.test/api/endpoints', { method: 'POST', headers });
const refusal = (req: Request) => {
  try {
    assertSameOrigin(req);
    return null;
  } catch (err) {
    return toApiError(err).status;
  }
};
function trustProxy(on: boolean) {
  if (on) process.env.HOOKLINE_TRUST_PROXY = '1';
  else delete process.env.HOOKLINE_TRUST_PROXY;
  resetConfig();
}

afterEach(() => trustProxy(false));

describe('origin check', () => {
  it('accepts the request’s own host, refuses another origin or none', () => {
    expect(refusal(post({ host: 'hookline.test', origin: 'http://hookline.test' }))).toBeNull();
    expect(refusal(post({ host: 'hookline.test', origin: 'https://evil.example' }))).toBe(403);
    expect(refusal(post({ host: 'hookline.test' }))).toBe(403);
    expect(refusal(post({ host: 'hookline.test', origin: 'http://hookline.test', 'sec-fetch-site': 'cross-site' }))).toBe(403);
  });

  it('ignores a client-sent X-Forwarded-Host without HOOKLINE_TRUST_PROXY', () => {
    trustProxy(false);
    expect(refusal(post({ host: 'hookline.test', origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' }))).toBe(403);
  });

  it('believes X-Forwarded-Host behind a trusted proxy', () => {
    trustProxy(true);
    expect(refusal(post({ host: '10.0.0.5:3000', origin: 'https://hooks.example.com', 'x-forwarded-host': 'hooks.example.com' }))).toBeNull();
    expect(refusal(post({ host: '10.0.0.5:3000', origin: 'https://evil.example', 'x-forwarded-host': 'hooks.example.com' }))).toBe(403);
  });
});
