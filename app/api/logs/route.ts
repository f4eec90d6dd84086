// Audit → Webhook logs: attempts of the signed-in account, newest first, keyset-paginated.
import { withAccount } from '@/lib/auth/route';
import { parseQuery } from '@/lib/http/errors';
import { logListQuerySchema } from '@/lib/logs/schema';
import { listLogs } from '@/lib/logs/service';

export const GET = withAccount(async ({ req, accountId }) => listLogs(accountId, parseQuery(req, logListQuerySchema)));
