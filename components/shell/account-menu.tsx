'use client';
// "Click the caret next to your account name": switch account, Settings, API keys, API reference, Sessions, Log out — on the
// shared Menu (keyboard, focus and Esc handled once there).
import { useRouter } from 'next/navigation';
import { useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/http/client';
import { useToast } from '@/components/ui/toast';
import { Menu, type MenuItem } from '@/components/ui/menu';
import type { CurrentUser } from '@/lib/auth/current';

export function AccountMenu({ current }: { current: CurrentUser }) {
  const toast = useToast();
  const router = useRouter();
  const queryClient = useQueryClient();

  async function switchTo(accountId: string) {
    try {
      await apiFetch('/api/auth/switch-account', { method: 'POST', json: { accountId } });
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

  const items: MenuItem[] = [
    ...current.accounts.filter((a) => a.id !== current.account.id).map((a) => ({ label: a.name, group: 'Switch account', onSelect: () => void switchTo(a.id) })),
    { label: 'Settings', href: '/settings' },
    { label: 'API keys', href: '/settings/api-keys' },
    { label: 'API reference', href: '/settings/api-reference' },
    { label: 'Sessions', href: '/settings/sessions' },
    { label: 'Log out', group: '', onSelect: () => void logout() },
  ];
  return (
    <Menu
      label="Account menu"
      width="w-60"
      items={items}
      trigger={
        <span className="flex min-w-0 items-center gap-2 text-sm">
          <span className="min-w-0 text-right leading-tight">
            <span className="block truncate font-medium text-slate-900" data-testid="current-account">
              {current.account.name}
            </span>
            <span className="block truncate text-xs text-slate-500 max-sm:hidden">{current.user.email}</span>
          </span>
          <svg viewBox="0 0 20 20" className="size-4 text-slate-500" fill="currentColor" aria-label="Account menu">
            <path d="M5.22 8.22a.75.75 0 0 1 1.06 0L10 11.94l3.72-3.72a.75.75 0 1 1 1.06 1.06l-4.25 4.25a.75.75 0 0 1-1.06 0L5.22 9.28a.75.75 0 0 1 0-1.06Z" />
          </svg>
        </span>
      }
    />
  );
}
