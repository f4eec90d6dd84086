import { withAccount } from '@/lib/auth/route';
import { replayAttempt } from '@/lib/logs/replay';

export const POST = withAccount(async ({ account, params }) => replayAttempt(account.id, params.attempt));
