import type { Metadata } from 'next';
import { Suspense } from 'react';
import { WebhookLogsScreen } from './webhook-logs-screen';

export const metadata: Metadata = { title: 'Webhook logs' };

// The screen reads its filter from the query string (useSearchParams), so it renders on the client
// inside a Suspense boundary.
export default function WebhookLogsPage() {
  return (
    <Suspense fallback={<p className="text-sm text-slate-500">Loading webhook logs…</p>}>
      <WebhookLogsScreen />
    </Suspense>
  );
}
