// Duplicate: "<name> (copy)", inactive.
import { withAccount } from '@/lib/auth/route';
import { duplicateWorkflow } from '@/lib/workflows/service';

export const POST = withAccount(async ({ accountId, params }) => Response.json({ workflow: await duplicateWorkflow(accountId, params.id) }, { status: 201 }));
