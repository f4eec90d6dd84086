import type { ConnectionTest } from '@/lib/event-webhooks/schema';

/** The connection test, step by step; failed sends read like a log row (status, time, error). */
export function TestSteps({ test }: { test: ConnectionTest }) {
  return (
    <ol aria-label="Connection test" className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
      {test.steps.map((s) => (
        <li key={s.key} className="flex items-start gap-3 px-3 py-2.5 text-sm">
          <span
            aria-hidden
            className={`mt-0.5 flex size-5 shrink-0 items-center justify-center rounded-full text-xs font-bold text-white ${s.ok ? 'bg-emerald-500' : 'bg-red-500'}`}
          >
            {s.ok ? '✓' : '✕'}
          </span>
          <div className="min-w-0 flex-1">
            <p className={s.ok ? 'text-slate-700' : 'font-medium text-red-700'}>
              <span className="sr-only">{s.ok ? 'Passed: ' : 'Failed: '}</span>
              {s.label}
            </p>
            {(s.detail || s.status !== undefined) && (
              <p className="mt-0.5 font-mono text-xs break-words text-slate-500">
                {s.status !== undefined && <>status {s.status ?? '—'} · {s.durationMs} ms · </>}
                {s.detail}
              </p>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}
