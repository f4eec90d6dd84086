// Automation → Workflows: the account's workflows (with their run figures and problems), and new ones.
import { withAccount } from '@/lib/auth/route';
import { parseBody } from '@/lib/http/errors';
import { workflowInputSchema } from '@/lib/workflows/schema';
import { createWorkflow, listWorkflows } from '@/lib/workflows/service';

export const GET = withAccount(async ({ accountId }) => ({ workflows: await listWorkflows(accountId) }));

export const POST = withAccount(async ({ req, accountId }) =>
  Response.json({ workflow: await createWorkflow(accountId, await parseBody(req, workflowInputSchema)) }, { status: 201 }),
);
