import { withAccount } from '@/lib/auth/route';
import { parseBody } from '@/lib/http/errors';
import { requestWebhookSchema } from '@/lib/templates/schema';
import { createRequestWebhook, listRequestWebhooks } from '@/lib/request-webhooks/service';

export const GET = withAccount(async ({ req, accountId }) => ({
  webhooks: await listRequestWebhooks(accountId, { deleted: new URL(req.url).searchParams.get('deleted') === '1' }),
}));

export const POST = withAccount(async ({ req, accountId }) =>
  Response.json({ webhook: await createRequestWebhook(accountId, await parseBody(req, requestWebhookSchema)) }, { status: 201 }),
);
