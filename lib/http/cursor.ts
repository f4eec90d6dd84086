// Keyset cursors (the last row's time and id), opaque to clients, shared by every paged list. The one
// codec: what it decodes is exactly what encodeCursor gave out (a Date's own toISOString, an id of
// the list's shape), so an edited cursor (2024-02-30, year 0000, beyond PostgreSQL's range) is a 422
// on `cursor`, never a database error.
import { ApiError } from './errors';
import { isStorableInstant } from './instant';

export type Cursor = { t: string; id: string };

export const BIGINT_ID = /^\d{1,18}$/;
export const UUID_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');

/** True when `t` is what Date#toISOString writes for an instant PostgreSQL can hold. */
function isCanonicalInstant(t: string): boolean {
  const d = new Date(t);
  return isStorableInstant(d) && d.toISOString() === t;
}

/** A cursor this API gave out, or a 422 on the `cursor` field (never a database error). */
export function decodeCursor(value: string, id: RegExp): Cursor {
  try {
    const c = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<Cursor> | null;
    if (typeof c?.t === 'string' && typeof c.id === 'string' && id.test(c.id) && isCanonicalInstant(c.t)) return { t: c.t, id: c.id };
  } catch {
    /* fall through */
  }
  throw new ApiError('unprocessable_entity', 'Some fields are invalid', { cursor: ['Not a cursor this API gave out'] });
}
