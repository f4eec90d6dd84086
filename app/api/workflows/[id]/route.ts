// One workflow: read it, replace it (PUT, the whole workflow; an active one must stay valid), delete it.
import { withAccount } from '@/lib/auth/route';
import { parseBody } from '@/lib/http/errors';
import { workflowInputSchema } from '@/lib/workflows/schema';
import { deleteWorkflow, getWorkflow, updateWorkflow } from '@/lib/workflows/service';

export const GET = withAccount(async ({ accountId, params }) => ({ workflow: await getWorkflow(accountId, params.id) }));

export const PUT = withAccount(async ({ req, accountId, params }) => ({
  workflow: await updateWorkflow(accountId, params.id, await parseBody(req, workflowInputSchema)),
}));

export const DELETE = withAccount(async ({ accountId, params }) => {
  await deleteWorkflow(accountId, params.id);
});
