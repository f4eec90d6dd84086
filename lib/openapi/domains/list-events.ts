import { z } from 'zod';
import { listEventBatch, listEventSchema } from '@/lib/event-webhooks/schema';
import { batchBody } from '../batch';
import type { DomainSpec } from '../define';
import { EVENT_EXAMPLES } from '../examples';

const { eventType: _s, ...subscription } = EVENT_EXAMPLES.Subscriptions;
const { eventType: _c, ...confirmation } = EVENT_EXAMPLES.Confirmations;

export const listEvents: DomainSpec = {
  tag: { name: 'List events', description: 'Subscriptions, confirmations and unsubscriptions of mailing lists, sent on to the event webhooks of their type.' },
  inputSchemas: { ListEvent: listEventSchema },
  paths: {
    '/list-events': {
      post: {
        operationId: 'ingestListEvents',
        summary: 'Push list events',
        body: batchBody(listEventBatch, {
          subscription: { summary: 'A subscription (seed 004)', value: { type: 'subscription', ...subscription } },
          many: { summary: 'A confirmation and an unsubscription', value: [{ type: 'confirmation', ...confirmation }, { type: 'unsubscription', listId: 7468, subscriberId: 4723542, subscriberEmail: 'test@test.com' }] },
        }),
        responses: {
          202: { description: 'Stored and queued for the event webhooks of their type.', body: { schema: z.object({ accepted: z.int().min(0) }), examples: { one: { summary: 'One event', value: { accepted: 1 } } } } },
        },
        errors: ['bad_request', 'payload_too_large', 'unsupported_media_type', 'unprocessable_entity'],
      },
    },
  },
};
