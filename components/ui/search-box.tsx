'use client';
// A search field that reports its text after a short pause (or at once on Enter), and shows a new
// value when the one it was given changes under it (a cleared filter, a shared link, Back).
import { useEffect, useEffectEvent, useId, useState } from 'react';

export const controlClass =
  'mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm shadow-xs ring-1 ring-slate-300 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-indigo-500 focus:outline-none';
export const labelClass = 'block text-xs font-medium text-slate-600';

export function SearchBox({
  value,
  onChange,
  label,
  placeholder,
  className = '',
  delayMs = 300,
}: {
  value: string | undefined;
  onChange: (q: string | undefined) => void;
  label: string;
  placeholder?: string;
  className?: string;
  delayMs?: number;
}) {
  const id = useId();
  const [text, setText] = useState(value ?? '');
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setText(value ?? '');
  }
  const commit = useEffectEvent(() => onChange(text.trim() || undefined));
  useEffect(() => {
    if (text.trim() === (value ?? '')) return;
    const timer = setTimeout(commit, delayMs);
    return () => clearTimeout(timer);
  }, [text, value, delayMs]);
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <div className="relative">
        <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden className="pointer-events-none absolute top-1/2 left-2.5 mt-0.5 size-4 -translate-y-1/2 text-slate-400">
          <path
            fillRule="evenodd"
            d="M9 3.5a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11ZM2 9a7 7 0 1 1 12.45 4.39l3.08 3.08a.75.75 0 1 1-1.06 1.06l-3.08-3.08A7 7 0 0 1 2 9Z"
            clipRule="evenodd"
          />
        </svg>
        <input
          id={id}
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              onChange(text.trim() || undefined);
            }
          }}
          placeholder={placeholder}
          autoComplete="off"
          className={`${controlClass} pl-8`}
        />
      </div>
    </div>
  );
}
