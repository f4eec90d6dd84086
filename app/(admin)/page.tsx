// Home: what needs attention now (failing webhooks), what went out in the last 24 hours, and for a new
// account the next step. The data comes from lib/overview; this page only lays it out.
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { currentUser } from '@/lib/auth/current';
import { config } from '@/lib/config';
import { getOverview } from '@/lib/overview/service';
import { PageHeader } from '@/components/ui/page-header';
import { FailingWebhooks, NextSteps, RecentRuns } from '@/components/overview/overview-parts';
import { LogChart } from '@/components/logs/log-chart';

export const metadata: Metadata = { title: 'Overview' };

export default async function Home() {
  const current = await currentUser();
  if (!current) redirect('/login');
  const overview = await getOverview(current.account.id);
  const h = await headers();
  const origin = config().HOOKLINE_PUBLIC_URL?.replace(/\/$/, '') ?? `${h.get('x-forwarded-proto') ?? 'http'}://${h.get('host') ?? 'localhost:3000'}`;
  const { setup } = overview;
  const started = setup.laboratoryUrl && setup.export && setup.activityReceived;
  return (
    <>
      <PageHeader title="Overview" description={`${current.account.name}: what is failing now, what went out in the last 24 hours, and what to set up next.`} />
      <div className="space-y-6">
        {!started && <NextSteps setup={setup} origin={origin} />}
        <FailingWebhooks failing={overview.failing} />
        <section aria-labelledby="last-24h">
          <h2 id="last-24h" className="mb-2 text-sm font-semibold text-slate-900">
            Deliveries in the last 24 hours
          </h2>
          <LogChart filter={{ all: false }} link />
        </section>
        <RecentRuns />
      </div>
    </>
  );
}
