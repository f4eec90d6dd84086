// When to try a failed delivery again: 1, 2, 4, 8, 16, 32 units, then every 60 units (unit = 1 minute
// by default; HOOKLINE_RETRY_UNIT_MS makes tests run it in milliseconds). A 429/503 Retry-After is
// honoured: never sooner than it says, at most one hour.
const STEPS = [1, 2, 4, 8, 16, 32];
const EVERY = 60;
const RETRY_AFTER_CAP_MS = 60 * 60 * 1000;

/** Delay after the n-th consecutive failure (n ≥ 1). */
export function backoffMs(failures: number, unitMs: number): number {
  return (STEPS[failures - 1] ?? EVERY) * unitMs;
}

/** Retry-After as delta-seconds or an HTTP date, in ms from now; null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

export function retryDelayMs(
  { failures, status, retryAfter }: { failures: number; status: number | null; retryAfter?: string },
  unitMs: number,
  now = Date.now(),
): number {
  const base = backoffMs(failures, unitMs);
  if (status !== 429 && status !== 503) return base;
  const asked = parseRetryAfter(retryAfter, now);
  return asked === null ? base : Math.max(base, Math.min(asked, RETRY_AFTER_CAP_MS));
}
