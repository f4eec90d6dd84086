import { eventBatch, eventIngestResultSchema, eventInputSchema, eventListQuerySchema, eventPageSchema, eventViewSchema } from '@/lib/events/schema';
import { batchBody } from '../batch';
import type { DomainSpec } from '../define';
import { EVENT_VIEW_EXAMPLE } from '../examples';

export const events: DomainSpec = {
  tag: { name: 'Events', description: 'Custom events (productViewed, subscribeFromApi …) whose parameters workflow templates read as ${name}.' },
  schemas: { Event: eventViewSchema },
  inputSchemas: { EventInput: eventInputSchema },
  paths: {
    '/events': {
      post: {
        operationId: 'ingestEvents',
        summary: 'Push custom events',
        description: '`params` is an object of any JSON, or the platform’s list form `[{ "name": …, "value": … }]`; both are stored as an object.',
        body: batchBody(eventBatch, {
          object: { summary: 'Parameters as an object', value: { eventTypeKey: 'subscribeFromApi', keyValue: '1258810400', params: { email: 'test@gmail.com', listId: 7477 } } },
          list: { summary: 'Parameters as a list of { name, value }', value: [{ eventTypeKey: 'productViewed', keyValue: 'sku-42', params: [{ name: 'price', value: 19.9 }, { name: 'currency', value: 'UAH' }] }] },
        }),
        responses: {
          202: { description: 'Stored; the ids in the order sent.', body: { schema: eventIngestResultSchema, examples: { one: { summary: 'One event', value: { accepted: 1, ids: ['1042'] } } } } },
        },
        errors: ['bad_request', 'payload_too_large', 'unsupported_media_type', 'unprocessable_entity'],
      },
      get: {
        operationId: 'listEvents',
        summary: 'List custom events',
        description: 'Newest first, keyset-paginated; optionally of one event type.',
        query: eventListQuerySchema,
        responses: { 200: { description: 'A page of events.', body: { schema: eventPageSchema, examples: { page: { summary: 'One event', value: { events: [EVENT_VIEW_EXAMPLE], nextCursor: null } } } } } },
        errors: ['unprocessable_entity'],
      },
    },
  },
};
