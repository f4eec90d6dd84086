import { withAccount } from '@/lib/auth/route';
import { parseBody } from '@/lib/http/errors';
import { eventWebhookSchema } from '@/lib/event-webhooks/schema';
import { createEventWebhook, listEventWebhooks } from '@/lib/event-webhooks/service';

export const GET = withAccount(async ({ accountId }) => ({ webhooks: await listEventWebhooks(accountId) }));

/** Runs the connection test and, when it passes, creates the webhook active (201); else 200 with the steps. */
export const POST = withAccount(async ({ req, accountId }) => {
  const result = await createEventWebhook(accountId, await parseBody(req, eventWebhookSchema));
  return Response.json(result, { status: result.webhook ? 201 : 200 });
});
