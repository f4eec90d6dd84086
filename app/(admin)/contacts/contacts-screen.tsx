'use client';
// Contacts: search by email, phone or name and filter by segment (both kept in the URL), the table
// with an eye icon per row for the contact card, New contact, and the Segments panel.
import { useCallback, useMemo, useState } from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { contactDisplayName, STANDARD_KEYS, SUGGESTED_FIELDS, type ContactView } from '@/lib/contacts/schema';
import { PageHeader } from '@/components/ui/page-header';
import { LoadMoreFooter, QueryState, StackTable } from '@/components/ui/query-table';
import { Button } from '@/components/ui/button';
import { formatDateTime } from '@/components/ui/format';
import { useContacts, useSegments, type ContactFilter } from '@/components/contacts/use-contacts';
import { SearchBox } from '@/components/ui/search-box';
import { SegmentSelect } from '@/components/contacts/segment-select';
import { ContactCardDialog, EyeButton } from '@/components/contacts/contact-card';
import { NewContactDialog } from './new-contact-dialog';
import { SegmentsPanel } from './segments-panel';

function useContactFilter(): [ContactFilter, (patch: Partial<ContactFilter>) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filter = useMemo(() => ({ q: params.get('q') || undefined, segmentId: params.get('segment') || undefined }), [params]);
  const update = useCallback(
    (patch: Partial<ContactFilter>) => {
      const next = { ...filter, ...patch };
      const qs = new URLSearchParams();
      if (next.q) qs.set('q', next.q);
      if (next.segmentId) qs.set('segment', next.segmentId);
      router.replace(qs.size ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [filter, router, pathname],
  );
  return [filter, update];
}

export function ContactsScreen() {
  const [filter, setFilter] = useContactFilter();
  const contacts = useContacts(filter);
  const segments = useSegments();
  const [viewing, setViewing] = useState<ContactView | null>(null);
  const [creating, setCreating] = useState(false);
  const rows = useMemo(() => contacts.data?.pages.flatMap((p) => p.contacts) ?? [], [contacts.data]);
  const showTown = rows.some((c) => c.fields.TOWN !== undefined && c.fields.TOWN !== null && c.fields.TOWN !== '');
  const knownFields = useMemo(() => [...new Set([...SUGGESTED_FIELDS, ...rows.flatMap((c) => Object.keys(c.fields)), ...STANDARD_KEYS])], [rows]);
  const segmentName = segments.data?.find((s) => s.id === filter.segmentId)?.name;
  const filtered = Boolean(filter.q || filter.segmentId);

  return (
    <>
      <PageHeader
        title="Contacts"
        description="The people workflow webhooks send data about: their email, phone, name and fields such as TOWN, read in templates as ${contact.TOWN}."
        actions={<Button onClick={() => setCreating(true)}>New contact</Button>}
      />
      <div className="space-y-6">
        <div>
          <section aria-label="Filters" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
            <SearchBox
              className="min-w-56 flex-1"
              label="Search contacts"
              placeholder="Email, phone or name"
              value={filter.q}
              onChange={(q) => setFilter({ q })}
            />
            <SegmentSelect className="w-56" value={filter.segmentId} onChange={(segmentId) => setFilter({ segmentId })} />
          </section>
          <QueryState
            query={contacts}
            what="contacts"
            isEmpty={rows.length === 0}
            empty={
                filtered ? (
                  <>
                    <p className="font-medium text-slate-900">No contacts match</p>
                    <p className="mx-auto mt-1 max-w-md text-sm text-slate-500">
                      {filter.q ? <>Nothing found for “{filter.q}”</> : 'Nobody is in this segment yet'}
                      {segmentName && filter.q ? <> in “{segmentName}”</> : null}.
                    </p>
                    <Button variant="secondary" className="mt-4" onClick={() => setFilter({ q: undefined, segmentId: undefined })}>
                      Clear filters
                    </Button>
                  </>
                ) : (
                  <>
                    <p className="font-medium text-slate-900">No contacts yet</p>
                    <p className="mx-auto mt-1 max-w-md text-sm text-slate-500">
                      Add one here, or send them from your platform to <code className="rounded bg-slate-100 px-1 font-mono text-xs">POST /api/v1/contacts</code>.
                    </p>
                    <Button className="mt-4" onClick={() => setCreating(true)}>
                      New contact
                    </Button>
                  </>
                )
            }
          >
            <>
                <div className={`overflow-x-auto ${contacts.isPlaceholderData ? 'opacity-60 transition-opacity' : ''}`}>
                  <StackTable className="w-full text-sm">
                    <thead className="bg-slate-50 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
                      <tr>
                        <th className="rounded-tl-lg px-4 py-2.5">Name</th>
                        <th className="px-4 py-2.5">Email</th>
                        <th className="px-4 py-2.5">Phone</th>
                        {showTown && <th className="px-4 py-2.5">Town</th>}
                        <th className="px-4 py-2.5 whitespace-nowrap">Created</th>
                        <th className="w-12 rounded-tr-lg px-2 py-2.5">
                          <span className="sr-only">Card</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-100">
                      {rows.map((c) => {
                        const name = [c.firstName, c.lastName].filter(Boolean).join(' ');
                        return (
                          <tr key={c.id} className="hover:bg-slate-50/60">
                            <td className="px-4 py-2.5 font-medium whitespace-nowrap text-slate-900">{name || <span className="font-normal text-slate-400">—</span>}</td>
                            <td className="max-w-72 truncate px-4 py-2.5 text-slate-700" title={c.email ?? undefined}>
                              {c.email ?? <span className="text-slate-400">—</span>}
                            </td>
                            <td className="px-4 py-2.5 whitespace-nowrap text-slate-700">{c.phone ?? <span className="text-slate-400">—</span>}</td>
                            {showTown && <td className="px-4 py-2.5 text-slate-700">{c.fields.TOWN != null && c.fields.TOWN !== '' ? String(c.fields.TOWN) : <span className="text-slate-400">—</span>}</td>}
                            <td className="px-4 py-2.5 whitespace-nowrap text-slate-500">{formatDateTime(c.createdAt)}</td>
                            <td className="px-2 py-1.5 text-right">
                              <EyeButton label={`View contact card of ${contactDisplayName(c)}`} onClick={() => setViewing(c)} />
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </StackTable>
                </div>
                <LoadMoreFooter
                  query={contacts}
                  shown={
                    <>
                      {rows.length.toLocaleString()} {rows.length === 1 ? 'contact' : 'contacts'} shown
                      {segmentName ? <> in “{segmentName}”</> : null}
                    </>
                  }
                />
            </>
          </QueryState>
        </div>
        <SegmentsPanel activeId={filter.segmentId} onSelect={(segmentId) => setFilter({ segmentId })} knownFields={knownFields} />
      </div>
      <ContactCardDialog contact={viewing} onClose={() => setViewing(null)} />
      <NewContactDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
