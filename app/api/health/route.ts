import { pool } from '@/lib/db';
import { APP_VERSION } from '@/lib/config';

export const dynamic = 'force-dynamic';

export async function GET() {
  const started = performance.now();
  try {
    await pool().query('SELECT 1');
    return Response.json({ status: 'ok', version: APP_VERSION, database: { status: 'ok', latencyMs: Math.round(performance.now() - started) } });
  } catch (err) {
    return Response.json(
      { status: 'error', version: APP_VERSION, database: { status: 'unreachable', error: (err as Error).message } },
      { status: 503 },
    );
  }
}
