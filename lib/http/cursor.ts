// Keyset cursors (the last row's time and id), opaque to clients, shared by every paged list.
import { ApiError } from './errors';

export type Cursor = { t: string; id: string };

const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
export const BIGINT_ID = /^\d{1,18}$/;
export const UUID_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');

/** A cursor this API gave out, or a 422 on the `cursor` field (never a database error). */
export function decodeCursor(value: string, id: RegExp): Cursor {
  try {
    const c = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Cursor;
    if (typeof c.t === 'string' && typeof c.id === 'string' && id.test(c.id) && ISO_UTC.test(c.t) && !Number.isNaN(Date.parse(c.t))) return c;
  } catch {
    /* fall through */
  }
  throw new ApiError('unprocessable_entity', 'Some fields are invalid', { cursor: ['Not a cursor this API gave out'] });
}
