'use client';
// Pieces shared by the Events screen and the event picker: the event-type filter and the params,
// as a one-line preview or as pretty JSON.
import { useId } from 'react';
import type { EventParams } from '@/lib/events/schema';
import { controlClass, labelClass } from '@/components/ui/search-box';
import { useEventTypes } from './use-events';

export function EventTypeSelect({ value, onChange, className = '' }: { value: string | undefined; onChange: (eventTypeKey: string | undefined) => void; className?: string }) {
  const id = useId();
  const types = useEventTypes();
  const known = types.data ?? [];
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClass}>
        Event type
      </label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)} className={controlClass}>
        <option value="">All event types</option>
        {value && !known.some((t) => t.eventTypeKey === value) && <option value={value}>{value}</option>}
        {known.map((t) => (
          <option key={t.eventTypeKey} value={t.eventTypeKey}>
            {t.eventTypeKey} ({t.count.toLocaleString()})
          </option>
        ))}
      </select>
    </div>
  );
}

/** `email=olena@example.com · productId=4501 · …` */
export function paramsPreview(params: EventParams): string {
  const entries = Object.entries(params);
  if (entries.length === 0) return 'No params';
  return entries.map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' · ');
}

export function ParamsJson({ params }: { params: EventParams }) {
  return (
    <pre className="max-h-72 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed break-words whitespace-pre-wrap text-slate-100">
      {JSON.stringify(params, null, 2)}
    </pre>
  );
}

export function TypeBadge({ eventTypeKey, className = '' }: { eventTypeKey: string; className?: string }) {
  return <span className={`inline-block max-w-full truncate rounded bg-indigo-50 px-1.5 py-0.5 font-mono text-xs text-indigo-700 ring-1 ring-indigo-100 ring-inset ${className}`}>{eventTypeKey}</span>;
}
