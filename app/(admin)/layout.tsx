import Link from 'next/link';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { currentUser } from '@/lib/auth/current';
import { Logo } from '@/components/logo';
import { SideNav } from '@/components/shell/side-nav';
import { AccountMenu } from '@/components/shell/account-menu';

export const dynamic = 'force-dynamic';

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const current = await currentUser();
  if (!current) redirect('/login');
  return (
    <div className="min-h-screen">
      <header className="sticky top-0 z-30 flex h-14 items-center justify-between border-b border-slate-200 bg-white px-5">
        <Link href="/">
          <Logo />
        </Link>
        <AccountMenu current={{ user: current.user, account: current.account, accounts: current.accounts }} />
      </header>
      <div className="mx-auto flex max-w-7xl gap-8 px-5 py-6">
        <aside className="w-52 shrink-0">
          <SideNav />
        </aside>
        <main className="min-w-0 flex-1">{children}</main>
      </div>
    </div>
  );
}
