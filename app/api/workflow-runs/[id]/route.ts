// One run: each block's steps in order (request with secrets masked, response, $data added, message, error).
import { withAccount } from '@/lib/auth/route';
import { getRun } from '@/lib/workflows/runs';

export const GET = withAccount(async ({ accountId, params }) => ({ run: await getRun(accountId, params.id) }));
