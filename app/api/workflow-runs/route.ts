// The launch history of every workflow of the account, newest first, keyset-paged (filters incl. workflowId).
import { withAccount } from '@/lib/auth/route';
import { parseQuery } from '@/lib/http/errors';
import { runListQuerySchema } from '@/lib/workflows/schema';
import { listRuns } from '@/lib/workflows/runs';

export const GET = withAccount(async ({ req, accountId }) => {
  const q = parseQuery(req, runListQuerySchema);
  return listRuns(accountId, q, q);
});
