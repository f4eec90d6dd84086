// One transaction on a client of the process's pool: BEGIN, the work, COMMIT — or ROLLBACK on any
// error, and the client always goes back to the pool. A transaction PostgreSQL picks as a deadlock or
// serialization victim is run again (a few times), since nothing of it was kept. Raw-SQL code (the
// engine, ingest, event webhooks, contacts, log replay) uses this instead of writing BEGIN/COMMIT by hand.
import type pg from 'pg';
import { pool } from './pool';

const RETRYABLE = new Set(['40P01', '40001']); // deadlock_detected, serialization_failure
const MAX_TRIES = 3;

export async function inTransaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool().connect();
    // A checked-out client has no error listener: a session the server cut (idle_in_transaction_session_timeout,
    // lib/db/pool.ts) would otherwise crash the process instead of failing this transaction.
    const ignore = () => {};
    client.on('error', ignore);
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch((rollbackErr: Error) => (broken = rollbackErr));
      if (!broken && attempt < MAX_TRIES && RETRYABLE.has((err as { code?: string }).code ?? '')) continue;
      throw err;
    } finally {
      client.removeListener('error', ignore);
      client.release(broken); // a broken connection is closed, not reused
    }
  }
}
