'use client';
import Link from 'next/link';
import { ButtonLink } from '@/components/ui/button-link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { eventTypeLabel } from '@/lib/event-webhooks/schema';
import type { EventWebhookView } from '@/lib/event-webhooks/service';
import { PageHeader } from '@/components/ui/page-header';
import { QueryTable, EmptyState } from '@/components/ui/query-table';
import { Menu } from '@/components/ui/menu';
import { ConfirmDelete } from '@/components/ui/confirm-delete';
import { StateBadge } from '@/components/endpoints/state-badge';
import { FailureLine } from '@/components/endpoints/failure';
import { formatDateTime } from '@/components/ui/format';
import { useDeleteEventWebhook, useEventWebhooks } from './use-event-webhooks';

export function EventWebhookList() {
  const hooks = useEventWebhooks();
  const remove = useDeleteEventWebhook();
  const router = useRouter();
  const [deleting, setDeleting] = useState<EventWebhookView | null>(null);
  const create = (
    <ButtonLink href="/automation/webhooks/new">
      Create new Webhook
    </ButtonLink>
  );
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Each webhook receives one event type as single JSON objects at an HTTPS address. Only one webhook per event type can be active; a webhook can be edited only while it is inactive."
        actions={hooks.data?.length ? create : undefined}
      />
      <QueryTable
        query={hooks}
        what="webhooks"
        columns={['Name', 'Event', 'State', 'Last delivery', '']}
        empty={
          <EmptyState title="No webhooks yet" action={create}>
            Notify another system of email sends, opens, clicks, bounces, complaints and list subscriptions as they happen.
          </EmptyState>
        }
      >
        {(rows) =>
          rows.map((h) => (
                <tr key={h.id} className="align-top">
                  <td className="max-w-sm px-4 py-3">
                    <Link href={`/automation/webhooks/${h.id}`} className="font-medium text-indigo-700 hover:underline">
                      {h.name}
                    </Link>
                    <p className="mt-0.5 truncate font-mono text-xs text-slate-500">{h.url}</p>
                  </td>
                  <td className="px-4 py-3 text-slate-700">{eventTypeLabel(h.eventType)}</td>
                  <td className="px-4 py-3">
                    <StateBadge endpoint={h} />
                    <FailureLine endpoint={h} />
                  </td>
                  <td className="px-4 py-3 text-slate-600">{h.lastSuccessAt ? formatDateTime(h.lastSuccessAt) : 'Never'}</td>
                  <td className="px-4 py-3 text-right">
                    <Menu
                      label={`Actions for ${h.name}`}
                      items={[
                        { label: h.active ? 'View' : 'Edit', onSelect: () => router.push(`/automation/webhooks/${h.id}`) },
                        { label: 'Delete', danger: true, onSelect: () => setDeleting(h) },
                      ]}
                    />
                  </td>
                </tr>
          ))
        }
      </QueryTable>
      <ConfirmDelete
        target={deleting}
        what="webhook"
        consequence="and its queue are removed. This cannot be undone."
        loading={remove.isPending}
        onDelete={(h) => remove.mutateAsync(h.id)}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}
