// Audit → Account activity: entries of the signed-in account, newest first, keyset-paginated.
import { withAccount } from '@/lib/auth/route';
import { parseQuery } from '@/lib/http/errors';
import { auditListQuerySchema } from '@/lib/audit/schema';
import { queryAuditPage } from '@/lib/audit/service';

export const GET = withAccount(async ({ req, accountId }) => {
  const q = parseQuery(req, auditListQuerySchema);
  return queryAuditPage(accountId, q, { limit: q.limit, cursor: q.cursor });
});
