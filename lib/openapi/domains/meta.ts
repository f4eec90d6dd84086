import { z } from 'zod';
import type { DomainSpec } from '../define';

export const meta: DomainSpec = {
  tag: { name: 'Contract', description: 'This document.' },
  paths: {
    '/openapi.json': {
      get: {
        operationId: 'getOpenApiDocument',
        summary: 'This OpenAPI 3.1 document',
        description: 'Public (no key), cacheable. Generate clients and receiver types from it.',
        public: true,
        responses: { 200: { description: 'The document.', body: { schema: z.looseObject({ openapi: z.literal('3.1.0'), info: z.looseObject({}), paths: z.looseObject({}), webhooks: z.looseObject({}) }) } } },
        errors: [],
      },
    },
  },
};
