// Activate: 422 with each field activation refuses (trigger.eventTypeKey, blocks.2.webhookId …).
import { withAccount } from '@/lib/auth/route';
import { activateWorkflow } from '@/lib/workflows/service';

export const POST = withAccount(async ({ accountId, params }) => ({ workflow: await activateWorkflow(accountId, params.id) }));
