'use client';
// Automation → Workflows: every workflow with its trigger, state, the last 24 hours of runs and what
// would stop it from activating (a deleted webhook …); New workflow, and per row Edit, Activate or
// Deactivate, Duplicate, Launch history and Delete.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { WorkflowView } from '@/lib/workflows/schema';
import { ClientApiError } from '@/lib/http/client';
import { PageHeader } from '@/components/ui/page-header';
import { QueryTable, EmptyState } from '@/components/ui/query-table';
import { ButtonLink } from '@/components/ui/button-link';
import { Menu } from '@/components/ui/menu';
import { ConfirmDelete } from '@/components/ui/confirm-delete';
import { useToast } from '@/components/ui/toast';
import { formatDateTime } from '@/components/ui/format';
import { ActiveBadge, TriggerLabel, plural } from '@/components/workflows/parts';
import { useDeleteWorkflow, useDuplicateWorkflow, useSetActive, useWorkflows } from '@/components/workflows/use-workflows';

export function WorkflowsScreen() {
  const workflows = useWorkflows();
  const setActive = useSetActive();
  const duplicate = useDuplicateWorkflow();
  const remove = useDeleteWorkflow();
  const toast = useToast();
  const router = useRouter();
  const [deleting, setDeleting] = useState<WorkflowView | null>(null);

  async function toggle(w: WorkflowView) {
    try {
      await setActive.mutateAsync({ id: w.id, active: !w.active });
      toast(`“${w.name}” ${w.active ? 'deactivated' : 'activated'}`);
    } catch (err) {
      // Activation lists what is wrong field by field: that is read in the editor.
      const fields = err instanceof ClientApiError && err.status === 422 && err.fields ? Object.keys(err.fields).length : 0;
      toast(fields ? `“${w.name}” cannot be activated: ${plural(fields, 'problem')} to fix in the editor` : (err as Error).message, 'error');
    }
  }

  async function copy(w: WorkflowView) {
    try {
      const made = await duplicate.mutateAsync(w.id);
      toast(`“${made.name}” created, inactive`);
    } catch (err) {
      toast((err as Error).message, 'error');
    }
  }

  const newButton = <ButtonLink href="/automation/workflows/new">New workflow</ButtonLink>;

  return (
    <>
      <PageHeader
        title="Workflows"
        description="An event starts a run: its Webhook blocks request your systems with the contact’s and the event’s data, Message blocks use the answers as $data, Delay blocks wait."
        actions={
          <>
            <ButtonLink variant="secondary" href="/automation/runs">
              Launch history
            </ButtonLink>
            {newButton}
          </>
        }
      />
      <QueryTable
        query={workflows}
        what="workflows"
        columns={['Name', 'Trigger', 'State', 'Runs\u00a024\u00a0h', 'Failures', 'Last\u00a0run', '']}
        empty={
          <EmptyState title="No workflows yet" action={newButton}>
            A workflow starts when an event of its type arrives through <code className="font-mono text-xs">POST /api/v1/events</code>.
          </EmptyState>
        }
      >
        {(rows) =>
          rows.map((w) => (
            <tr key={w.id} className="align-top">
              <td className="px-4 py-3">
                <Link href={`/automation/workflows/${w.id}`} className="font-medium text-slate-900 hover:text-indigo-700 hover:underline">
                  {w.name}
                </Link>
                <p className="mt-0.5 text-xs text-slate-500">{plural(w.blocks.length, 'block')}</p>
                {w.problems.length > 0 && (
                  <p className="mt-1" title={w.problems.map((p) => p.message).join('\n')}>
                    <span className="inline-flex items-center rounded-full bg-red-50 px-2 py-0.5 text-xs font-medium text-red-700 ring-1 ring-red-200 ring-inset" data-testid="problems">
                      {w.problems.length === 1 ? w.problems[0].message : plural(w.problems.length, 'problem')}
                    </span>
                  </p>
                )}
              </td>
              <td className="px-4 py-3">
                <TriggerLabel trigger={w.trigger} />
              </td>
              <td className="px-4 py-3">
                <ActiveBadge active={w.active} />
              </td>
              <td className="px-4 py-3 text-slate-700 tabular-nums">
                <Link href={`/automation/workflows/${w.id}/runs`} className="hover:text-indigo-700 hover:underline">
                  {w.stats.runs24h.toLocaleString()}
                </Link>
                {w.stats.inProgress > 0 && <span className="ml-1 text-xs text-sky-700">({w.stats.inProgress.toLocaleString()} in progress)</span>}
              </td>
              <td className={`px-4 py-3 tabular-nums ${w.stats.failures24h ? 'font-medium text-red-700' : 'text-slate-500'}`}>
                {w.stats.failures24h ? (
                  <Link href={`/automation/workflows/${w.id}/runs?status=failed`} className="hover:underline">
                    {w.stats.failures24h.toLocaleString()}
                  </Link>
                ) : (
                  '0'
                )}
              </td>
              <td className="px-4 py-3 whitespace-nowrap text-slate-600">{formatDateTime(w.stats.lastRunAt)}</td>
              <td className="px-4 py-3 text-right">
                <Menu
                  label={`Actions for ${w.name}`}
                  items={[
                    { label: 'Edit', href: `/automation/workflows/${w.id}` },
                    { label: w.active ? 'Deactivate' : 'Activate', onSelect: () => void toggle(w) },
                    { label: 'Duplicate', onSelect: () => void copy(w) },
                    { label: 'Launch history', onSelect: () => router.push(`/automation/workflows/${w.id}/runs`) },
                    { label: 'Delete', danger: true, onSelect: () => setDeleting(w) },
                  ]}
                />
              </td>
            </tr>
          ))
        }
      </QueryTable>
      <ConfirmDelete
        target={deleting}
        what="workflow"
        consequence={
          deleting && deleting.stats.inProgress > 0
            ? `has ${plural(deleting.stats.inProgress, 'run')} in progress: they stop where they are. Its launch history is deleted with it.`
            : 'and its launch history are deleted. Events of its type no longer start anything.'
        }
        loading={remove.isPending}
        onDelete={(w) => remove.mutateAsync(w.id)}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}
