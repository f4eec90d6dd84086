import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header';
import { NAV } from '@/components/shell/nav';

export const metadata: Metadata = { title: 'Settings' };

export default function SettingsPage() {
  const items = NAV.find((s) => s.title === 'Settings')?.items ?? [];
  return (
    <>
      <PageHeader title="Settings" description="Account-wide configuration." />
      <ul className="grid gap-3 sm:grid-cols-2">
        {items.map((item) => (
          <li key={item.href}>
            <Link href={item.href} className="block rounded-lg bg-white p-4 ring-1 ring-slate-200 hover:ring-indigo-300">
              <span className="font-medium text-slate-900">{item.label}</span>
              {item.description && <span className="mt-1 block text-sm text-slate-500">{item.description}</span>}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
