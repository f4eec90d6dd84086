// The filtered account activity as CSV (streamed; at most CSV_MAX_ROWS rows).
import { withAccount } from '@/lib/auth/route';
import { parseQuery } from '@/lib/http/errors';
import { auditFilterSchema } from '@/lib/audit/schema';
import { auditCsvFileName, auditCsvStream } from '@/lib/audit/service';

export const GET = withAccount(async ({ req, accountId }) => {
  const filter = parseQuery(req, auditFilterSchema);
  return new Response(auditCsvStream(accountId, filter), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${auditCsvFileName()}"`,
      'cache-control': 'no-store',
    },
  });
});
