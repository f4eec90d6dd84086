import { z } from 'zod';
import { apiKeyViewSchema } from '@/lib/api-keys/schema';
import type { DomainSpec } from '../define';
import { API_KEY_EXAMPLE } from '../examples';

export const apiKeys: DomainSpec = {
  tag: { name: 'API keys', description: 'The account’s API keys, without their secrets. Keys are created and revoked by a signed-in user (Settings → API keys), never with a key.' },
  schemas: { ApiKey: apiKeyViewSchema },
  paths: {
    '/api-keys': {
      get: {
        operationId: 'listApiKeys',
        summary: 'List API keys',
        responses: { 200: { description: 'Active keys first, newest first.', body: { schema: z.object({ apiKeys: z.array(apiKeyViewSchema) }), examples: { list: { summary: 'One key', value: { apiKeys: [API_KEY_EXAMPLE] } } } } } },
        errors: [],
      },
    },
    '/api-keys/[id]': {
      get: {
        operationId: 'getApiKey',
        summary: 'Get an API key',
        pathParams: { id: 'The key’s id.' },
        responses: { 200: { description: 'The key.', body: { schema: z.object({ apiKey: apiKeyViewSchema }), examples: { key: { summary: 'A key', value: { apiKey: API_KEY_EXAMPLE } } } } } },
        errors: ['not_found'],
      },
    },
  },
};
