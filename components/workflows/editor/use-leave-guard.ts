'use client';
// Warns before unsaved changes are lost: the browser's own prompt on reload, close and typed URLs
// (beforeunload), and for in-app links a confirmation the page shows (Next's router has no
// navigation-blocking API, so same-origin link clicks are caught in the capture phase, before
// next/link sees them).
import { useEffect, useRef, useState } from 'react';
import { useRouter } from 'next/navigation';

export function useLeaveGuard(dirty: boolean) {
  const router = useRouter();
  const [pending, setPending] = useState<string | null>(null);
  const leaving = useRef(false);

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (leaving.current) return;
      e.preventDefault();
      e.returnValue = '';
    };
    const onClick = (e: MouseEvent) => {
      if (leaving.current || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = (e.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
      if (!a || (a.target && a.target !== '_self') || a.hasAttribute('download')) return;
      const url = new URL(a.href, window.location.href);
      if (url.origin !== window.location.origin) return;
      if (url.pathname === window.location.pathname && url.search === window.location.search) return;
      e.preventDefault();
      e.stopPropagation();
      setPending(url.pathname + url.search + url.hash);
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [dirty]);

  return {
    /** Where a blocked link wanted to go; null: nothing asked. */
    pending,
    stay: () => setPending(null),
    leave: () => {
      if (!pending) return;
      leaving.current = true;
      router.push(pending);
      setPending(null);
    },
  };
}
