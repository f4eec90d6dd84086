import { z } from 'zod';
import { withAccount } from '@/lib/auth/route';
import { parseBody } from '@/lib/http/errors';
import { eventWebhookUpdateSchema } from '@/lib/event-webhooks/schema';
import { deleteEventWebhook, getEventWebhook, updateEventWebhook } from '@/lib/event-webhooks/service';

const patchSchema = eventWebhookUpdateSchema.extend({ active: z.boolean().optional() });

export const GET = withAccount(async ({ account, params }) => ({ webhook: await getEventWebhook(account.id, params.id) }));

export const PATCH = withAccount(async ({ req, account, params }) => ({
  webhook: await updateEventWebhook(account.id, params.id, await parseBody(req, patchSchema)),
}));

export const DELETE = withAccount(async ({ account, params }) => {
  await deleteEventWebhook(account.id, params.id);
});
