// The filtered webhook log as a CSV download (at most CSV_MAX_ROWS rows), streamed page by page over
// the same keyset query as the screen, so memory stays flat however large the log is.
import { csvRecord } from './csv';
import { queryLogPage } from './service';
import { CSV_MAX_ROWS, statusLabel, type LogFilter } from './schema';

const PAGE = 1000;
/** Characters of the response body and of the payload kept per row. */
const RESPONSE_CHARS = 2000;
const PAYLOAD_CHARS = 32 * 1024;

export const CSV_HEADER = ['Occurrence date', 'Webhook name', 'Webhook ID', 'Kind', 'Status', 'Error content', 'Response body', 'Attempt', 'Test', 'Success', 'Duration (ms)', 'Payload'];

export function logsCsvStream(accountId: string, filter: LogFilter, maxRows = CSV_MAX_ROWS): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: string | null = null;
  let sent = 0;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(csvRecord(CSV_HEADER)));
        return;
      }
      const limit = Math.min(PAGE, maxRows - sent);
      const page = limit > 0 ? await queryLogPage(accountId, filter, { limit, cursor, snippetChars: RESPONSE_CHARS, payloadChars: PAYLOAD_CHARS }) : null;
      if (!page || page.rows.length === 0) return controller.close();
      const text = page.rows
        .map((r) =>
          csvRecord([r.startedAt, r.endpointName, r.endpointId, r.kind, statusLabel(r), r.error, r.responseSnippet, r.attemptNo, r.isTest, r.success, r.durationMs, r.payload]),
        )
        .join('');
      controller.enqueue(encoder.encode(text));
      sent += page.rows.length;
      cursor = page.nextCursor;
      if (!cursor || sent >= maxRows) controller.close();
    },
  });
}

export const csvFileName = (now = new Date()) => `webhook-logs-${now.toISOString().slice(0, 16).replace(/[:T]/g, '-')}.csv`;
