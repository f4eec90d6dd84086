import { withAccount } from '@/lib/auth/route';
import { parseBody } from '@/lib/http/errors';
import { previewInputSchema } from '@/lib/workflows/schema';
import { previewMessage } from '@/lib/workflows/preview';

export const POST = withAccount(async ({ req, accountId }) => previewMessage(accountId, await parseBody(req, previewInputSchema)));
