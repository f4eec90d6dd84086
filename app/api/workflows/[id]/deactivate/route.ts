import { withAccount } from '@/lib/auth/route';
import { deactivateWorkflow } from '@/lib/workflows/service';

export const POST = withAccount(async ({ accountId, params }) => ({ workflow: await deactivateWorkflow(accountId, params.id) }));
