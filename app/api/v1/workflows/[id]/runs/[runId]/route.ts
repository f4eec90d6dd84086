// One run of one workflow (the API's path; the screens read /api/workflow-runs/{id}).
import { withAccount } from '@/lib/auth/route';
import { getRun } from '@/lib/workflows/runs';

export const GET = withAccount(async ({ accountId, params }) => ({ run: await getRun(accountId, params.runId, { workflowId: params.id }) }));
