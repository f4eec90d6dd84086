// The document's `webhooks` section: what Hookline sends to the receivers of an account, so a
// receiver's team can generate types from the same file as the API's clients.
// - `activities`: Data export and Laboratory deliveries (an array, or one object per request for an
//   export whose format is "object"), every field of the seeds' parameter tables (activitySchema);
// - one entry per ExpertSender event type (EVENT_PAYLOAD_SCHEMAS, the exact objects event webhooks send);
// - `laboratoryTest`: the GET that saving an enabled Laboratory address sends first;
// - on every signed request the Standard Webhooks headers (lib/delivery/signature-headers.ts).
import { z } from 'zod';
import { activitySchema } from '@/lib/activities/schema';
import { SIGNATURE_HEADERS } from '@/lib/delivery/signature-headers';
import { EVENT_PAYLOAD_SCHEMAS, EVENT_TYPES, type EventType } from '@/lib/event-webhooks/schema';
import type { JsonSchema, SchemaConverter } from './define';
import { ACTIVITY_EXAMPLES, EVENT_EXAMPLES } from './examples';

const eventSchemaName = (t: EventType) => `${t}Event`;

/** Named payload schemas (components.schemas) and the tags of the webhooks. */
export const webhookPayloads = {
  schemas: Object.fromEntries(EVENT_TYPES.map((t) => [eventSchemaName(t.key), EVENT_PAYLOAD_SCHEMAS[t.key]])) as Record<string, z.ZodType>,
  tags: [
    { name: 'Activity deliveries', description: 'Sent to Data export endpoints and the Laboratory webhook.' },
    { name: 'Event webhooks', description: 'ExpertSender-style event objects, one per request, one event type per webhook (HTTPS only).' },
  ],
};

const header = (name: string, description: string, schema: JsonSchema, required = true, example?: string) => ({
  name,
  in: 'header',
  required,
  description,
  schema,
  ...(example ? { example } : {}),
});

/** The headers of every delivery (Standard Webhooks, plus what lib/delivery/request.ts sets). */
export const DELIVERY_HEADERS = [
  header(SIGNATURE_HEADERS.id, 'The message id: the same on every retry of one delivery (deduplicate on it). `msg_…` for deliveries, `test_…` for *Send test*.', { type: 'string' }, true, 'msg_1042'),
  header(SIGNATURE_HEADERS.timestamp, 'Unix seconds when this attempt was signed; refuse one far from your clock (Standard Webhooks libraries allow 5 minutes).', { type: 'string', pattern: '^\\d+$' }, true, '1763632805'),
  header(
    SIGNATURE_HEADERS.signature,
    'Space-separated `v1,<base64 HMAC-SHA256>` signatures of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint’s signing secret (the base64 after `whsec_`); two while a rotated-out secret is still valid. Accept the request when one matches.',
    { type: 'string', pattern: '^v1,[A-Za-z0-9+/=]+( v1,[A-Za-z0-9+/=]+)*$' },
    true,
    'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=',
  ),
  header('user-agent', 'Hookline and its version.', { type: 'string', pattern: '^Hookline/' }, true, 'Hookline/0.1.0'),
  header('authorization', 'Basic auth, when the endpoint has a login and password (Data export only).', { type: 'string', pattern: '^Basic ' }, false),
];

const ACK = {
  '2XX': { description: 'Received: any 2xx answer acknowledges the delivery (the body is ignored).' },
  default: { description: 'Anything else (or no answer within the timeout) is retried with backoff; later deliveries to this endpoint wait behind it, so order is kept.' },
};

export function webhooks(converter: SchemaConverter): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {
    activities: {
      post: {
        operationId: 'activityDelivery',
        tags: ['Activity deliveries'],
        summary: 'Activities (Data export, Laboratory)',
        description:
          'The activities of the statuses the endpoint takes, exactly as they were pushed to Hookline (unknown fields kept). Format "array" (the Laboratory always) sends a JSON array, in the order received; format "object" sends one activity per request.',
        parameters: DELIVERY_HEADERS,
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: converter.convert(z.union([z.array(activitySchema).min(1), activitySchema]), 'output'),
              examples: {
                array: { summary: 'Format "array" (the seeds’ examples)', value: ACTIVITY_EXAMPLES },
                object: { summary: 'Format "object"', value: ACTIVITY_EXAMPLES[0] },
              },
            },
          },
        },
        responses: ACK,
      },
    },
    laboratoryTest: {
      get: {
        operationId: 'laboratoryTest',
        tags: ['Activity deliveries'],
        summary: 'Laboratory address test',
        description: 'Saving the Laboratory webhook enabled (or changing its address while enabled) first sends a GET to the address, without a body or signature. Only a 2xx answer saves it.',
        parameters: [header('user-agent', 'Hookline and its version.', { type: 'string', pattern: '^Hookline/' }, true, 'Hookline/0.1.0')],
        responses: {
          '2XX': { description: 'The address is saved.' },
          default: { description: 'The address is refused; the screen shows the answer.' },
        },
      },
    },
  };
  for (const { key, label } of EVENT_TYPES) {
    out[key] = {
      post: {
        operationId: `event${key}`,
        tags: ['Event webhooks'],
        summary: label,
        description: `One ${key} event object per request, to the event webhooks of type ${key}.`,
        parameters: DELIVERY_HEADERS.filter((h) => h.name !== 'authorization'),
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { $ref: `#/components/schemas/${eventSchemaName(key)}` },
              examples: { seed: { summary: 'Seed 004, “Returned data”', value: EVENT_EXAMPLES[key] } },
            },
          },
        },
        responses: ACK,
      },
    };
  }
  return out;
}
