'use client';
// The log table: one row per HTTP attempt, newest first. A row expands to its payload and response.
import Link from 'next/link';
import { Fragment, useState } from 'react';
import { statusLabel, type LogRow } from '@/lib/logs/schema';
import { Button } from '@/components/ui/button';
import { StackTable } from '@/components/ui/query-table';
import { LogDetails } from './log-details';

const KIND_LABEL = { laboratory: 'Laboratory', export: 'Data export', event: 'Event webhook', workflow: 'Workflow webhook' } as const;
const KIND_HREF = { laboratory: () => '/settings/laboratory', export: (id: string) => `/settings/data-export/${id}`, event: () => null, workflow: () => null } as const;

function StatusBadge({ row }: { row: LogRow }) {
  const s = row.responseStatus;
  const tone =
    s === null
      ? 'bg-slate-100 text-slate-700 ring-slate-300'
      : s >= 500
        ? 'bg-red-50 text-red-700 ring-red-200'
        : s >= 400
          ? 'bg-amber-50 text-amber-800 ring-amber-200'
          : s >= 300
            ? 'bg-sky-50 text-sky-700 ring-sky-200'
            : 'bg-emerald-50 text-emerald-700 ring-emerald-200';
  return <span className={`inline-block rounded-full px-2 py-0.5 font-mono text-xs font-medium whitespace-nowrap ring-1 ring-inset ${tone}`}>{statusLabel(row)}</span>;
}

/** The webhook id, short; a click copies the whole id. */
function CopyId({ id }: { id: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      title={`${id} — click to copy`}
      aria-label={`Copy webhook ID ${id}`}
      onClick={async () => {
        await navigator.clipboard.writeText(id);
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      }}
      className="inline-flex items-center gap-1 rounded px-1 py-0.5 font-mono text-xs text-slate-600 hover:bg-slate-100 hover:text-slate-900"
    >
      {copied ? 'Copied' : `${id.slice(0, 8)}…`}
      <svg viewBox="0 0 20 20" className="size-3.5 text-slate-400" fill="currentColor" aria-hidden>
        <path d="M7 3.5A1.5 1.5 0 0 1 8.5 2h7A1.5 1.5 0 0 1 17 3.5v7a1.5 1.5 0 0 1-1.5 1.5H14v-1.5h1.5v-7h-7V5H7V3.5Z" />
        <path d="M3 8.5A1.5 1.5 0 0 1 4.5 7h7A1.5 1.5 0 0 1 13 8.5v7a1.5 1.5 0 0 1-1.5 1.5h-7A1.5 1.5 0 0 1 3 15.5v-7Z" />
      </svg>
    </button>
  );
}

const occurrence = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });

function errorContent(row: LogRow): string {
  if (row.success) return '';
  const snippet = row.responseSnippet?.trim();
  return snippet && snippet !== row.error ? `${row.error ?? ''} — ${snippet}` : (row.error ?? '');
}

function Row({ row, onReplay, replaying }: { row: LogRow; onReplay: (row: LogRow) => void; replaying: boolean }) {
  const [open, setOpen] = useState(false);
  // A workflow run's request links to its run.
  const href = row.workflowRunId ? `/automation/runs/${row.workflowRunId}` : row.endpointDeleted ? undefined : KIND_HREF[row.kind]?.(row.endpointId);
  const detailsId = `log-${row.id}-details`;
  const error = errorContent(row);
  return (
    <Fragment>
      <tr className={`align-top ${open ? 'bg-slate-50/70' : ''}`} data-testid="log-row">
        <td className="px-4 py-3 whitespace-nowrap">
          <span className="text-slate-900">{occurrence(row.startedAt)}</span>
          <span className="mt-0.5 block text-xs text-slate-500">
            Attempt {row.attemptNo} · {row.durationMs} ms
          </span>
        </td>
        <td className="max-w-44 px-4 py-3">
          {href ? (
            <Link href={href} className="block truncate font-medium text-indigo-700 hover:underline" title={row.endpointName}>
              {row.endpointName}
            </Link>
          ) : (
            <span className="block truncate font-medium text-slate-900" title={row.endpointName}>
              {row.endpointName}
            </span>
          )}
          <span className="mt-0.5 flex items-center gap-1.5 text-xs text-slate-500">
            {KIND_LABEL[row.kind] ?? row.kind}
            {row.endpointDeleted && <span className="rounded bg-slate-100 px-1.5 py-px font-medium text-slate-600 ring-1 ring-slate-200 ring-inset">Deleted</span>}
            {row.isTest && <span className="rounded bg-violet-50 px-1.5 py-px font-medium text-violet-700 ring-1 ring-violet-200 ring-inset">Test</span>}
          </span>
        </td>
        <td className="px-3 py-3">
          <CopyId id={row.endpointId} />
        </td>
        <td className="px-3 py-3">
          <StatusBadge row={row} />
        </td>
        <td className="w-full max-w-0 px-4 py-3">
          {error ? (
            <p className="line-clamp-2 font-mono text-xs wrap-break-word text-slate-700" title={error}>
              {error}
            </p>
          ) : (
            <span className="text-xs text-slate-400">—</span>
          )}
        </td>
        <td className="px-3 py-3">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={detailsId}
            onClick={() => setOpen((o) => !o)}
            className="inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap text-indigo-700 hover:bg-indigo-50"
          >
            <svg viewBox="0 0 20 20" className={`size-4 transition-transform ${open ? 'rotate-90' : ''}`} fill="currentColor" aria-hidden>
              <path d="M7.2 14.8a.75.75 0 0 1 0-1.06L10.94 10 7.2 6.26a.75.75 0 1 1 1.06-1.06l4.27 4.27a.75.75 0 0 1 0 1.06L8.26 14.8a.75.75 0 0 1-1.06 0Z" />
            </svg>
            {open ? 'Hide' : 'Payload'}
          </button>
        </td>
        <td className="px-4 py-3 text-right">
          {row.isTest || row.workflowRunId ? (
            <span
              className="text-xs whitespace-nowrap text-slate-400"
              title={row.workflowRunId ? 'A workflow run’s request: re-run the run from its page' : 'Test requests are not deliveries and cannot be replayed'}
            >
              Not replayable
            </span>
          ) : (
            <Button variant="secondary" size="sm" loading={replaying} onClick={() => onReplay(row)} aria-label={`Replay attempt of ${occurrence(row.startedAt)} to ${row.endpointName}`}>
              Replay
            </Button>
          )}
        </td>
      </tr>
      {open && (
        <tr id={detailsId} className="bg-slate-50/70">
          <td colSpan={7} className="px-4 pt-1 pb-4">
            <LogDetails id={row.id} />
          </td>
        </tr>
      )}
    </Fragment>
  );
}

export function LogTable({ rows, onReplay, replayingId }: { rows: LogRow[]; onReplay: (row: LogRow) => void; replayingId: string | null }) {
  return (
    <StackTable className="w-full text-sm">
      <thead className="bg-slate-50 text-left text-xs font-medium tracking-wide whitespace-nowrap text-slate-500 uppercase">
        <tr>
          <th className="rounded-tl-lg px-4 py-2.5">Occurrence date</th>
          <th className="px-4 py-2.5">Webhook name</th>
          <th className="px-3 py-2.5">Webhook ID</th>
          <th className="px-3 py-2.5">Status</th>
          <th className="px-4 py-2.5">Error content</th>
          <th className="px-3 py-2.5">Payload</th>
          <th className="rounded-tr-lg px-4 py-2.5">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => (
          <Row key={row.id} row={row} onReplay={onReplay} replaying={replayingId === row.id} />
        ))}
      </tbody>
    </StackTable>
  );
}
