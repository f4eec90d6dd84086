import { withAccount } from '@/lib/auth/route';
import { readBatch } from '@/lib/http/batch';
import { listEventBatch } from '@/lib/event-webhooks/schema';
import { ingestListEvents } from '@/lib/activities/service';

/** Subscription, confirmation and unsubscription events for the event webhooks of their type. */
export const POST = withAccount(async ({ req, accountId }) => {
  const { accepted } = await ingestListEvents(accountId, await readBatch(req, listEventBatch));
  return Response.json({ accepted }, { status: 202 });
});
