// Custom header values at rest (exports' and every endpoint's `headers`, request webhooks' `headers`):
// each value is sealed like every other secret (lib/crypto/secrets.ts, AES-256-GCM), because a header
// is where receivers put their API keys and a database dump must not reveal them. Names stay readable: they are not secrets and the views list them.
//
// Stored shape: [{ name, valueEnc }]. Rows written before this change hold [{ name, value }] in
// plaintext; openHeaders reads both, and sealStoredHeaders (run by `npm start` and `hookline migrate`
// right after the SQL migrations, see lib/runtime.ts and scripts/cli.ts) re-writes them sealed. So an
// old row keeps working before, during and after the sweep.
import { pool } from '@/lib/db/pool';
import { decryptSecret, encryptSecret } from './secrets';

export type Header = { name: string; value: string };
export type SealedHeader = { name: string; valueEnc: string };

type StoredHeader = { name?: unknown; value?: unknown; valueEnc?: unknown };

export function sealHeaders(headers: readonly Header[]): SealedHeader[] {
  return headers.map((h) => ({ name: h.name, valueEnc: encryptSecret(h.value) }));
}

// Decrypted once per stored array: the worker sends every delivery of a claimed endpoint from the same
// row, so its headers are opened once per claim, not once per request.
const opened = new WeakMap<object, Header[]>();

/** The headers as they are sent, from either stored shape (sealed, or plaintext from before sealing). */
export function openHeaders(stored: unknown): Header[] {
  if (!Array.isArray(stored)) return [];
  let headers = opened.get(stored);
  if (!headers) {
    headers = (stored as StoredHeader[]).map((h) => ({
      name: String(h.name ?? ''),
      value: typeof h.valueEnc === 'string' ? decryptSecret(h.valueEnc) : String(h.value ?? ''),
    }));
    opened.set(stored, headers);
  }
  return headers.map((h) => ({ ...h }));
}

const TABLES = ['endpoints', 'request_webhooks'] as const;

/**
 * Seals every plaintext header value still in the database. Idempotent and safe to run from several
 * processes at once: each row is re-written only if it is still exactly what was read.
 * Returns the number of rows sealed.
 */
export async function sealStoredHeaders(): Promise<number> {
  let sealed = 0;
  for (const table of TABLES) {
    const { rows } = await pool().query<{ id: string; headers: unknown }>(
      `SELECT id, headers FROM ${table}
        WHERE jsonb_typeof(headers) = 'array' AND EXISTS (SELECT 1 FROM jsonb_array_elements(headers) h WHERE h ? 'value')`,
    );
    for (const row of rows) {
      const { rowCount } = await pool().query(`UPDATE ${table} SET headers = $2::jsonb WHERE id = $1 AND headers = $3::jsonb`, [
        row.id,
        JSON.stringify(sealHeaders(openHeaders(row.headers))),
        JSON.stringify(row.headers),
      ]);
      sealed += rowCount ?? 0;
    }
  }
  return sealed;
}
