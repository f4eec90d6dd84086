import { withAccount } from '@/lib/auth/route';
import { parseBody } from '@/lib/http/errors';
import { requestWebhookSchema } from '@/lib/templates/schema';
import { deleteRequestWebhook, getRequestWebhook, updateRequestWebhook } from '@/lib/request-webhooks/service';

export const GET = withAccount(async ({ accountId, params }) => ({ webhook: await getRequestWebhook(accountId, params.id) }));

export const PUT = withAccount(async ({ req, accountId, params }) => ({
  webhook: await updateRequestWebhook(accountId, params.id, await parseBody(req, requestWebhookSchema)),
}));

export const DELETE = withAccount(async ({ accountId, params }) => {
  await deleteRequestWebhook(accountId, params.id);
});
