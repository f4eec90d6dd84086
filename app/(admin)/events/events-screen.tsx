'use client';
// Events: the custom events the account received (POST /api/v1/events), newest first, filtered by
// event type through the URL; each row expands to its params as pretty JSON.
import { Fragment, useCallback, useState } from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { PageHeader } from '@/components/ui/page-header';
import { Button } from '@/components/ui/button';
import { Banner } from '@/components/ui/banner';
import { LoadMoreFooter, StackTable } from '@/components/ui/query-table';
import { formatDateTime } from '@/components/ui/format';
import { useEvents } from '@/components/events/use-events';
import { EventTypeSelect, ParamsJson, paramsPreview, TypeBadge } from '@/components/events/event-parts';

const EXAMPLE = `curl -X POST "$HOOKLINE/api/v1/events" \\
  -H "Authorization: Bearer <API key>" -H "Content-Type: application/json" \\
  -d '{"eventTypeKey":"productViewed","keyValue":"olena@example.com",
       "params":[{"name":"email","value":"olena@example.com"},{"name":"productId","value":"4501"}]}'`;

function useTypeFilter(): [string | undefined, (type: string | undefined) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const type = params.get('type') || undefined;
  const set = useCallback(
    (next: string | undefined) => router.replace(next ? `${pathname}?${new URLSearchParams({ type: next })}` : pathname, { scroll: false }),
    [router, pathname],
  );
  return [type, set];
}

export function EventsScreen() {
  const [type, setType] = useTypeFilter();
  const events = useEvents(type);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const rows = events.data?.pages.flatMap((p) => p.events) ?? [];
  const toggle = (id: string) =>
    setOpen((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <>
      <PageHeader
        title="Events"
        description="Custom events your platform sent to POST /api/v1/events, newest first. Workflow webhooks read their params as ${name}."
        actions={
          <Button variant="secondary" onClick={() => events.refetch()} loading={events.isRefetching && !events.isFetchingNextPage}>
            Refresh
          </Button>
        }
      />
      <section aria-label="Filters" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
        <EventTypeSelect className="w-72" value={type} onChange={setType} />
        {type && (
          <button type="button" onClick={() => setType(undefined)} className="pb-2 text-sm font-medium text-indigo-700 hover:underline">
            Clear filter
          </button>
        )}
      </section>
      <div className="rounded-lg bg-white ring-1 ring-slate-200">
        {events.isPending ? (
          <p className="p-6 text-sm text-slate-500">Loading events…</p>
        ) : events.isError ? (
          <div className="p-4">
            <Banner tone="error" title="Could not load the events">
              {events.error.message}{' '}
              <button className="underline" onClick={() => events.refetch()}>
                Try again
              </button>
            </Banner>
          </div>
        ) : rows.length === 0 ? (
          <div className="p-10 text-center">
            <p className="font-medium text-slate-900">{type ? `No “${type}” events yet` : 'No events received yet'}</p>
            <p className="mx-auto mt-1 max-w-lg text-sm text-slate-500">Send one with an API key (one event or an array of up to 1,000):</p>
            <pre className="mx-auto mt-4 max-w-2xl overflow-x-auto rounded-md bg-slate-900 p-3 text-left font-mono text-xs leading-relaxed text-slate-100">{EXAMPLE}</pre>
          </div>
        ) : (
          <>
            <StackTable className={`w-full table-fixed text-sm ${events.isPlaceholderData ? 'opacity-60 transition-opacity' : ''}`}>
              <thead className="bg-slate-50 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
                <tr>
                  <th className="w-10 rounded-tl-lg px-2 py-2.5">
                    <span className="sr-only">Expand</span>
                  </th>
                  <th className="w-44 px-3 py-2.5">Event type</th>
                  <th className="w-52 px-3 py-2.5">Key value</th>
                  <th className="px-3 py-2.5">Params</th>
                  <th className="w-52 rounded-tr-lg px-4 py-2.5">Received</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((e) => {
                  const expanded = open.has(e.id);
                  return (
                    <Fragment key={e.id}>
                      <tr className={`cursor-pointer ${expanded ? 'bg-slate-50/80' : 'hover:bg-slate-50/60'}`} onClick={() => toggle(e.id)}>
                        <td className="px-2 py-2.5 text-center">
                          <button
                            type="button"
                            aria-expanded={expanded}
                            aria-label={`${expanded ? 'Hide' : 'Show'} params of ${e.eventTypeKey} event ${e.id}`}
                            onClick={(ev) => {
                              ev.stopPropagation();
                              toggle(e.id);
                            }}
                            className="rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700"
                          >
                            <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden className={`size-4 transition-transform ${expanded ? 'rotate-90' : ''}`}>
                              <path fillRule="evenodd" d="M7.2 14.8a.75.75 0 0 1 0-1.06L10.94 10 7.2 6.26a.75.75 0 1 1 1.06-1.06l4.27 4.27a.75.75 0 0 1 0 1.06l-4.27 4.27a.75.75 0 0 1-1.06 0Z" clipRule="evenodd" />
                            </svg>
                          </button>
                        </td>
                        <td className="px-3 py-2.5">
                          <TypeBadge eventTypeKey={e.eventTypeKey} />
                        </td>
                        <td className="truncate px-3 py-2.5 text-slate-700" title={e.keyValue ?? undefined}>
                          {e.keyValue ?? <span className="text-slate-400">—</span>}
                        </td>
                        <td className="truncate px-3 py-2.5 font-mono text-xs text-slate-500">{paramsPreview(e.params)}</td>
                        <td className="px-4 py-2.5 whitespace-nowrap text-slate-500">{formatDateTime(e.receivedAt)}</td>
                      </tr>
                      {expanded && (
                        <tr className="bg-slate-50/80">
                          <td />
                          <td colSpan={4} className="px-3 pb-4">
                            <p className="mb-1.5 text-xs text-slate-500">
                              Event <span className="font-mono">#{e.id}</span> · params as workflow webhooks read them
                            </p>
                            <ParamsJson params={e.params} />
                          </td>
                        </tr>
                      )}
                    </Fragment>
                  );
                })}
              </tbody>
            </StackTable>
            <LoadMoreFooter query={events} shown={`${rows.length.toLocaleString()} ${rows.length === 1 ? 'event' : 'events'} shown`} />
          </>
        )}
      </div>
    </>
  );
}
