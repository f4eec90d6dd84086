'use client';
// A run's detail: the trigger event and contact, then each block in order with what it did — the
// resolved request (secrets masked), the answer, the $data it added, the rendered message, the error
// and every try. A failed run can be re-run from its failed block.
import Link from 'next/link';
import type { ReactNode } from 'react';
import type { RunStepView } from '@/lib/workflows/schema';
import { Banner } from '@/components/ui/banner';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';
import { formatDateTime, prettyBody } from '@/components/ui/format';
import { TypeBadge } from '@/components/events/event-parts';
import { Icon } from '../editor/chain';
import { HtmlPreview } from '../html-preview';
import { KIND_LABEL } from '../editor/form';
import { RunStatusBadge, formatDuration } from '../parts';
import { useRerun, useRun } from '../use-workflows';

const code = 'max-h-72 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed whitespace-pre-wrap break-all text-slate-100';

const STEP_TONE: Record<RunStepView['status'], string> = {
  completed: 'text-emerald-700',
  failed: 'text-red-700',
  retrying: 'text-amber-700',
  skipped: 'text-slate-500',
  waiting: 'text-violet-700',
};

function Part({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="min-w-0 space-y-1">
      <h4 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</h4>
      {children}
    </div>
  );
}

function headersText(h: Record<string, string>) {
  return Object.entries(h)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
}

function Try({ step }: { step: RunStepView }) {
  return (
    <div className="space-y-3" data-testid="run-step-try">
      <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-500">
        <span className={`font-semibold capitalize ${STEP_TONE[step.status]}`}>{step.status}</span>
        {step.kind === 'webhook' && <span>try {step.try}</span>}
        <span>{formatDateTime(step.startedAt)}</span>
        <span>{formatDuration(step.durationMs)}</span>
      </p>
      {step.error && <Banner tone="error">{step.error}</Banner>}
      {step.request && (
        <Part title="Request">
          <p className="font-mono text-xs break-all text-slate-700">
            <span className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 font-semibold">{step.request.method}</span>
            {step.request.url}
          </p>
          <pre className={code}>
            {headersText(step.request.headers)}
            {step.request.body !== null ? `\n\n${prettyBody(step.request.body)}` : ''}
          </pre>
        </Part>
      )}
      {step.response && (
        <Part title={`Response · ${step.response.status} in ${formatDuration(step.response.durationMs)}`}>
          <pre className={code} data-testid="run-step-response">
            {headersText(step.response.headers)}
            {`\n\n${prettyBody(step.response.body)}`}
          </pre>
        </Part>
      )}
      {step.dataAdded && (
        <Part title="$data added">
          <pre className={code}>{JSON.stringify(step.dataAdded, null, 2)}</pre>
        </Part>
      )}
      {step.message && (
        <Part title={`Message · ${step.message.channel === 'sms' ? 'SMS' : 'Email'}`}>
          <div className="rounded-md ring-1 ring-slate-200" data-testid="run-message">
            {step.message.subject !== null && (
              <p className="border-b border-slate-100 px-3 py-2 text-sm">
                <span className="text-xs text-slate-500">Subject: </span>
                <span className="font-medium text-slate-900">{step.message.subject}</span>
              </p>
            )}
            {step.message.channel === 'email' ? (
              <HtmlPreview html={step.message.body} className="p-3" testId="run-message-body" />
            ) : (
              <pre className="p-3 text-sm whitespace-pre-wrap text-slate-900">{step.message.body}</pre>
            )}
            <details className="border-t border-slate-100 px-3 py-2 text-xs text-slate-500">
              <summary className="cursor-pointer">Source and ids</summary>
              <pre className="mt-2 font-mono whitespace-pre-wrap break-all" data-testid="run-message-source">
                {step.message.body}
              </pre>
              <p className="mt-1 font-mono">messageId {step.message.messageId} · messageInstanceId {step.message.messageInstanceId}</p>
            </details>
          </div>
        </Part>
      )}
      {step.attemptId && (
        <p className="text-xs">
          <Link href="/audit/webhook-logs?all=1" className="text-indigo-700 hover:underline">
            In Webhook logs
          </Link>
        </p>
      )}
    </div>
  );
}

export function RunDetailScreen({ id }: { id: string }) {
  const run = useRun(id);
  const rerun = useRerun();
  const toast = useToast();

  if (run.isPending) return <p className="text-sm text-slate-500">Loading the run…</p>;
  if (run.isError)
    return (
      <Banner tone="error" title="Could not load the run">
        {run.error.message}{' '}
        <Link href="/automation/runs" className="underline">
          Back to Launch history
        </Link>
      </Banner>
    );
  const r = run.data;
  // Tries of a block, in order; blocks in chain order.
  const blocks = new Map<number, RunStepView[]>();
  for (const s of [...r.steps].sort((a, b) => a.blockIndex - b.blockIndex || a.try - b.try || a.startedAt.localeCompare(b.startedAt))) {
    blocks.set(s.blockIndex, [...(blocks.get(s.blockIndex) ?? []), s]);
  }

  return (
    <div className="space-y-5">
      <div>
        <p className="text-xs text-slate-500">
          <Link href="/automation/runs" className="hover:text-slate-800 hover:underline">
            Launch history
          </Link>{' '}
          /{' '}
          <Link href={`/automation/workflows/${r.workflowId}/runs`} className="hover:text-slate-800 hover:underline">
            {r.workflowName}
          </Link>
        </p>
        <div className="mt-1 flex flex-wrap items-center justify-between gap-3">
          <h1 className="flex flex-wrap items-center gap-2 text-xl font-semibold text-slate-900">
            Run of {r.workflowName} <RunStatusBadge status={r.status} />
          </h1>
          {r.status === 'failed' && (
            <Button
              loading={rerun.isPending}
              onClick={async () => {
                try {
                  await rerun.mutateAsync(r.id);
                  toast('Re-running from the failed block');
                  void run.refetch();
                } catch (err) {
                  toast((err as Error).message, 'error');
                }
              }}
            >
              Re-run
            </Button>
          )}
        </div>
        {r.reason && <p className="mt-1 text-sm text-slate-600" data-testid="run-reason">{r.status === 'skipped' ? `Skipped: ${r.reason}` : r.reason}</p>}
      </div>

      <dl className="grid gap-x-6 gap-y-3 rounded-lg bg-white p-4 text-sm ring-1 ring-slate-200 sm:grid-cols-2 lg:grid-cols-4">
        <div>
          <dt className="text-xs text-slate-500">Trigger event</dt>
          <dd className="mt-0.5">
            <TypeBadge eventTypeKey={r.eventTypeKey} /> {r.eventKey && <span className="font-mono text-xs text-slate-600">{r.eventKey}</span>}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Contact</dt>
          <dd className="mt-0.5 break-all text-slate-800">{r.contactEmail ?? (r.contactId ? r.contactId : '—')}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Started</dt>
          <dd className="mt-0.5 text-slate-800">{formatDateTime(r.startedAt)}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">{r.status === 'waiting' ? 'Due' : 'Duration'}</dt>
          <dd className="mt-0.5 text-slate-800">{r.status === 'waiting' ? formatDateTime(r.dueAt) : formatDuration(r.durationMs)}</dd>
        </div>
        <div className="sm:col-span-2 lg:col-span-4">
          <details>
            <summary className="cursor-pointer text-xs text-slate-500">Event parameters and $data (version {r.version})</summary>
            <div className="mt-2 grid gap-3 lg:grid-cols-2">
              <pre className={code}>{JSON.stringify(r.eventParams, null, 2)}</pre>
              <pre className={code}>{JSON.stringify(r.data, null, 2)}</pre>
            </div>
          </details>
        </div>
      </dl>

      <ol className="space-y-3" aria-label="Blocks of the run">
        {blocks.size === 0 && <li className="rounded-lg bg-white p-6 text-center text-sm text-slate-500 ring-1 ring-slate-200">No block has run yet.</li>}
        {[...blocks.entries()].map(([index, tries]) => {
          const kind = tries[0].kind;
          return (
            <li key={index} className="rounded-lg bg-white ring-1 ring-slate-200" data-testid="run-step">
              <div className="flex items-center gap-3 border-b border-slate-100 px-4 py-3">
                <Icon kind={kind} />
                <h3 className="text-sm font-semibold text-slate-900">
                  {index + 1}. {KIND_LABEL[kind]}
                </h3>
                {new Set(tries.map((t) => t.try)).size > 1 && <span className="text-xs text-slate-500">{new Set(tries.map((t) => t.try)).size} tries</span>}
              </div>
              <div className="divide-y divide-slate-100">
                {tries.map((s) => (
                  <div key={s.id} className="p-4">
                    <Try step={s} />
                  </div>
                ))}
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
