// The filtered webhook log as a CSV download (at most CSV_MAX_ROWS rows), streamed page by page over
// the same keyset query as the screen, so memory stays flat however large the log is.
import { pagedCsvStream } from './csv';
import { queryLogPage } from './service';
import { CSV_MAX_ROWS, statusLabel, type LogFilter } from './schema';

const PAGE = 1000;
/** Characters of the response body and of the payload kept per row. */
const RESPONSE_CHARS = 2000;
const PAYLOAD_CHARS = 32 * 1024;

export const CSV_HEADER = ['Occurrence date', 'Webhook name', 'Webhook ID', 'Kind', 'Status', 'Error content', 'Response body', 'Attempt', 'Test', 'Success', 'Duration (ms)', 'Payload'];

export function logsCsvStream(accountId: string, filter: LogFilter, maxRows = CSV_MAX_ROWS): ReadableStream<Uint8Array> {
  return pagedCsvStream(
    CSV_HEADER,
    async (limit, cursor) => queryLogPage(accountId, filter, { limit, cursor, snippetChars: RESPONSE_CHARS, payloadChars: PAYLOAD_CHARS }),
    (r) => [r.startedAt, r.endpointName, r.endpointId, r.kind, statusLabel(r), r.error, r.responseSnippet, r.attemptNo, r.isTest, r.success, r.durationMs, r.payload],
    { maxRows, pageSize: PAGE },
  );
}

export const csvFileName = (now = new Date()) => `webhook-logs-${now.toISOString().slice(0, 16).replace(/[:T]/g, '-')}.csv`;
