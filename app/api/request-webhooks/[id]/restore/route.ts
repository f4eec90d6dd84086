import { withAccount } from '@/lib/auth/route';
import { restoreRequestWebhook } from '@/lib/request-webhooks/service';

export const POST = withAccount(async ({ accountId, params }) => ({ webhook: await restoreRequestWebhook(accountId, params.id) }));
