// One workflow's launch history, newest first, keyset-paged (filters: runListQuerySchema).
import { withAccount } from '@/lib/auth/route';
import { parseQuery } from '@/lib/http/errors';
import { runListQuerySchema } from '@/lib/workflows/schema';
import { listWorkflowRuns } from '@/lib/workflows/runs';

export const GET = withAccount(async ({ req, accountId, params }) => listWorkflowRuns(accountId, params.id, parseQuery(req, runListQuerySchema)));
