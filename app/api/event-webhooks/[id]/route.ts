import { z } from 'zod';
import { withAccount } from '@/lib/auth/route';
import { parseBody } from '@/lib/http/errors';
import { eventWebhookUpdateSchema } from '@/lib/event-webhooks/schema';
import { deleteEventWebhook, getEventWebhook, updateEventWebhook } from '@/lib/event-webhooks/service';

const patchSchema = eventWebhookUpdateSchema.extend({ active: z.boolean().optional() });

export const GET = withAccount(async ({ accountId, params }) => ({ webhook: await getEventWebhook(accountId, params.id) }));

export const PATCH = withAccount(async ({ req, accountId, params }) => ({
  webhook: await updateEventWebhook(accountId, params.id, await parseBody(req, patchSchema)),
}));

export const DELETE = withAccount(async ({ accountId, params }) => {
  await deleteEventWebhook(accountId, params.id);
});
