import { withAccount } from '@/lib/auth/route';
import { parseBody } from '@/lib/http/errors';
import { sendTest } from '@/lib/endpoints/send-test';
import { sendTestSchema } from '@/lib/endpoints/send-test-schema';
import { MAX_JSON_BODY_BYTES } from '@/lib/http/limits';

export const POST = withAccount(async ({ req, accountId, params }) =>
  // The test body travels as a JSON string: room for its escaping, the dialog itself allows 1 MiB.
  sendTest(accountId, params.id, await parseBody(req, sendTestSchema, 2 * MAX_JSON_BODY_BYTES)),
);
