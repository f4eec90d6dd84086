// Settings → Laboratory: the account webhook. A failed test GET is a normal 200 answer with saved: false.
import { withAccount } from '@/lib/auth/route';
import { parseBody } from '@/lib/http/errors';
import { laboratorySchema } from '@/lib/endpoints/laboratory-schema';
import { getLaboratory, saveLaboratory } from '@/lib/endpoints/laboratory';

export const GET = withAccount(async ({ accountId }) => ({ laboratory: await getLaboratory(accountId) }));

export const PUT = withAccount(async ({ req, accountId }) => saveLaboratory(accountId, await parseBody(req, laboratorySchema)));
