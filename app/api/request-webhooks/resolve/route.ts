import { withAccount } from '@/lib/auth/route';
import { parseBody } from '@/lib/http/errors';
import { requestTestSchema } from '@/lib/request-webhooks/schema';
import { resolveRequest } from '@/lib/request-webhooks/service';

/** Send test, step "Next": the resolved request (secrets masked), nothing sent. */
export const POST = withAccount(async ({ req, accountId }) => {
  const { webhook, data, id } = await parseBody(req, requestTestSchema);
  const { sendHeaders: _, ...resolved } = await resolveRequest(accountId, webhook, data, id);
  return resolved;
});
