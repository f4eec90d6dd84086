'use client';
// A thin bar at the top of the window from the click on an internal link until the new route has
// rendered, so a slow line shows that something is moving. A client component with no inline script
// (the CSP allows only nonce'd scripts). It starts on a link click (capture phase: Next's <Link>
// prevents the default) and ends when the pathname or the query changes.
import { useEffect, useState } from 'react';
import { usePathname, useSearchParams } from 'next/navigation';

type Phase = 'idle' | 'loading' | 'done';
/** A navigation that never commits (an error, a cancelled click) must not leave the bar forever. */
const GIVE_UP_MS = 30_000;

export function RouteProgress() {
  const pathname = usePathname();
  const search = useSearchParams();
  const route = `${pathname}?${search.toString()}`;
  const [phase, setPhase] = useState<Phase>('idle');
  const [seen, setSeen] = useState(route);
  if (seen !== route) {
    setSeen(route);
    if (phase === 'loading') setPhase('done');
  }

  useEffect(() => {
    const onClick = (e: MouseEvent) => {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = (e.target as Element | null)?.closest?.('a[href]');
      if (!(a instanceof HTMLAnchorElement) || (a.target && a.target !== '_self') || a.hasAttribute('download')) return;
      const url = new URL(a.href, location.href);
      if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
      if (url.pathname === location.pathname && url.search === location.search) return; // a hash or the same page
      setPhase('loading');
    };
    document.addEventListener('click', onClick, true);
    return () => document.removeEventListener('click', onClick, true);
  }, []);

  useEffect(() => {
    if (phase === 'idle') return;
    const t = setTimeout(() => setPhase('idle'), phase === 'done' ? 300 : GIVE_UP_MS);
    return () => clearTimeout(t);
  }, [phase]);

  if (phase === 'idle') return null;
  return (
    <div
      role="progressbar"
      aria-label="Loading the page"
      data-testid="route-progress"
      className="pointer-events-none fixed inset-x-0 top-0 z-[60] h-0.5"
    >
      <div className={`h-full bg-indigo-600 shadow-[0_0_6px] shadow-indigo-400 ${phase === 'loading' ? 'route-progress-grow' : 'w-full opacity-0 transition-opacity duration-300'}`} />
    </div>
  );
}
