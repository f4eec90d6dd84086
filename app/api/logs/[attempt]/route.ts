// One attempt in full: request (masked headers, body), response, error. [attempt] is the attempt's
// numeric id (not a UUID, so the segment is not named `id`).
import { withAccount } from '@/lib/auth/route';
import { getLog } from '@/lib/logs/service';

export const GET = withAccount(async ({ accountId, params }) => ({ log: await getLog(accountId, params.attempt) }));
