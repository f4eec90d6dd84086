import { z } from 'zod';
import { accountViewSchema } from '@/lib/accounts/schema';
import type { DomainSpec } from '../define';

export const account: DomainSpec = {
  tag: { name: 'Account', description: 'The account the API key acts for.' },
  schemas: { Account: accountViewSchema },
  paths: {
    '/account': {
      get: {
        operationId: 'getAccount',
        summary: 'The key’s account',
        responses: {
          200: {
            description: 'The account.',
            body: { schema: z.object({ account: accountViewSchema }), examples: { account: { summary: 'An account', value: { account: { id: '3c1e5a7b-2d4f-4e6a-8b9c-0d1e2f3a4b5c', name: 'Acme', createdAt: '2026-11-01T09:00:00.000Z' } } } } },
          },
        },
        errors: [],
      },
    },
  },
};
