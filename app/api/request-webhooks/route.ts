import { withAccount } from '@/lib/auth/route';
import { parseBody } from '@/lib/http/errors';
import { requestWebhookSchema } from '@/lib/templates/schema';
import { createRequestWebhook, listRequestWebhooks } from '@/lib/request-webhooks/service';

export const GET = withAccount(async ({ req, account }) => ({
  webhooks: await listRequestWebhooks(account.id, { deleted: new URL(req.url).searchParams.get('deleted') === '1' }),
}));

export const POST = withAccount(async ({ req, account }) =>
  Response.json({ webhook: await createRequestWebhook(account.id, await parseBody(req, requestWebhookSchema)) }, { status: 201 }),
);
