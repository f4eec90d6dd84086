// CSV text per RFC 4180: fields separated by commas, records by CRLF; a field that holds a comma, a
// double quote, CR or LF is enclosed in double quotes, with its quotes doubled. Cells that a
// spreadsheet would run as a formula (=, +, -, @, tab, CR first) get a leading apostrophe (OWASP
// "CSV injection"): error texts and webhook names come from outside.
export type CsvValue = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRecord(values: CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/**
 * A CSV download streamed page by page over a keyset query (the Webhook logs', Account activity's):
 * the header first, then one page per pull, until the query runs out or `maxRows` are sent, so
 * memory stays flat however long the list is.
 */
export function pagedCsvStream<Row>(
  header: string[],
  fetchPage: (limit: number, cursor: string | null) => Promise<{ rows: Row[]; nextCursor: string | null }>,
  toRecord: (row: Row) => CsvValue[],
  { maxRows, pageSize = 1000 }: { maxRows: number; pageSize?: number },
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: string | null = null;
  let sent = 0;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(csvRecord(header)));
        return;
      }
      const limit = Math.min(pageSize, maxRows - sent);
      const page = limit > 0 ? await fetchPage(limit, cursor) : null;
      if (!page || page.rows.length === 0) return controller.close();
      controller.enqueue(encoder.encode(page.rows.map((r) => csvRecord(toRecord(r))).join('')));
      sent += page.rows.length;
      cursor = page.nextCursor;
      if (!cursor || sent >= maxRows) controller.close();
    },
  });
}
