import { withAccount } from '@/lib/auth/route';
import { parseBody } from '@/lib/http/errors';
import { sendTest } from '@/lib/endpoints/send-test';
import { sendTestSchema, MAX_TEST_BODY_BYTES } from '@/lib/endpoints/send-test-schema';

export const POST = withAccount(async ({ req, accountId, params }) =>
  sendTest(accountId, params.id, await parseBody(req, sendTestSchema, MAX_TEST_BODY_BYTES + 4096)),
);
