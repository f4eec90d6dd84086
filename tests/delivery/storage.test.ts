// What the engine's speed rests on in the database (issue 9): delivery bodies compressed with lz4 where
// the server has it (migration 20261202010000), and the two commit modes — the worker's leases and
// send records do not wait for the WAL flush, everything else (ingest, formed deliveries) does.
import { describe, expect, it } from 'vitest';
import { isolatedDatabase } from '../support/isolated-db';

await isolatedDatabase();
const { pool, lazyCommitPool } = await import('@/lib/db/pool');

describe('delivery storage', () => {
  it('compresses delivery bodies with lz4 when the server supports it', async () => {
    const { rows } = await pool().query<{ lz4: boolean; compression: string }>(
      `SELECT 'lz4' = ANY (s.enumvals) AS lz4, a.attcompression::text AS compression
         FROM pg_settings s, pg_attribute a
        WHERE s.name = 'default_toast_compression' AND a.attrelid = 'deliveries'::regclass AND a.attname = 'body'`,
    );
    expect(rows[0].compression).toBe(rows[0].lz4 ? 'l' : '');
  });

  it('commits ingest and formed deliveries durably; the worker lease and send records lazily', async () => {
    expect((await pool().query(`SHOW synchronous_commit`)).rows[0].synchronous_commit).toBe('on');
    expect((await lazyCommitPool().query(`SHOW synchronous_commit`)).rows[0].synchronous_commit).toBe('off');
    // The lazy pool keeps the session bounds of the other (lib/db/pool.ts).
    expect((await lazyCommitPool().query(`SHOW idle_in_transaction_session_timeout`)).rows[0].idle_in_transaction_session_timeout).not.toBe('0');
  });
});
