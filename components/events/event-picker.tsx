'use client';
// Choosing a received event for a test (Manage Webhook → Send test): the latest events, filterable by
// type; a click on a row chooses it, the chevron shows its params.
import { useState } from 'react';
import type { EventView } from '@/lib/events/schema';
import { Banner } from '@/components/ui/banner';
import { Button } from '@/components/ui/button';
import { formatDateTime } from '@/components/ui/format';
import { useEvents } from './use-events';
import { EventTypeSelect, ParamsJson, paramsPreview, TypeBadge } from './event-parts';

export type EventPickerProps = {
  /** Called with the event whose row was clicked. */
  onPick: (event: EventView) => void;
  /** The event chosen so far, highlighted in the list. */
  selectedId?: string | null;
};

export function EventPicker({ onPick, selectedId = null }: EventPickerProps) {
  const [type, setType] = useState<string | undefined>();
  const events = useEvents(type, 20);
  const [expanded, setExpanded] = useState<string | null>(null);
  const rows = events.data?.pages.flatMap((p) => p.events) ?? [];

  return (
    <div className="space-y-3" data-testid="event-picker">
      <EventTypeSelect className="sm:w-72" value={type} onChange={setType} />
      <div className="rounded-md ring-1 ring-slate-200">
        {events.isPending ? (
          <p className="px-3 py-4 text-sm text-slate-500">Loading events…</p>
        ) : events.isError ? (
          <div className="p-3">
            <Banner tone="error" title="Could not load the events">
              {events.error.message}
            </Banner>
          </div>
        ) : rows.length === 0 ? (
          <p className="px-3 py-6 text-center text-sm text-slate-500">{type ? `No “${type}” events received yet.` : 'No events received yet.'}</p>
        ) : (
          <ul role="listbox" aria-label="Events" className={`max-h-80 divide-y divide-slate-100 overflow-y-auto ${events.isPlaceholderData ? 'opacity-60' : ''}`}>
            {rows.map((e) => {
              const selected = e.id === selectedId;
              const open = expanded === e.id;
              return (
                <li
                  key={e.id}
                  role="option"
                  aria-selected={selected}
                  tabIndex={0}
                  onClick={() => onPick(e)}
                  onKeyDown={(ev) => {
                    if (ev.target === ev.currentTarget && (ev.key === 'Enter' || ev.key === ' ')) {
                      ev.preventDefault();
                      onPick(e);
                    }
                  }}
                  className={`cursor-pointer px-3 py-2 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600 ${selected ? 'bg-indigo-50' : 'hover:bg-slate-50'}`}
                >
                  <div className="flex items-center gap-3">
                    <div className="min-w-0 flex-1">
                      <div className="flex min-w-0 items-center gap-2">
                        <TypeBadge eventTypeKey={e.eventTypeKey} className="shrink-0" />
                        {e.keyValue && <span className="truncate text-sm text-slate-700">{e.keyValue}</span>}
                      </div>
                      <p className="mt-0.5 truncate font-mono text-xs text-slate-500">{paramsPreview(e.params)}</p>
                    </div>
                    <span className="shrink-0 text-xs whitespace-nowrap text-slate-400">{formatDateTime(e.receivedAt)}</span>
                    <button
                      type="button"
                      aria-expanded={open}
                      aria-label={`${open ? 'Hide' : 'Show'} params of event ${e.id}`}
                      onClick={(ev) => {
                        ev.stopPropagation();
                        setExpanded(open ? null : e.id);
                      }}
                      className="shrink-0 rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700"
                    >
                      <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden className={`size-4 transition-transform ${open ? 'rotate-90' : ''}`}>
                        <path fillRule="evenodd" d="M7.2 14.8a.75.75 0 0 1 0-1.06L10.94 10 7.2 6.26a.75.75 0 1 1 1.06-1.06l4.27 4.27a.75.75 0 0 1 0 1.06l-4.27 4.27a.75.75 0 0 1-1.06 0Z" clipRule="evenodd" />
                      </svg>
                    </button>
                  </div>
                  {open && (
                    <div className="mt-2" onClick={(ev) => ev.stopPropagation()}>
                      <ParamsJson params={e.params} />
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {events.hasNextPage && (
          <div className="border-t border-slate-100 px-3 py-2 text-center">
            <Button variant="ghost" size="sm" onClick={() => events.fetchNextPage()} loading={events.isFetchingNextPage}>
              Show more
            </Button>
          </div>
        )}
      </div>
    </div>
  );
}
