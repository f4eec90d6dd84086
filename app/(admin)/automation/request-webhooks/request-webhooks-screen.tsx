'use client';
import Link from 'next/link';
import { useState } from 'react';
import type { RequestWebhookView } from '@/lib/request-webhooks/types';
import { PageHeader } from '@/components/ui/page-header';
import { QueryTable, EmptyState } from '@/components/ui/query-table';
import { Button } from '@/components/ui/button';
import { Menu } from '@/components/ui/menu';
import { ConfirmDelete } from '@/components/ui/confirm-delete';
import { useToast } from '@/components/ui/toast';
import { formatDateTime } from '@/components/ui/format';
import { ManageWebhookDialog } from './manage-webhook-dialog';
import { useDeleteRequestWebhook, useRequestWebhooks, useRestoreRequestWebhook } from './use-request-webhooks';

type Open = { webhook?: RequestWebhookView; step: 'form' | 'test' } | null;

export function RequestWebhooksScreen() {
  const [tab, setTab] = useState<'live' | 'deleted'>('live');
  const hooks = useRequestWebhooks(tab === 'deleted');
  const remove = useDeleteRequestWebhook();
  const restore = useRestoreRequestWebhook();
  const toast = useToast();
  const [open, setOpen] = useState<Open>(null);
  const [deleting, setDeleting] = useState<RequestWebhookView | null>(null);

  const tabClass = (t: typeof tab) =>
    `border-b-2 px-1 pb-2 text-sm font-medium ${tab === t ? 'border-indigo-600 text-indigo-700' : 'border-transparent text-slate-500 hover:text-slate-700'}`;

  return (
    <>
      <PageHeader
        title="Workflow webhooks"
        description={
          <>
            Requests a workflow block sends with the data of one contact or event; the JSON answer can personalise messages. Authentication comes from{' '}
            <Link href="/automation/connectors" className="text-indigo-700 hover:underline">
              connectors
            </Link>
            .
          </>
        }
        actions={<Button onClick={() => setOpen({ step: 'form' })}>New webhook</Button>}
      />
      <div role="tablist" className="mb-4 flex gap-6 border-b border-slate-200">
        <button role="tab" aria-selected={tab === 'live'} className={tabClass('live')} onClick={() => setTab('live')}>
          Webhooks
        </button>
        <button role="tab" aria-selected={tab === 'deleted'} className={tabClass('deleted')} onClick={() => setTab('deleted')}>
          Deleted webhooks
        </button>
      </div>
      <QueryTable
        query={hooks}
        what="webhooks"
        columns={['Name', 'Request', 'Authentication', tab === 'live' ? 'Updated' : 'Deleted', '']}
        empty={
          tab === 'live' ? (
            <EmptyState title="No workflow webhooks yet" action={<Button onClick={() => setOpen({ step: 'form' })}>New webhook</Button>}>
              A workflow webhook requests your system with the contact’s and the event’s data; its answer is read in messages as{' '}
              <code className="font-mono text-xs">$data</code>.
            </EmptyState>
          ) : (
            <EmptyState title="No deleted webhooks">Deleted workflow webhooks are kept here, so a workflow that still names one can be understood.</EmptyState>
          )
        }
      >
        {(rows) =>
          rows.map((w) => (
                <tr key={w.id} className="align-top">
                  <td className="px-4 py-3">
                    <p className="font-medium text-slate-900">{w.name}</p>
                    {w.description && <p className="mt-0.5 text-xs text-slate-500">{w.description}</p>}
                  </td>
                  <td className="max-w-md px-4 py-3">
                    <span className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs font-semibold text-slate-700">{w.method}</span>
                    <span className="font-mono text-xs break-all text-slate-600">{w.url}</span>
                  </td>
                  <td className="px-4 py-3 text-slate-600">{w.connectorName ?? '—'}</td>
                  <td className="px-4 py-3 text-slate-600">{formatDateTime(w.deletedAt ?? w.updatedAt)}</td>
                  <td className="px-4 py-3 text-right">
                    {tab === 'live' ? (
                      <Menu
                        label={`Actions for ${w.name}`}
                        items={[
                          { label: 'Edit', onSelect: () => setOpen({ webhook: w, step: 'form' }) },
                          { label: 'Send test', onSelect: () => setOpen({ webhook: w, step: 'test' }) },
                          { label: 'Delete', danger: true, onSelect: () => setDeleting(w) },
                        ]}
                      />
                    ) : (
                      <Button
                        variant="secondary"
                        size="sm"
                        loading={restore.isPending}
                        onClick={async () => {
                          try {
                            await restore.mutateAsync(w.id);
                            toast(`“${w.name}” restored`);
                          } catch (err) {
                            toast((err as Error).message, 'error');
                          }
                        }}
                      >
                        Restore
                      </Button>
                    )}
                  </td>
                </tr>
          ))
        }
      </QueryTable>
      {open && <ManageWebhookDialog webhook={open.webhook} initialStep={open.step} onClose={() => setOpen(null)} />}
      <ConfirmDelete
        target={deleting}
        what="webhook"
        consequence="moves to Deleted webhooks, from where you can restore it."
        loading={remove.isPending}
        onDelete={(w) => remove.mutateAsync(w.id)}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}
