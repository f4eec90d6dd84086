// Contact search and segment conditions as SQL. Every value, field names included, travels as a
// parameter: a condition on TOWN becomes `fields->>$3`, never text spliced into the query.
import type { SegmentCondition, StandardKey } from './schema';

/** Collects parameters and hands out their placeholders. */
export class SqlParams {
  readonly values: unknown[] = [];
  constructor(...initial: unknown[]) {
    this.values.push(...initial);
  }
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const COLUMNS = new Map<string, string>([
  ['email', 'c.email'],
  ['phone', 'c.phone'],
  ['externalCustomerId', 'c.external_customer_id'],
  ['firstName', 'c.first_name'],
  ['lastName', 'c.last_name'],
] satisfies [StandardKey, string][]);

/** `%`, `_` and `\` match themselves in a LIKE pattern built from user text. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** The SQL text of a contact property or field: a column, or `fields->>$n` (null when unset). */
function valueOf(field: string, p: SqlParams): string {
  return COLUMNS.get(field) ?? `(c.fields->>${p.add(field)})`;
}

/** One condition as a boolean SQL expression. Comparisons are case-insensitive, on text. */
export function conditionSql(cond: SegmentCondition, p: SqlParams): string {
  const v = valueOf(cond.field, p);
  switch (cond.op) {
    case 'eq':
      return `lower(${v}) = lower(${p.add(cond.value ?? '')})`;
    case 'neq':
      return `(${v} IS NULL OR lower(${v}) <> lower(${p.add(cond.value ?? '')}))`;
    case 'contains':
      return `${v} ILIKE ${p.add(`%${escapeLike(cond.value ?? '')}%`)} ESCAPE '\\'`;
    case 'exists':
      return `(${v} IS NOT NULL AND ${v} <> '')`;
  }
}

/** All conditions must hold. */
export function conditionsSql(conditions: SegmentCondition[], p: SqlParams): string {
  return conditions.length ? conditions.map((c) => conditionSql(c, p)).join(' AND ') : 'TRUE';
}

/**
 * The search box: email, phone, first, last or full name contain the text, ignoring case. When the
 * text looks like a phone number, its digits also match the phone's digits (+380 67 … finds 38067…).
 */
export function searchSql(q: string, p: SqlParams): string {
  const like = p.add(`%${escapeLike(q)}%`);
  const parts = ['c.email', 'c.phone', 'c.first_name', 'c.last_name', `concat_ws(' ', c.first_name, c.last_name)`].map((col) => `${col} ILIKE ${like} ESCAPE '\\'`);
  const digits = q.replace(/\D/g, '');
  if (digits.length >= 3 && /^[\d\s()+.-]+$/.test(q)) parts.push(`regexp_replace(c.phone, '\\D', '', 'g') LIKE ${p.add(`%${digits}%`)}`);
  return `(${parts.join(' OR ')})`;
}
