export function Logo({ className = '' }: { className?: string }) {
  return (
    <span className={`inline-flex items-center gap-2 font-semibold tracking-tight text-slate-900 ${className}`}>
      <svg viewBox="0 0 24 24" className="size-6 text-indigo-600" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden>
        <path d="M4 12h6l2-5 3 10 2-5h3" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      Hookline
    </span>
  );
}
