'use client';
// Webhook, status (class, network errors or one exact code), date range, text search and "Show all
// attempts". Every change goes to the URL (useLogFilter); the text search after a short pause.
import { useId, useState } from 'react';
import { SearchBox, labelClass } from '@/components/ui/search-box';
import type { LogFilter } from '@/lib/logs/schema';
import { Switch } from '@/components/ui/switch';
import { useWebhooks } from './use-webhook-logs';

const STATUS_OPTIONS = [
  { value: '', label: 'Any status' },
  { value: '5xx', label: '5xx server errors' },
  { value: '4xx', label: '4xx client errors' },
  { value: '3xx', label: '3xx redirects' },
  { value: 'network', label: 'No answer (network)' },
  { value: '2xx', label: '2xx successes' },
  { value: 'code', label: 'Exact code…' },
];
const EXACT_CODE = /^[1-5]\d\d$/;

/** Denser than the shared controlClass: the filter bar holds five controls in a row. */
const control =
  'mt-1 block w-full rounded-md border-0 px-2.5 py-1.5 text-sm shadow-xs ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-500 focus:outline-none';

/** ISO instant ↔ the value of a datetime-local input, in the browser's time zone. */
export function toLocalInput(iso?: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
export const fromLocalInput = (value: string) => (value ? new Date(value).toISOString() : undefined);

function StatusFilter({ filter, onChange }: { filter: LogFilter; onChange: (patch: Partial<LogFilter>) => void }) {
  const ids = { status: useId(), code: useId() };
  const exact = filter.status && EXACT_CODE.test(filter.status) ? filter.status : undefined;
  const [codeMode, setCodeMode] = useState(Boolean(exact));
  const [code, setCode] = useState(exact ?? '');
  // A change of the URL's status that this control did not ask for (Clear filters, a shared link,
  // Back) resets the code field to it; its own changes (through `apply`) keep what is being typed.
  const [prev, setPrev] = useState(filter.status);
  const [requested, setRequested] = useState<string | undefined | null>(null);
  if (filter.status !== prev) {
    setPrev(filter.status);
    setRequested(null);
    if (filter.status !== requested) {
      setCodeMode(Boolean(exact));
      setCode(exact ?? '');
    }
  }
  const apply = (patch: Partial<LogFilter>) => {
    setRequested(patch.status);
    onChange(patch);
  };
  const selected = codeMode ? 'code' : (filter.status ?? '');
  return (
    <>
      <div className="w-44">
        <label htmlFor={ids.status} className={labelClass}>
          Status
        </label>
        <select
          id={ids.status}
          value={selected}
          onChange={(e) => {
            const v = e.target.value;
            setCodeMode(v === 'code');
            setCode('');
            // Successes are only listed with all attempts shown.
            apply({ status: v === 'code' ? undefined : v || undefined, ...(v === '2xx' ? { all: true } : {}) });
          }}
          className={control}
        >
          {STATUS_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      {selected === 'code' && (
        <div className="w-24">
          <label htmlFor={ids.code} className={labelClass}>
            HTTP code
          </label>
          <input
            id={ids.code}
            inputMode="numeric"
            maxLength={3}
            value={code}
            placeholder="503"
            aria-invalid={code.length === 3 && !EXACT_CODE.test(code) ? true : undefined}
            onChange={(e) => {
              const v = e.target.value.replace(/\D/g, '');
              setCode(v);
              if (EXACT_CODE.test(v)) apply({ status: v, ...(v.startsWith('2') ? { all: true } : {}) });
              else if (filter.status) apply({ status: undefined });
            }}
            className={control}
          />
        </div>
      )}
    </>
  );
}

export function LogFilters({ filter, onChange }: { filter: LogFilter; onChange: (patch: Partial<LogFilter>) => void }) {
  const webhooks = useWebhooks();
  const ids = { webhook: useId(), from: useId(), to: useId(), all: useId() };
  const filtered = Boolean(filter.endpointId || filter.status || filter.from || filter.to || filter.q || filter.all);
  return (
    <section aria-label="Filters" className="mb-4 rounded-lg bg-white p-4 ring-1 ring-slate-200">
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-52">
          <label htmlFor={ids.webhook} className={labelClass}>
            Webhook
          </label>
          <select id={ids.webhook} value={filter.endpointId ?? ''} onChange={(e) => onChange({ endpointId: e.target.value || undefined })} className={control}>
            <option value="">All webhooks</option>
            {webhooks.data?.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </select>
        </div>
        <StatusFilter filter={filter} onChange={onChange} />
        <div className="w-48">
          <label htmlFor={ids.from} className={labelClass}>
            From
          </label>
          <input id={ids.from} type="datetime-local" value={toLocalInput(filter.from)} onChange={(e) => onChange({ from: fromLocalInput(e.target.value) })} className={control} />
        </div>
        <div className="w-48">
          <label htmlFor={ids.to} className={labelClass}>
            To
          </label>
          <input id={ids.to} type="datetime-local" value={toLocalInput(filter.to)} onChange={(e) => onChange({ to: fromLocalInput(e.target.value) })} className={control} />
        </div>
      </div>
      <div className="mt-3 flex flex-wrap items-end gap-x-6 gap-y-3">
        <SearchBox
          className="w-full max-w-md min-w-48 flex-1"
          label="Search errors and responses"
          placeholder="e.g. timeout, boom, 502"
          delayMs={400}
          value={filter.q}
          onChange={(q) => onChange({ q })}
        />
        <div className="flex items-center gap-2.5 pb-1">
          <Switch id={ids.all} checked={filter.all} onChange={(all) => onChange({ all })} label="Show all attempts" />
          <label htmlFor={ids.all} className="cursor-pointer text-sm text-slate-700" aria-hidden>
            Show all attempts
          </label>
          <span className="text-xs text-slate-500">{filter.all ? 'successes and tests included' : 'failed deliveries only'}</span>
        </div>
        {filtered && (
          <button
            type="button"
            onClick={() => onChange({ endpointId: undefined, status: undefined, from: undefined, to: undefined, q: undefined, all: false })}
            className="ml-auto pb-1.5 text-sm font-medium text-indigo-700 hover:underline"
          >
            Clear filters
          </button>
        )}
      </div>
    </section>
  );
}
