import { z } from 'zod';
import { MAX_ACTIVITIES_PER_REQUEST, activityBatch, activitySchema } from '@/lib/activities/schema';
import { activityQuerySchema } from '@/lib/activities/query';
import { batchBody } from '../batch';
import type { DomainSpec } from '../define';
import { ACTIVITY_EXAMPLES } from '../examples';

const accepted = z.object({ accepted: z.int().min(0).meta({ description: 'How many activities were stored and queued.' }) });
const activityPage = z.object({
  activities: z.array(activitySchema).meta({ description: 'Exactly as they were pushed (unknown fields and key order kept), oldest first.' }),
  nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last.' }),
});

export const activities: DomainSpec = {
  tag: { name: 'Activities', description: 'Contact activities (delivered, read, clicked …) pushed in by a platform and delivered on to every endpoint that takes their status.' },
  schemas: { Activity: activitySchema },
  paths: {
    '/activities': {
      post: {
        operationId: 'ingestActivities',
        summary: 'Push activities',
        description: `One activity object or an array of at most ${MAX_ACTIVITIES_PER_REQUEST}. All or nothing: one invalid item refuses the batch (422, fields by index). A 202 means they are stored and queued for delivery.`,
        body: batchBody(activityBatch, {
          one: { summary: 'One activity (seed 000, bulk campaign)', value: ACTIVITY_EXAMPLES[0] },
          many: { summary: 'An array (the seeds’ examples)', value: ACTIVITY_EXAMPLES },
        }),
        responses: { 202: { description: 'Stored and queued.', body: { schema: accepted, examples: { accepted: { summary: 'Every activity of the array', value: { accepted: ACTIVITY_EXAMPLES.length } } } } } },
        errors: ['bad_request', 'payload_too_large', 'unsupported_media_type', 'unprocessable_entity'],
      },
      get: {
        operationId: 'listActivities',
        summary: 'Read activities by time window',
        description: 'Activities with `activityDateTime` in [dateFrom, dateTo): by default the last 24 hours; the window may span at most 3 months. Keyset-paginated.',
        query: activityQuerySchema,
        responses: {
          200: { description: 'A page of activities.', body: { schema: activityPage, examples: { page: { summary: 'Two activities', value: { activities: ACTIVITY_EXAMPLES.slice(0, 2), nextCursor: null } } } } },
        },
        errors: ['unprocessable_entity'],
      },
    },
  },
};
