import { z } from 'zod';
import { requestWebhookSchema } from '@/lib/templates/schema';

export const testDataSchema = z
  .object({
    contactId: z.uuid('Choose a contact').optional(),
    eventId: z.string().regex(/^\d+$/, 'Choose an event').optional(),
    event: z.record(z.string(), z.string()).optional(),
  })
  .refine((d) => !(d.eventId && d.event), { message: 'Choose a received event or type one, not both', path: ['event'] });

/** A test runs on the dialog's current values, saved or not; `id` (when saved) keeps the sample response. */
export const requestTestSchema = z.object({ webhook: requestWebhookSchema, data: testDataSchema, id: z.uuid().optional() });
