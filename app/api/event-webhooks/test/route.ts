import { z } from 'zod';
import { withAccount } from '@/lib/auth/route';
import { parseBody } from '@/lib/http/errors';
import { connectionTest } from '@/lib/event-webhooks/service';

// The connection test checks the fields itself (step by step), so any strings are accepted here.
const body = z.object({ name: z.string().optional(), eventType: z.string().optional(), url: z.string().optional(), exceptId: z.uuid().optional() });

export const POST = withAccount(async ({ req, accountId }) => {
  const { exceptId, ...input } = await parseBody(req, body);
  return connectionTest(accountId, input as Parameters<typeof connectionTest>[1], { exceptId });
});
