import { withAccount } from '@/lib/auth/route';
import { parseBody } from '@/lib/http/errors';
import { requestWebhookSchema } from '@/lib/templates/schema';
import { deleteRequestWebhook, getRequestWebhook, updateRequestWebhook } from '@/lib/request-webhooks/service';

export const GET = withAccount(async ({ account, params }) => ({ webhook: await getRequestWebhook(account.id, params.id) }));

export const PUT = withAccount(async ({ req, account, params }) => ({
  webhook: await updateRequestWebhook(account.id, params.id, await parseBody(req, requestWebhookSchema)),
}));

export const DELETE = withAccount(async ({ account, params }) => {
  await deleteRequestWebhook(account.id, params.id);
});
