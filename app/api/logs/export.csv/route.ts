// The filtered log as CSV (streamed; at most CSV_MAX_ROWS rows).
import { withAccount } from '@/lib/auth/route';
import { parseQuery } from '@/lib/http/errors';
import { logFilterSchema } from '@/lib/logs/schema';
import { csvFileName, logsCsvStream } from '@/lib/logs/export';

export const GET = withAccount(async ({ req, accountId }) => {
  const filter = parseQuery(req, logFilterSchema);
  return new Response(logsCsvStream(accountId, filter), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${csvFileName()}"`,
      'cache-control': 'no-store',
    },
  });
});
