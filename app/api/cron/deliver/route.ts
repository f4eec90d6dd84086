// For cron-driven hosting: `curl -H "Authorization: Bearer $CRON_SECRET" …/api/cron/deliver` drains due
// deliveries for a bounded time (?budgetMs=, default 10 s, at most 55 s) and reports what it did.
import { timingSafeEqual } from 'node:crypto';
import { config } from '@/lib/config';
import { ApiError, errorResponse } from '@/lib/http/errors';
import { deliverDue } from '@/lib/delivery/engine';
import { workerId } from '@/lib/delivery/worker';
import { purgeExpired } from '@/lib/delivery/retention';

export const dynamic = 'force-dynamic';

function authorized(req: Request): boolean {
  const secret = config().CRON_SECRET;
  if (!secret) throw new ApiError('unavailable', 'Set CRON_SECRET to use this route');
  const given = Buffer.from(req.headers.get('authorization')?.replace(/^Bearer\s+/i, '') ?? '');
  const wanted = Buffer.from(secret);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

async function handle(req: Request): Promise<Response> {
  try {
    if (!authorized(req)) throw new ApiError('unauthorized', 'Wrong or missing CRON_SECRET');
    const budgetMs = Math.min(Math.max(Number(new URL(req.url).searchParams.get('budgetMs')) || 10_000, 100), 55_000);
    const started = Date.now();
    const stats = await deliverDue({ budgetMs, owner: `cron:${workerId()}` });
    const retention = await purgeExpired({ maxBatches: 2 });
    return Response.json({ ...stats, retention, durationMs: Date.now() - started });
  } catch (err) {
    return errorResponse(err);
  }
}

export const GET = handle;
export const POST = handle;
