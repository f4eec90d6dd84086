'use client';
// Launch history: every run of one workflow (workflows/[id]/runs) or of all (runs/), newest first,
// with its trigger event, contact, status and duration; filters in the URL, keyset pages. Runs in
// flight refresh on their own.
import Link from 'next/link';
import { useId } from 'react';
import { RUN_STATUSES } from '@/lib/workflows/schema';
import { PageHeader } from '@/components/ui/page-header';
import { LoadMoreFooter, QueryState, StackTable } from '@/components/ui/query-table';
import { Button } from '@/components/ui/button';
import { ButtonLink } from '@/components/ui/button-link';
import { SearchBox, labelClass } from '@/components/ui/search-box';
import { TypeBadge } from '@/components/events/event-parts';
import { fromLocalInput, toLocalInput } from '@/app/(admin)/audit/webhook-logs/log-filters';
import { RunStatusBadge, formatDuration, plural, runStatusLabel } from '../parts';
import { useRuns, useWorkflow } from '../use-workflows';
import { useRunFilter, type RunFilterPatch } from './use-run-filter';

const control =
  'mt-1 block w-full rounded-md border-0 px-2.5 py-1.5 text-sm shadow-xs ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-500 focus:outline-none';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });

function Filters({ filter, onChange }: { filter: ReturnType<typeof useRunFilter>[0]; onChange: (p: RunFilterPatch) => void }) {
  const ids = { status: useId(), from: useId(), to: useId() };
  const filtered = Boolean(filter.status || filter.from || filter.to || filter.email || filter.eventKey);
  return (
    <section aria-label="Filters" className="mb-4 rounded-lg bg-white p-4 ring-1 ring-slate-200">
      <div className="grid gap-3 sm:grid-cols-2 lg:flex lg:flex-wrap lg:items-end">
        <div className="lg:w-44">
          <label htmlFor={ids.status} className={labelClass}>
            Status
          </label>
          <select id={ids.status} value={filter.status ?? ''} onChange={(e) => onChange({ status: (e.target.value || undefined) as RunFilterPatch['status'] })} className={control}>
            <option value="">Any status</option>
            {RUN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {runStatusLabel(s)}
              </option>
            ))}
          </select>
        </div>
        <div className="lg:w-48">
          <label htmlFor={ids.from} className={labelClass}>
            From
          </label>
          <input id={ids.from} type="datetime-local" value={toLocalInput(filter.from)} onChange={(e) => onChange({ from: fromLocalInput(e.target.value) })} className={control} />
        </div>
        <div className="lg:w-48">
          <label htmlFor={ids.to} className={labelClass}>
            To
          </label>
          <input id={ids.to} type="datetime-local" value={toLocalInput(filter.to)} onChange={(e) => onChange({ to: fromLocalInput(e.target.value) })} className={control} />
        </div>
        <SearchBox className="lg:w-56" label="Contact email" placeholder="olena@example.com" delayMs={400} value={filter.email} onChange={(email) => onChange({ email })} />
        <SearchBox className="lg:w-44" label="Event key" placeholder="1258810400" delayMs={400} value={filter.eventKey} onChange={(eventKey) => onChange({ eventKey })} />
        {filtered && (
          <button
            type="button"
            onClick={() => onChange({ status: undefined, from: undefined, to: undefined, email: undefined, eventKey: undefined })}
            className="pb-1.5 text-left text-sm font-medium text-indigo-700 hover:underline lg:ml-auto"
          >
            Clear filters
          </button>
        )}
      </div>
    </section>
  );
}

export function RunsScreen({ workflowId }: { workflowId?: string }) {
  const [filter, setFilter] = useRunFilter();
  const runs = useRuns({ ...filter, workflowId });
  const workflow = useWorkflow(workflowId);
  const rows = runs.data?.pages.flatMap((p) => p.runs) ?? [];
  const filtered = Boolean(filter.status || filter.from || filter.to || filter.email || filter.eventKey);

  return (
    <>
      {workflowId && (
        <p className="mb-1 text-xs text-slate-500">
          <Link href="/automation/workflows" className="hover:text-slate-800 hover:underline">
            Workflows
          </Link>{' '}
          /{' '}
          <Link href={`/automation/workflows/${workflowId}`} className="hover:text-slate-800 hover:underline">
            {workflow.data?.name ?? 'Workflow'}
          </Link>
        </p>
      )}
      <PageHeader
        title={workflowId ? `Launch history · ${workflow.data?.name ?? '…'}` : 'Launch history'}
        description="Every run an event started: the contact it found, what each block did, and why a run failed or was skipped."
        actions={
          workflowId ? (
            <ButtonLink variant="secondary" href="/automation/runs">
              All workflows
            </ButtonLink>
          ) : (
            <ButtonLink variant="secondary" href="/automation/workflows">
              Workflows
            </ButtonLink>
          )
        }
      />
      <Filters filter={filter} onChange={setFilter} />
      <QueryState
        query={runs}
        what="runs"
        isEmpty={rows.length === 0}
        empty={
          <>
            <p className="font-medium text-slate-900">{filtered ? 'No runs match these filters' : 'No runs yet'}</p>
            <p className="mx-auto mt-1 max-w-md text-sm text-slate-500">
              {filtered ? 'Widen the date range or clear the filters.' : 'An active workflow runs when an event of its type arrives through POST /api/v1/events.'}
            </p>
          </>
        }
      >
        <div className={runs.isPlaceholderData ? 'opacity-60 transition-opacity' : ''}>
          <StackTable className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
              <tr>
                <th className="rounded-tl-lg px-4 py-2.5">Time</th>
                {!workflowId && <th className="px-4 py-2.5">Workflow</th>}
                <th className="px-4 py-2.5">Trigger event</th>
                <th className="px-4 py-2.5">Contact</th>
                <th className="px-4 py-2.5">Status</th>
                <th className="px-4 py-2.5">Duration</th>
                <th className="rounded-tr-lg px-4 py-2.5">
                  <span className="sr-only">Open</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.id} className="align-top" data-testid="run-row">
                  <td className="px-4 py-3 whitespace-nowrap text-slate-700">
                    <Link href={`/automation/runs/${r.id}`} className="hover:text-indigo-700 hover:underline">
                      {when(r.startedAt)}
                    </Link>
                  </td>
                  {!workflowId && (
                    <td className="px-4 py-3">
                      <Link href={`/automation/workflows/${r.workflowId}`} className="font-medium text-slate-900 hover:text-indigo-700 hover:underline">
                        {r.workflowName}
                      </Link>
                      <span className="ml-1 text-xs text-slate-400">v{r.version}</span>
                    </td>
                  )}
                  <td className="px-4 py-3">
                    <TypeBadge eventTypeKey={r.eventTypeKey} />
                    {r.eventKey && <p className="mt-0.5 font-mono text-xs text-slate-500">{r.eventKey}</p>}
                  </td>
                  <td className="px-4 py-3 break-all text-slate-700">{r.contactEmail ?? <span className="text-slate-400">—</span>}</td>
                  <td className="px-4 py-3">
                    <RunStatusBadge status={r.status} />
                    {r.reason && <p className="mt-1 max-w-xs text-xs text-slate-500">{r.reason}</p>}
                    {r.status === 'waiting' && r.dueAt && <p className="mt-1 text-xs text-slate-500">until {when(r.dueAt)}</p>}
                  </td>
                  <td className="px-4 py-3 whitespace-nowrap text-slate-600 tabular-nums">{formatDuration(r.durationMs)}</td>
                  <td className="px-4 py-3 text-right">
                    <ButtonLink variant="ghost" size="sm" href={`/automation/runs/${r.id}`} aria-label={`Open run of ${when(r.startedAt)}`}>
                      Details
                    </ButtonLink>
                  </td>
                </tr>
              ))}
            </tbody>
          </StackTable>
        </div>
        <LoadMoreFooter query={runs} shown={`${plural(rows.length, 'run')} shown`}>
          <Button variant="ghost" size="sm" onClick={() => runs.refetch()} loading={runs.isRefetching && !runs.isFetchingNextPage}>
            Refresh
          </Button>
        </LoadMoreFooter>
      </QueryState>
    </>
  );
}
