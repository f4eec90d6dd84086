// The one rule for points in time that clients send (query filters, cursors, stored dates): a real
// calendar date (no 2024-02-30: zod's ISO check refuses it) whose instant lies within years 1–9999.
// PostgreSQL's timestamptz stops at 4713 BC and JavaScript's Date at ±275760, and neither range
// may reach SQL unchecked. Browser-safe: forms and query schemas share it.
import { z } from 'zod';

const MIN_MS = Date.parse('0001-01-01T00:00:00.000Z');
const MAX_MS = Date.parse('9999-12-31T23:59:59.999Z');
export const INSTANT_RANGE_MESSAGE = 'Must lie between the years 0001 and 9999';

/** A parsed instant (Date or epoch ms) PostgreSQL and JavaScript can both hold. */
export function isStorableInstant(value: Date | number): boolean {
  const ms = typeof value === 'number' ? value : value.getTime();
  return Number.isFinite(ms) && ms >= MIN_MS && ms <= MAX_MS;
}

/** An ISO 8601 date-time with a zone (Z or ±hh:mm), as text; `local` also allows none (read as UTC). */
export function isoInstant(params: { error: z.core.$ZodISODateTimeParams['error']; local?: boolean }) {
  return z.iso
    .datetime({ offset: true, ...params })
    .refine((v) => {
      const ms = Date.parse(/(Z|[+-]\d\d:?\d\d)$/i.test(v) ? v : `${v}Z`);
      return Number.isNaN(ms) || isStorableInstant(ms); // not a date at all: the format issue says so
    }, INSTANT_RANGE_MESSAGE);
}
