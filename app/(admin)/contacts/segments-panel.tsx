'use client';
// Segments: named filters over contact fields (TOWN is Kyiv …). Listed beside the contacts; choosing
// one filters the table, New segment opens the form, Delete asks first.
import { useState } from 'react';
import { describeConditions, type SegmentView } from '@/lib/contacts/schema';
import { Button } from '@/components/ui/button';
import { Banner } from '@/components/ui/banner';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';
import { useDeleteSegment, useSegments } from '@/components/contacts/use-contacts';
import { NewSegmentDialog } from './new-segment-dialog';

export function SegmentsPanel({ activeId, onSelect, knownFields }: { activeId?: string; onSelect: (id: string | undefined) => void; knownFields: string[] }) {
  const segments = useSegments();
  const remove = useDeleteSegment();
  const toast = useToast();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<SegmentView | null>(null);

  async function confirmDelete() {
    if (!deleting) return;
    try {
      await remove.mutateAsync(deleting.id);
      if (activeId === deleting.id) onSelect(undefined);
      toast(`Segment “${deleting.name}” deleted`);
      setDeleting(null);
    } catch (err) {
      toast((err as Error).message, 'error');
    }
  }

  return (
    <section aria-labelledby="segments-title" className="rounded-lg bg-white ring-1 ring-slate-200">
      <div className="flex items-center justify-between gap-3 border-b border-slate-100 px-4 py-3">
        <div>
          <h2 id="segments-title" className="text-sm font-semibold text-slate-900">
            Segments
          </h2>
          <p className="text-xs text-slate-500">Saved filters over contact fields. Choose one to show its contacts above.</p>
        </div>
        <Button variant="secondary" size="sm" className="shrink-0" onClick={() => setCreating(true)}>
          New segment
        </Button>
      </div>
      {segments.isPending ? (
        <p className="px-4 py-4 text-sm text-slate-500">Loading segments…</p>
      ) : segments.isError ? (
        <div className="p-3">
          <Banner tone="error">{segments.error.message}</Banner>
        </div>
      ) : segments.data.length === 0 ? (
        <p className="px-4 py-4 text-sm text-slate-500">No segments yet. Create one, e.g. Town is Kyiv, to filter contacts by it.</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {segments.data.map((s) => {
            const active = s.id === activeId;
            return (
              <li key={s.id} className={`flex items-center gap-3 px-4 py-2.5 ${active ? 'bg-indigo-50/60' : ''}`}>
                <button
                  type="button"
                  onClick={() => onSelect(active ? undefined : s.id)}
                  aria-pressed={active}
                  className="min-w-0 flex-1 rounded text-left focus-visible:outline-2 focus-visible:outline-indigo-600"
                >
                  <span className={`block truncate text-sm font-medium ${active ? 'text-indigo-700' : 'text-slate-800'}`}>
                    {s.name}
                    {active && <span className="ml-2 text-xs font-normal text-indigo-600">Showing</span>}
                  </span>
                  <span className="block truncate text-xs text-slate-500" title={describeConditions(s.conditions)}>
                    {describeConditions(s.conditions)}
                  </span>
                </button>
                <Button variant="ghost" size="sm" onClick={() => setDeleting(s)} aria-label={`Delete segment ${s.name}`}>
                  Delete
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      <NewSegmentDialog
        open={creating}
        knownFields={knownFields}
        onClose={() => setCreating(false)}
        onCreated={(s) => {
          toast(`Segment “${s.name}” created`);
          onSelect(s.id);
        }}
      />
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this segment?"
        description={deleting && <>“{deleting.name}” is removed. Its contacts stay as they are.</>}
        confirmLabel="Delete segment"
        danger
        loading={remove.isPending}
        onConfirm={confirmDelete}
        onClose={() => setDeleting(null)}
      />
    </section>
  );
}
