import { withPublic } from '@/lib/auth/route';
import { readiness } from '@/lib/health/ready';
import { APP_VERSION } from '@/lib/config';

export const dynamic = 'force-dynamic';

/** Readiness: 200 when this instance can take traffic, else 503 naming the failed checks (lib/health/ready.ts). */
export const GET = withPublic(async () => {
  const r = await readiness();
  return Response.json({ status: r.ready ? 'ready' : 'not_ready', version: APP_VERSION, failed: r.failed, checks: r.checks }, { status: r.ready ? 200 : 503 });
});
