// "Replay failed deliveries matching the filter": the body is the page's filter.
import { withAccount } from '@/lib/auth/route';
import { parseBody } from '@/lib/http/errors';
import { logFilterSchema } from '@/lib/logs/schema';
import { replayMatching } from '@/lib/logs/replay';

export const POST = withAccount(async ({ req, accountId }) => replayMatching(accountId, await parseBody(req, logFilterSchema)));
