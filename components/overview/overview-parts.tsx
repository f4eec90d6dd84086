// The home page's sections. Server components, except the pieces that act (Retry now, Copy).
import Link from 'next/link';
import type { EndpointView } from '@/lib/endpoints/schema';
import type { Overview } from '@/lib/overview/service';
import { CopyButton } from '@/components/ui/copy-button';
import { ButtonLink } from '@/components/ui/button-link';
import { FailureLine } from '@/components/endpoints/failure';
import { formatDateTime } from '@/components/ui/format';

const card = 'rounded-lg bg-white ring-1 ring-slate-200';

/** Where a webhook of each kind is edited. */
const HREF: Record<EndpointView['kind'], (id: string) => string> = {
  laboratory: () => '/settings/laboratory',
  export: (id) => `/settings/data-export/${id}`,
  event: (id) => `/automation/webhooks/${id}`,
};
const KIND: Record<EndpointView['kind'], string> = { laboratory: 'Laboratory', export: 'Data export', event: 'Webhook' };

export function FailingWebhooks({ failing }: { failing: EndpointView[] }) {
  return (
    <section aria-labelledby="failing-now" className={card} data-testid="failing-now">
      <h2 id="failing-now" className="border-b border-slate-200 px-4 py-3 text-sm font-semibold text-slate-900">
        Failing now {failing.length > 0 && <span className="ml-1 rounded-full bg-red-50 px-2 py-0.5 text-xs font-medium text-red-700">{failing.length}</span>}
      </h2>
      {failing.length === 0 ? (
        <p className="px-4 py-4 text-sm text-slate-500">Every active webhook is delivering. Failures show here with their last error.</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {failing.map((e) => (
            <li key={e.id} className="flex flex-wrap items-start justify-between gap-x-6 gap-y-2 px-4 py-3">
              <div className="min-w-0">
                <Link href={HREF[e.kind](e.id)} className="font-medium text-indigo-700 hover:underline">
                  {e.name}
                </Link>
                <span className="ml-2 text-xs text-slate-500">{KIND[e.kind]}</span>
                <p className="mt-0.5 truncate font-mono text-xs text-slate-500">{e.url}</p>
                <FailureLine endpoint={e} />
              </div>
              <p className="text-right text-sm text-slate-700">
                <span className="font-semibold">{e.waiting.toLocaleString()}</span> waiting
                <span className="block text-xs text-slate-500">since {formatDateTime(e.blockedSince)}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Step({ done, title, children }: { done: boolean; title: string; children?: React.ReactNode }) {
  return (
    <li className="flex gap-3">
      <span
        aria-hidden
        className={`mt-0.5 flex size-5 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${done ? 'bg-emerald-100 text-emerald-700' : 'bg-slate-100 text-slate-500'}`}
      >
        {done ? '✓' : ''}
      </span>
      <div className="min-w-0 flex-1">
        <p className={`text-sm font-medium ${done ? 'text-slate-500 line-through decoration-slate-300' : 'text-slate-900'}`}>
          {title}
          <span className="sr-only">{done ? ' (done)' : ' (to do)'}</span>
        </p>
        {!done && children}
      </div>
    </li>
  );
}

/** One activity from the seeds' examples, the smallest that is accepted. */
const EXAMPLE = '[{"activityDateTime":"2024-05-08T13:41:52","activityStatus":"DELIVERED","mediaType":"email","email":"olena.koval@example.com","contactId":1001}]';

export function NextSteps({ setup, origin }: { setup: Overview['setup']; origin: string }) {
  const curl = `curl -X POST ${origin}/api/v1/activities \\\n  -H "Authorization: Bearer YOUR_API_KEY" \\\n  -H "Content-Type: application/json" \\\n  -d '${EXAMPLE}'`;
  return (
    <section aria-labelledby="next-steps" className={`${card} p-4`} data-testid="next-steps">
      <h2 id="next-steps" className="text-sm font-semibold text-slate-900">
        Next steps
      </h2>
      <ol className="mt-3 space-y-4">
        <Step done={setup.laboratoryUrl} title="Add your Laboratory URL">
          <p className="mt-1 text-sm text-slate-500">The account webhook: every activity, as JSON arrays, to one address of yours.</p>
          <ButtonLink href="/settings/laboratory" size="sm" variant="secondary" className="mt-2">
            Open Laboratory
          </ButtonLink>
        </Step>
        <Step done={setup.export} title="Create a data export">
          <p className="mt-1 text-sm text-slate-500">Send chosen activity statuses to your CRM or warehouse, with Basic auth and headers.</p>
          <ButtonLink href="/settings/data-export/new" size="sm" variant="secondary" className="mt-2">
            New data export
          </ButtonLink>
        </Step>
        <Step done={setup.activityReceived} title="Send activities with your API key">
          <p className="mt-1 text-sm text-slate-500">
            Your messaging platform POSTs activities here; Hookline delivers them in order.{' '}
            {setup.apiKey ? 'Use one of your API keys' : 'Create an API key first'} (
            <Link href="/settings/api-keys" className="font-medium text-indigo-700 hover:underline">
              API keys
            </Link>
            ).
          </p>
          <div className="mt-2 rounded-md bg-slate-900 p-3">
            <div className="mb-2 flex justify-end">
              <CopyButton text={curl} label="Copy curl" />
            </div>
            <pre data-testid="curl" className="overflow-x-auto font-mono text-xs leading-relaxed whitespace-pre text-slate-100">
              {curl}
            </pre>
          </div>
        </Step>
      </ol>
    </section>
  );
}

/** Workflows do not exist yet; their runs get this place when they do (no sample data meanwhile). */
export function RecentRuns() {
  return (
    <section aria-labelledby="recent-runs" className={`${card} p-4`}>
      <h2 id="recent-runs" className="text-sm font-semibold text-slate-900">
        Recent workflow runs
      </h2>
      <p className="mt-1 text-sm text-slate-500">Workflow runs will be listed here once workflows are available.</p>
    </section>
  );
}
