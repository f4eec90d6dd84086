import { withAccount } from '@/lib/auth/route';
import { parseQuery } from '@/lib/http/errors';
import { logFilterSchema } from '@/lib/logs/schema';
import { logChart } from '@/lib/logs/service';

export const GET = withAccount(async ({ req, accountId }) => logChart(accountId, parseQuery(req, logFilterSchema)));
