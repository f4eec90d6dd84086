'use client';
// Choosing a contact for a test (Manage Webhook → Send test): the search bar, "View contacts from the
// selected group", and the rows; the eye icon opens the contact card, a click on the row chooses.
import { useState } from 'react';
import { contactDisplayName, type ContactView } from '@/lib/contacts/schema';
import { Banner } from '@/components/ui/banner';
import { Button } from '@/components/ui/button';
import { useContacts } from './use-contacts';
import { SearchBox } from '@/components/ui/search-box';
import { SegmentSelect } from './segment-select';
import { ContactCardDialog, EyeButton } from './contact-card';

export type ContactPickerProps = {
  /** Called with the contact whose row was clicked. */
  onPick: (contact: ContactView) => void;
  /** The contact chosen so far, highlighted in the list. */
  selectedId?: string | null;
};

export function ContactPicker({ onPick, selectedId = null }: ContactPickerProps) {
  const [q, setQ] = useState<string | undefined>();
  const [segmentId, setSegmentId] = useState<string | undefined>();
  const contacts = useContacts({ q, segmentId }, 20);
  const [viewing, setViewing] = useState<ContactView | null>(null);
  const rows = contacts.data?.pages.flatMap((p) => p.contacts) ?? [];

  return (
    <div className="space-y-3" data-testid="contact-picker">
      <div className="grid items-end gap-3 sm:grid-cols-[minmax(0,1fr)_14rem]">
        <SearchBox label="Find a contact" placeholder="Email, phone or name" value={q} onChange={setQ} />
        <SegmentSelect label="View contacts from the selected group" value={segmentId} onChange={setSegmentId} />
      </div>
      <div className="rounded-md ring-1 ring-slate-200">
        {contacts.isPending ? (
          <p className="px-3 py-4 text-sm text-slate-500">Loading contacts…</p>
        ) : contacts.isError ? (
          <div className="p-3">
            <Banner tone="error" title="Could not load the contacts">
              {contacts.error.message}
            </Banner>
          </div>
        ) : rows.length === 0 ? (
          <p className="px-3 py-6 text-center text-sm text-slate-500">{q || segmentId ? 'No contacts match.' : 'No contacts yet. Add them under Contacts.'}</p>
        ) : (
          <ul role="listbox" aria-label="Contacts" className={`max-h-80 divide-y divide-slate-100 overflow-y-auto ${contacts.isPlaceholderData ? 'opacity-60' : ''}`}>
            {rows.map((c) => {
              const selected = c.id === selectedId;
              const name = contactDisplayName(c);
              const secondary = [c.email, c.phone].filter((v) => v && v !== name).join(' · ');
              return (
                <li
                  key={c.id}
                  role="option"
                  aria-selected={selected}
                  tabIndex={0}
                  onClick={() => onPick(c)}
                  onKeyDown={(e) => {
                    if (e.target === e.currentTarget && (e.key === 'Enter' || e.key === ' ')) {
                      e.preventDefault();
                      onPick(c);
                    }
                  }}
                  className={`flex cursor-pointer items-center gap-3 px-3 py-2 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600 ${
                    selected ? 'bg-indigo-50' : 'hover:bg-slate-50'
                  }`}
                >
                  <div className="min-w-0 flex-1">
                    <p className={`truncate text-sm font-medium ${selected ? 'text-indigo-700' : 'text-slate-900'}`}>{name}</p>
                    {secondary && <p className="truncate text-xs text-slate-500">{secondary}</p>}
                  </div>
                  {c.fields.TOWN != null && c.fields.TOWN !== '' && <span className="shrink-0 rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600">{String(c.fields.TOWN)}</span>}
                  {selected && (
                    <svg viewBox="0 0 20 20" fill="currentColor" className="size-4 shrink-0 text-indigo-600" aria-hidden>
                      <path fillRule="evenodd" d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.58l7.3-7.3a1 1 0 0 1 1.4 0Z" clipRule="evenodd" />
                    </svg>
                  )}
                  <EyeButton label={`View contact card of ${name}`} onClick={() => setViewing(c)} />
                </li>
              );
            })}
          </ul>
        )}
        {contacts.hasNextPage && (
          <div className="border-t border-slate-100 px-3 py-2 text-center">
            <Button variant="ghost" size="sm" onClick={() => contacts.fetchNextPage()} loading={contacts.isFetchingNextPage}>
              Show more
            </Button>
          </div>
        )}
      </div>
      <ContactCardDialog contact={viewing} onClose={() => setViewing(null)} />
    </div>
  );
}
