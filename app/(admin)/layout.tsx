import Link from 'next/link';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { currentUser } from '@/lib/auth/current';
import { Logo } from '@/components/logo';
import { SideNav } from '@/components/shell/side-nav';
import { MobileNav } from '@/components/shell/mobile-nav';
import { AccountMenu } from '@/components/shell/account-menu';

export const dynamic = 'force-dynamic';

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const current = await currentUser();
  if (!current) redirect('/login');
  return (
    <div className="min-h-screen">
      {/* The first Tab stop: past the header and the navigation, straight to the screen. */}
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-indigo-700 shadow ring-1 ring-slate-200 focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-30 flex h-14 items-center justify-between gap-3 border-b border-slate-200 bg-white px-3 md:px-5">
        <div className="flex min-w-0 items-center gap-2">
          <MobileNav />
          <Link href="/">
            <Logo />
          </Link>
        </div>
        <AccountMenu current={{ user: current.user, account: current.account, accounts: current.accounts }} />
      </header>
      <div className="mx-auto flex max-w-7xl gap-8 px-3 py-4 md:px-5 md:py-6">
        <aside className="hidden w-52 shrink-0 md:block">
          <SideNav />
        </aside>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 focus:outline-none">
          {children}
        </main>
      </div>
    </div>
  );
}
