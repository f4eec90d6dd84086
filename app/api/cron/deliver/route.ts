// For cron-driven hosting: `curl -H "Authorization: Bearer $CRON_SECRET" …/api/cron/deliver` drains due
// deliveries and workflow runs for a bounded time (?budgetMs=, default 10 s, at most 55 s) and reports what it did.
import { withCron } from '@/lib/auth/route';
import { deliverDue } from '@/lib/delivery/engine';
import { runDue } from '@/lib/workflows/engine';
import { workerId } from '@/lib/delivery/worker';
import { purgeExpired } from '@/lib/delivery/retention';

export const dynamic = 'force-dynamic';

const handle = withCron(async ({ req }) => {
  const budgetMs = Math.min(Math.max(Number(new URL(req.url).searchParams.get('budgetMs')) || 10_000, 100), 55_000);
  const started = Date.now();
  const owner = `cron:${workerId()}`;
  // Deliveries and workflow runs side by side, within the same budget.
  const [stats, runs] = await Promise.all([deliverDue({ budgetMs, owner }), runDue({ budgetMs, owner })]);
  const retention = await purgeExpired({ maxBatches: 2 });
  return { ...stats, runs, retention, durationMs: Date.now() - started };
});

export const GET = handle;
export const POST = handle;
