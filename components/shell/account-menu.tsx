'use client';
// "Click the caret next to your account name": switch account, Settings, API keys, Sessions, Log out.
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import { useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/http/client';
import { useToast } from '@/components/ui/toast';
import type { CurrentUser } from '@/lib/auth/current';

const itemClass = 'block w-full px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100 focus:bg-slate-100 focus:outline-none';

export function AccountMenu({ current }: { current: CurrentUser }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const toast = useToast();
  const router = useRouter();
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => !ref.current?.contains(e.target as Node) && setOpen(false);
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  async function switchTo(accountId: string) {
    try {
      await apiFetch('/api/auth/switch-account', { method: 'POST', json: { accountId } });
      setOpen(false);
      queryClient.clear();
      router.refresh();
    } catch (err) {
      toast((err as Error).message, 'error');
    }
  }

  async function logout() {
    await apiFetch('/api/auth/logout', { method: 'POST' });
    queryClient.clear();
    router.replace('/login');
    router.refresh();
  }

  const others = current.accounts.filter((a) => a.id !== current.account.id);
  return (
    <div ref={ref} className="relative min-w-0">
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className="flex min-w-0 items-center gap-2 rounded-md px-2.5 py-1.5 text-sm hover:bg-slate-100"
      >
        <span className="min-w-0 text-right leading-tight">
          <span className="block truncate font-medium text-slate-900" data-testid="current-account">
            {current.account.name}
          </span>
          <span className="block truncate text-xs text-slate-500 max-sm:hidden">{current.user.email}</span>
        </span>
        <svg viewBox="0 0 20 20" className="size-4 text-slate-500" fill="currentColor" aria-label="Account menu">
          <path d="M5.22 8.22a.75.75 0 0 1 1.06 0L10 11.94l3.72-3.72a.75.75 0 1 1 1.06 1.06l-4.25 4.25a.75.75 0 0 1-1.06 0L5.22 9.28a.75.75 0 0 1 0-1.06Z" />
        </svg>
      </button>
      {open && (
        <div role="menu" className="absolute right-0 z-40 mt-1 w-60 overflow-hidden rounded-md bg-white py-1 shadow-lg ring-1 ring-slate-200">
          {others.length > 0 && (
            <>
              <p className="px-3 pt-1 pb-1 text-xs font-semibold text-slate-400 uppercase">Switch account</p>
              {others.map((a) => (
                <button key={a.id} role="menuitem" type="button" className={itemClass} onClick={() => switchTo(a.id)}>
                  {a.name}
                </button>
              ))}
              <div className="my-1 border-t border-slate-100" />
            </>
          )}
          <Link role="menuitem" href="/settings" className={itemClass} onClick={() => setOpen(false)}>
            Settings
          </Link>
          <Link role="menuitem" href="/settings/api-keys" className={itemClass} onClick={() => setOpen(false)}>
            API keys
          </Link>
          <Link role="menuitem" href="/settings/sessions" className={itemClass} onClick={() => setOpen(false)}>
            Sessions
          </Link>
          <div className="my-1 border-t border-slate-100" />
          <button role="menuitem" type="button" className={itemClass} onClick={logout}>
            Log out
          </button>
        </div>
      )}
    </div>
  );
}
