import { withAccount } from '@/lib/auth/route';
import { replayAttempt } from '@/lib/logs/replay';

export const POST = withAccount(async ({ accountId, params }) => replayAttempt(accountId, params.attempt));
