import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AccountActivityScreen } from './account-activity-screen';

export const metadata: Metadata = { title: 'Account activity' };

// The screen reads its filter from the query string (useSearchParams), so it renders on the client
// inside a Suspense boundary.
export default function AccountActivityPage() {
  return (
    <Suspense fallback={<p className="text-sm text-slate-500">Loading account activity…</p>}>
      <AccountActivityScreen />
    </Suspense>
  );
}
