import { describe, expect, it } from 'vitest';
import { backoffMs, parseRetryAfter, retryDelayMs } from '@/lib/delivery/backoff';

describe('retry schedule', () => {
  it('is 1, 2, 4, 8, 16, 32 units, then every 60', () => {
    expect(Array.from({ length: 9 }, (_, i) => backoffMs(i + 1, 60_000) / 60_000)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
    expect(backoffMs(3, 10)).toBe(40);
  });

  it('honours Retry-After on 429 and 503: never sooner than asked, at most an hour', () => {
    const now = Date.parse('2026-11-25T12:00:00Z');
    expect(retryDelayMs({ failures: 1, status: 429, retryAfter: '120' }, 60_000, now)).toBe(120_000);
    expect(retryDelayMs({ failures: 1, status: 503, retryAfter: 'Wed, 25 Nov 2026 12:05:00 GMT' }, 60_000, now)).toBe(300_000);
    expect(retryDelayMs({ failures: 1, status: 429, retryAfter: '86400' }, 60_000, now)).toBe(3_600_000);
    expect(retryDelayMs({ failures: 5, status: 429, retryAfter: '1' }, 60_000, now)).toBe(16 * 60_000); // the schedule is longer
    expect(retryDelayMs({ failures: 1, status: 500, retryAfter: '999' }, 60_000, now)).toBe(60_000); // only 429/503
    expect(retryDelayMs({ failures: 2, status: 429, retryAfter: 'soon' }, 60_000, now)).toBe(120_000);
    expect(parseRetryAfter(undefined)).toBeNull();
  });
});
