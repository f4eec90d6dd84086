import { withAccount } from '@/lib/auth/route';
import { rerun } from '@/lib/workflows/engine';

export const POST = withAccount(async ({ accountId, params }) => ({ run: await rerun(accountId, params.id) }));
