import { withAccount } from '@/lib/auth/route';
import { getEvent } from '@/lib/events/service';

// The segment is `[event]`, not `[id]`: event ids are numbers, and the wrappers answer 404 to an
// `id` segment that is not a UUID.
export const GET = withAccount(async ({ accountId, params }) => ({ event: await getEvent(accountId, params.event) }));
