'use client';
import Link from 'next/link';
import { ButtonLink } from '@/components/ui/button-link';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import type { EndpointView } from '@/lib/endpoints/schema';
import { PageHeader } from '@/components/ui/page-header';
import { QueryTable, EmptyState } from '@/components/ui/query-table';
import { Menu } from '@/components/ui/menu';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';
import { formatDateTime } from '@/components/ui/format';
import { useExportAction, useExports } from './use-exports';
import { SendTestDialog } from './send-test-dialog';
import { StateBadge, compactStatuses } from '@/components/endpoints/state-badge';
import { FailureLine } from '@/components/endpoints/failure';

type Pending = { endpoint: EndpointView; action: 'activate' | 'deactivate' | 'delete' };

const CONFIRM = {
  deactivate: {
    title: 'Deactivate this export?',
    body: 'Nothing is sent while it is inactive. Activities already queued are kept and go out in order when you activate it again; new activities are not queued meanwhile.',
    label: 'Deactivate',
    done: 'deactivated',
  },
  activate: { title: 'Activate this export?', body: 'Queued activities are delivered in order, then new ones as they arrive.', label: 'Activate', done: 'activated' },
  delete: { title: 'Delete this export?', body: 'The export, its queue and its delivery log are removed. This cannot be undone.', label: 'Delete', done: 'deleted' },
} as const;

export function ExportList() {
  const exports = useExports();
  const router = useRouter();
  const action = useExportAction();
  const toast = useToast();
  const [pending, setPending] = useState<Pending | null>(null);
  const [testing, setTesting] = useState<EndpointView | null>(null);

  async function run(endpoint: EndpointView, kind: 'activate' | 'deactivate' | 'delete') {
    try {
      await action.mutateAsync({ id: endpoint.id, action: kind });
      toast(`“${endpoint.name}” ${CONFIRM[kind].done}`);
      setPending(null);
    } catch (err) {
      toast((err as Error).message, 'error');
    }
  }

  const newButton = (
    <ButtonLink href="/settings/data-export/new">
      New data export
    </ButtonLink>
  );

  return (
    <>
      <PageHeader
        title="Data export"
        description="Send contact activities to your systems as they happen: each export POSTs JSON arrays of the statuses it tracks, in order, retried until your server answers 2xx."
        actions={exports.data?.length ? newButton : undefined}
      />
      <QueryTable
        query={exports}
        what="exports"
        columns={['Name', 'Statuses', 'State', 'Last delivery', '']}
        empty={
          <EmptyState title="No data exports yet" action={newButton}>
            Create a webhook export to stream activities (delivered, read, clicked …) to your CRM or data warehouse.
          </EmptyState>
        }
      >
        {(rows) =>
          rows.map((e) => (
                <tr key={e.id} className="align-top">
                  <td className="max-w-xs px-4 py-3">
                    <Link href={`/settings/data-export/${e.id}`} className="font-medium text-indigo-700 hover:underline">
                      {e.name}
                    </Link>
                    <p className="mt-0.5 truncate font-mono text-xs text-slate-500" title={e.url}>
                      {e.url}
                    </p>
                  </td>
                  <td className="px-4 py-3 text-slate-600">{compactStatuses(e.statuses)}</td>
                  <td className="px-4 py-3">
                    <StateBadge endpoint={e} />
                    <FailureLine endpoint={e} />
                  </td>
                  <td className="px-4 py-3 text-slate-600">{e.lastSuccessAt ? formatDateTime(e.lastSuccessAt) : 'Never'}</td>
                  <td className="px-4 py-3 text-right">
                    <Menu
                      label={`Actions for ${e.name}`}
                      items={[
                        { label: 'Edit', onSelect: () => router.push(`/settings/data-export/${e.id}`) },
                        { label: 'Send test', onSelect: () => setTesting(e) },
                        { label: e.active ? 'Deactivate' : 'Activate', onSelect: () => setPending({ endpoint: e, action: e.active ? 'deactivate' : 'activate' }) },
                        { label: 'Delete', danger: true, onSelect: () => setPending({ endpoint: e, action: 'delete' }) },
                      ]}
                    />
                  </td>
                </tr>
          ))
        }
      </QueryTable>
      <ConfirmDialog
        open={pending !== null}
        title={pending ? CONFIRM[pending.action].title : ''}
        description={
          pending && (
            <>
              <span className="font-medium text-slate-700">{pending.endpoint.name}</span>: {CONFIRM[pending.action].body}
            </>
          )
        }
        confirmLabel={pending ? CONFIRM[pending.action].label : ''}
        danger={pending?.action === 'delete' || pending?.action === 'deactivate'}
        loading={action.isPending}
        onConfirm={() => pending && run(pending.endpoint, pending.action)}
        onClose={() => setPending(null)}
      />
      {testing && <SendTestDialog endpoint={testing} onClose={() => setTesting(null)} />}
    </>
  );
}
