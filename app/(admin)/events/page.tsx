import type { Metadata } from 'next';
import { Suspense } from 'react';
import { EventsScreen } from './events-screen';

export const metadata: Metadata = { title: 'Events' };

// The event-type filter lives in the query string (useSearchParams): render inside Suspense.
export default function EventsPage() {
  return (
    <Suspense fallback={<p className="text-sm text-slate-500">Loading events…</p>}>
      <EventsScreen />
    </Suspense>
  );
}
