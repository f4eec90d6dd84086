import { pool } from '@/lib/db';
import { APP_VERSION } from '@/lib/config';
import { logger } from '@/lib/log';

export const dynamic = 'force-dynamic';

export async function GET() {
  const started = performance.now();
  try {
    await pool().query('SELECT 1');
    return Response.json({ status: 'ok', version: APP_VERSION, database: { status: 'ok', latencyMs: Math.round(performance.now() - started) } });
  } catch (err) {
    logger().warn({ err: (err as Error).message }, 'health: database unreachable'); // details in the log, not to anonymous callers
    return Response.json({ status: 'error', version: APP_VERSION, database: { status: 'unreachable' } }, { status: 503 });
  }
}
