'use client';
import { useState } from 'react';
import { CONNECTOR_TYPES, type ConnectorView } from '@/lib/connectors/schema';
import { PageHeader } from '@/components/ui/page-header';
import { Button } from '@/components/ui/button';
import { QueryTable, EmptyState } from '@/components/ui/query-table';
import { ConfirmDelete } from '@/components/ui/confirm-delete';
import { useToast } from '@/components/ui/toast';
import { ConnectorDialog } from './connector-form';
import { useConnectors, useDeleteConnector } from './use-connectors';

export function ConnectorsScreen() {
  const connectors = useConnectors();
  const remove = useDeleteConnector();
  const toast = useToast();
  const [editing, setEditing] = useState<ConnectorView | 'new' | null>(null);
  const [deleting, setDeleting] = useState<ConnectorView | null>(null);
  return (
    <>
      <PageHeader
        title="Connectors"
        description="Reusable authentication for workflow webhooks. Secrets are encrypted and never shown again after saving."
        actions={<Button onClick={() => setEditing('new')}>New connector</Button>}
      />
      <QueryTable
        query={connectors}
        what="connectors"
        columns={['Name', 'Type', 'Secret', 'Used by', '']}
        empty={<EmptyState title="No connectors yet">Create a Basic, Bearer token or API key connector, then choose it in a webhook.</EmptyState>}
      >
        {(rows) =>
          rows.map((c) => (
                <tr key={c.id}>
                  <td className="px-4 py-3 font-medium text-slate-900">{c.name}</td>
                  <td className="px-4 py-3 text-slate-600">
                    {CONNECTOR_TYPES.find((t) => t.key === c.type)?.label}
                    {c.login && <span className="text-slate-400"> · {c.login}</span>}
                    {c.headerName && <span className="font-mono text-xs text-slate-400"> · {c.headerName}</span>}
                  </td>
                  <td className="px-4 py-3 font-mono text-xs text-slate-500">{c.secretMasked}</td>
                  <td className="px-4 py-3 text-slate-600">{c.usedBy.length ? c.usedBy.map((w) => w.name).join(', ') : '—'}</td>
                  <td className="px-4 py-3 text-right whitespace-nowrap">
                    <Button variant="ghost" size="sm" onClick={() => setEditing(c)}>
                      Edit
                    </Button>
                    <Button variant="ghost" size="sm" onClick={() => setDeleting(c)} aria-label={`Delete ${c.name}`}>
                      Delete
                    </Button>
                  </td>
                </tr>
          ))
        }
      </QueryTable>
      {editing && <ConnectorDialog connector={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} onSaved={(c) => toast(`Connector “${c.name}” saved`)} />}
      <ConfirmDelete
        target={deleting}
        what="connector"
        consequence="will be removed. Webhooks that use it must choose another connector first."
        loading={remove.isPending}
        onDelete={(c) => remove.mutateAsync(c.id)}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}
