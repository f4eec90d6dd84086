import { z } from 'zod';
import { endpointCreateSchema, endpointCreatedSchema, endpointListQuerySchema, endpointUpdateSchema, endpointViewSchema, secretRotatedSchema } from '@/lib/endpoints/schema';
import type { DomainSpec } from '../define';
import { ENDPOINT_EXAMPLE } from '../examples';

const one = z.object({ endpoint: endpointViewSchema });
const id = { id: 'The endpoint’s id.' };
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const oneExample = { endpoint: { summary: 'An export', value: { endpoint: ENDPOINT_EXAMPLE } } };

export const endpoints: DomainSpec = {
  tag: { name: 'Endpoints', description: 'Where activities and events are delivered: Data exports, the Laboratory webhook and event webhooks (`kind`). Every request they get is signed (see the webhooks section).' },
  schemas: { Endpoint: endpointViewSchema },
  paths: {
    '/endpoints': {
      get: {
        operationId: 'listEndpoints',
        summary: 'List endpoints',
        query: endpointListQuerySchema,
        responses: { 200: { description: 'Every endpoint of the account, oldest first.', body: { schema: z.object({ endpoints: z.array(endpointViewSchema) }), examples: { list: { summary: 'One export', value: { endpoints: [ENDPOINT_EXAMPLE] } } } } } },
        errors: ['unprocessable_entity'],
      },
      post: {
        operationId: 'createEndpoint',
        summary: 'Create a Data export (or the Laboratory webhook)',
        description: 'The answer carries the signing secret, once: store it to verify the `webhook-signature` header.',
        body: {
          schema: endpointCreateSchema,
          examples: {
            export: { summary: 'An export of three statuses, one activity per request', value: { name: 'CRM feed', url: 'https://crm.example.com/hookline', statuses: ['DELIVERED', 'READ', 'CLICKED'], format: 'object', auth: { login: 'hookline', password: 's3cret-pass' } } },
          },
        },
        responses: { 201: { description: 'Created, with its signing secret.', body: { schema: endpointCreatedSchema, examples: { created: { summary: 'The new export', value: { endpoint: ENDPOINT_EXAMPLE, signingSecret: SECRET } } } } } },
        errors: ['bad_request', 'conflict', 'payload_too_large', 'unsupported_media_type', 'unprocessable_entity'],
      },
    },
    '/endpoints/[id]': {
      get: { operationId: 'getEndpoint', summary: 'Get an endpoint', pathParams: id, responses: { 200: { description: 'The endpoint.', body: { schema: one, examples: oneExample } } }, errors: ['not_found'] },
      patch: {
        operationId: 'updateEndpoint',
        summary: 'Update an endpoint',
        description: 'Only the keys sent change. An absent `auth.password` keeps the stored one.',
        pathParams: id,
        body: { schema: endpointUpdateSchema, examples: { pause: { summary: 'Pause it', value: { active: false } } } },
        responses: { 200: { description: 'The endpoint as it is now.', body: { schema: one, examples: { paused: { summary: 'Paused', value: { endpoint: { ...ENDPOINT_EXAMPLE, active: false, state: 'inactive' } } } } } } },
        errors: ['bad_request', 'not_found', 'conflict', 'payload_too_large', 'unsupported_media_type', 'unprocessable_entity'],
      },
      delete: { operationId: 'deleteEndpoint', summary: 'Delete an endpoint', description: 'Its waiting deliveries go with it.', pathParams: id, responses: { 204: { description: 'Deleted.' } }, errors: ['not_found'] },
    },
    '/endpoints/[id]/retry': {
      post: {
        operationId: 'retryEndpoint',
        summary: 'Retry a failing endpoint now',
        description: 'The head delivery is attempted at once instead of at its next backoff time.',
        pathParams: id,
        responses: { 200: { description: 'The endpoint.', body: { schema: one, examples: oneExample } } },
        errors: ['not_found', 'conflict'],
      },
    },
    '/endpoints/[id]/rotate-secret': {
      post: {
        operationId: 'rotateEndpointSecret',
        summary: 'Rotate the signing secret',
        description: 'Requests are signed with both secrets (space-separated signatures) until `previousValidUntil` (24 hours), so receivers can switch without a gap.',
        pathParams: id,
        responses: { 200: { description: 'The new secret (shown once).', body: { schema: secretRotatedSchema, examples: { rotated: { summary: 'A new secret', value: { signingSecret: SECRET, previousValidUntil: '2026-11-21T10:00:00.000Z' } } } } } },
        errors: ['not_found', 'conflict'],
      },
    },
  },
};
