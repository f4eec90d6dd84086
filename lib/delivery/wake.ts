// Workers LISTEN on this channel: a NOTIFY makes them look for due work at once instead of at the next poll.
import { pool } from '@/lib/db/pool';

export const WORK_CHANNEL = 'hookline_work';

export async function wakeWorkers(): Promise<void> {
  await pool().query(`SELECT pg_notify($1, '')`, [WORK_CHANNEL]);
}
