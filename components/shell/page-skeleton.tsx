// What a screen shows while its route loads (the loading.tsx of each screen): the shape of the page —
// a title, a line of description, then a list or a form — so a slow line shows at once where the
// click went. Server component; pulses with CSS only.
const bar = 'animate-pulse rounded bg-slate-200/80';

export function PageSkeleton({ kind = 'list', label }: { kind?: 'list' | 'form' | 'cards'; label: string }) {
  return (
    <div role="status" aria-live="polite" data-testid="page-skeleton" aria-label={`Loading ${label}…`}>
      <div className="mb-6 space-y-2">
        <div className={`${bar} h-6 w-48`} />
        <div className={`${bar} h-4 w-full max-w-xl`} />
      </div>
      {kind === 'list' && (
        <div className="divide-y divide-slate-100 rounded-lg bg-white ring-1 ring-slate-200">
          <div className="h-9 rounded-t-lg bg-slate-50" />
          {[0, 1, 2, 3, 4].map((i) => (
            <div key={i} className="flex items-center gap-4 px-4 py-4">
              <div className={`${bar} h-4 w-1/4`} />
              <div className={`${bar} h-4 w-1/3`} />
              <div className={`${bar} ml-auto h-4 w-16`} />
            </div>
          ))}
        </div>
      )}
      {kind === 'form' && (
        <div className="space-y-5 rounded-lg bg-white p-6 ring-1 ring-slate-200">
          {[0, 1, 2, 3].map((i) => (
            <div key={i} className="space-y-2">
              <div className={`${bar} h-4 w-32`} />
              <div className={`${bar} h-9 w-full`} />
            </div>
          ))}
        </div>
      )}
      {kind === 'cards' && (
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {[0, 1, 2].map((i) => (
            <div key={i} className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-slate-200">
              <div className={`${bar} h-4 w-24`} />
              <div className={`${bar} h-4 w-full`} />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
