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
