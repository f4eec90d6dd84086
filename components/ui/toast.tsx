'use client';
// Small confirmations after an action ("API key revoked"). Announced politely to screen readers.
// A modal <dialog> sits in the browser's top layer, above any z-index, and makes the rest of the page
// inert; so while one is open the toasts render inside the topmost open dialog, above its backdrop.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

type Toast = { id: number; message: string; tone: 'success' | 'error' };
const ToastContext = createContext<(message: string, tone?: Toast['tone']) => void>(() => {});

/** The open modal dialog that is on top, or null; follows dialogs opening and closing. */
function useTopDialog() {
  const [top, setTop] = useState<HTMLDialogElement | null>(null);
  useEffect(() => {
    const find = () => {
      const open = document.querySelectorAll<HTMLDialogElement>('dialog[open]');
      setTop(open.length ? open[open.length - 1] : null);
    };
    find();
    const observer = new MutationObserver(find);
    // childList too: a dialog that unmounts while open leaves without its `open` attribute changing.
    observer.observe(document.body, { attributes: true, attributeFilter: ['open'], childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);
  return top;
}

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const topDialog = useTopDialog();
  const push = useCallback((message: string, tone: Toast['tone'] = 'success') => {
    const id = Date.now() + Math.random();
    setToasts((t) => [...t, { id, message, tone }]);
    setTimeout(() => setToasts((t) => t.filter((x) => x.id !== id)), 4000);
  }, []);
  const list = (
    <div aria-live="polite" data-testid="toasts" className="pointer-events-none fixed right-4 bottom-4 z-50 flex flex-col gap-2 max-sm:left-4">
      {toasts.map((t) => (
        <div
          key={t.id}
          role="status"
          className={`pointer-events-auto rounded-md px-4 py-2.5 text-sm font-medium text-white shadow-lg ${t.tone === 'success' ? 'bg-slate-900' : 'bg-red-600'}`}
        >
          {t.message}
        </div>
      ))}
    </div>
  );
  return (
    <ToastContext.Provider value={push}>
      {children}
      {topDialog ? createPortal(list, topDialog) : list}
    </ToastContext.Provider>
  );
}

export const useToast = () => useContext(ToastContext);
