import { withAccount } from '@/lib/auth/route';
import { parseBody } from '@/lib/http/errors';
import { requestTestSchema } from '@/lib/request-webhooks/schema';
import { sendTestRequest } from '@/lib/request-webhooks/service';

export const POST = withAccount(async ({ req, accountId }) => {
  const { webhook, data, id } = await parseBody(req, requestTestSchema);
  return sendTestRequest(accountId, webhook, data, id);
});
