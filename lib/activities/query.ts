// The public API's activity query: a window of at most 3 months (the seeds' "Public API" rule).
import { z } from 'zod';
import { isoInstant } from '@/lib/http/instant';
import { ACTIVITY_STATUSES, MEDIA_TYPES } from './schema';

const DAY = 24 * 60 * 60 * 1000;
const instant = isoInstant({ error: 'Use an ISO 8601 date-time, e.g. 2026-11-01T00:00:00Z' }).transform((v) => new Date(v));

export const activityQuerySchema = z
  .object({
    dateFrom: instant.optional(),
    dateTo: instant.optional(),
    email: z.string().trim().min(1).max(320).optional(),
    status: z.enum(ACTIVITY_STATUSES, { error: `Must be one of ${ACTIVITY_STATUSES.join(', ')}` }).optional(),
    mediaType: z.enum(MEDIA_TYPES, { error: `Must be one of ${MEDIA_TYPES.join(', ')}` }).optional(),
    cursor: z.string().max(500).optional(),
    limit: z.coerce.number().int('Must be a whole number').min(1, 'At least 1').max(1000, 'At most 1,000').default(100),
  })
  .transform((q) => {
    const dateTo = q.dateTo ?? new Date();
    const dateFrom = q.dateFrom ?? new Date(dateTo.getTime() - DAY);
    return { ...q, dateFrom, dateTo };
  })
  .superRefine((q, ctx) => {
    if (q.dateFrom >= q.dateTo) ctx.addIssue({ code: 'custom', path: ['dateFrom'], message: 'dateFrom must be before dateTo' });
    const limit = new Date(q.dateTo);
    limit.setUTCMonth(limit.getUTCMonth() - 3);
    if (q.dateFrom < limit) ctx.addIssue({ code: 'custom', path: ['dateFrom'], message: 'The window may span at most 3 months' });
  });
export type ActivityQuery = z.output<typeof activityQuerySchema>;
