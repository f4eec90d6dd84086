import { withAccount } from '@/lib/auth/route';
import { parseBody } from '@/lib/http/errors';
import { listEventsBodySchema } from '@/lib/event-webhooks/schema';
import { ingestListEvents } from '@/lib/activities/service';

/** Subscription, confirmation and unsubscription events for the event webhooks of their type. */
export const POST = withAccount(async ({ req, accountId }) => {
  const { accepted } = await ingestListEvents(accountId, await parseBody(req, listEventsBodySchema));
  return Response.json({ accepted }, { status: 202 });
});
