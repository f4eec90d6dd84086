import { withAccount } from '@/lib/auth/route';
import { restoreRequestWebhook } from '@/lib/request-webhooks/service';

export const POST = withAccount(async ({ account, params }) => ({ webhook: await restoreRequestWebhook(account.id, params.id) }));
