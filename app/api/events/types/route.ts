import { withAccount } from '@/lib/auth/route';
import { listEventTypes } from '@/lib/events/service';

export const GET = withAccount(async ({ accountId }) => ({ eventTypes: await listEventTypes(accountId) }));
