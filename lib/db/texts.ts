// Many texts in ONE statement parameter, without escaping: joined by the ASCII record separator
// (U+001E) and split by PostgreSQL's string_to_table, which searches for the byte. JSON text never
// holds a raw control character (JSON and PostgreSQL's json type both refuse one unescaped), so JSON
// documents (activities, delivery bodies) can always travel this way. The alternatives cost more: a
// text[] parameter is escaped quote by quote in JavaScript by pg, and a JSON array of strings is
// un-escaped character by character by PostgreSQL (json_lex + appendStringInfoChar were a sixth of
// its CPU while delivering array batches).
export const TEXT_SEPARATOR = '\x1e';

/** The texts as one parameter for splitTextsSql. A text holding the separator is refused, and so is
 *  an empty one (a lone empty text would come back as no row at all). */
export function joinTexts(texts: readonly string[]): string {
  for (const t of texts) {
    if (t === '' || t.includes(TEXT_SEPARATOR)) throw new Error('A text to join is empty or holds the record separator (U+001E)');
  }
  return texts.join(TEXT_SEPARATOR);
}

/** SQL rows (t, n): the texts of parameter `param` (joinTexts) with their 1-based position n. */
export function splitTextsSql(param: string): string {
  return `string_to_table(${param}::text, E'\\x1e') WITH ORDINALITY`;
}
