import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ContactsScreen } from './contacts-screen';

export const metadata: Metadata = { title: 'Contacts' };

// The screen reads its search and segment from the query string (useSearchParams), so it renders on
// the client inside a Suspense boundary.
export default function ContactsPage() {
  return (
    <Suspense fallback={<p className="text-sm text-slate-500">Loading contacts…</p>}>
      <ContactsScreen />
    </Suspense>
  );
}
