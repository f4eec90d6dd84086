// Small pieces the workflow screens share: the Active/Inactive badge, a run's status badge, the
// trigger as text, and durations.
import type { RunStatus, Trigger } from '@/lib/workflows/schema';
import { TypeBadge } from '@/components/events/event-parts';

const pill = 'inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset';

export function ActiveBadge({ active }: { active: boolean }) {
  return active ? (
    <span className={`${pill} bg-emerald-50 text-emerald-700 ring-emerald-200`}>
      <span className="size-1.5 rounded-full bg-emerald-500" aria-hidden /> Active
    </span>
  ) : (
    <span className={`${pill} bg-slate-50 text-slate-600 ring-slate-200`}>Inactive</span>
  );
}

const RUN_TONE: Record<RunStatus, string> = {
  running: 'bg-sky-50 text-sky-700 ring-sky-200',
  waiting: 'bg-violet-50 text-violet-700 ring-violet-200',
  completed: 'bg-emerald-50 text-emerald-700 ring-emerald-200',
  failed: 'bg-red-50 text-red-700 ring-red-200',
  skipped: 'bg-amber-50 text-amber-800 ring-amber-200',
};
const RUN_LABEL: Record<RunStatus, string> = { running: 'Running', waiting: 'Waiting (delay)', completed: 'Completed', failed: 'Failed', skipped: 'Skipped' };
export const runStatusLabel = (s: RunStatus) => RUN_LABEL[s];

export function RunStatusBadge({ status }: { status: RunStatus }) {
  return (
    <span className={`${pill} ${RUN_TONE[status]}`} data-testid="run-status">
      {status === 'running' && <span className="size-1.5 animate-pulse rounded-full bg-sky-500" aria-hidden />}
      {RUN_LABEL[status]}
    </span>
  );
}

export function TriggerLabel({ trigger }: { trigger: Trigger }) {
  if (!trigger.eventTypeKey) return <span className="text-xs text-slate-400">No trigger yet</span>;
  return (
    <span className="flex min-w-0 flex-wrap items-center gap-1.5">
      <TypeBadge eventTypeKey={trigger.eventTypeKey} />
      {trigger.filter && (
        <span className="font-mono text-xs text-slate-500">
          {trigger.filter.param} = {trigger.filter.value}
        </span>
      )}
    </span>
  );
}

/** 840 ms, 3.2 s, 4 min 10 s, 2 h 5 min. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  const m = Math.round(s / 60);
  return `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;
