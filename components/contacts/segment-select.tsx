'use client';
// "View contacts from the selected group": every segment of the account, or all contacts.
import { useId } from 'react';
import { controlClass, labelClass } from '@/components/ui/search-box';
import { useSegments } from './use-contacts';

export function SegmentSelect({
  value,
  onChange,
  label = 'Segment',
  className = '',
}: {
  value: string | undefined;
  onChange: (segmentId: string | undefined) => void;
  label?: string;
  className?: string;
}) {
  const id = useId();
  const segments = useSegments();
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)} className={controlClass} disabled={segments.isPending}>
        <option value="">All contacts</option>
        {segments.data?.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </div>
  );
}
