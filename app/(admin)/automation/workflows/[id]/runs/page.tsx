import type { Metadata } from 'next';
import { Suspense } from 'react';
import { RunsScreen } from '@/components/workflows/runs/runs-screen';

export const metadata: Metadata = { title: 'Launch history' };

// The filter lives in the query string (useSearchParams): rendered on the client inside Suspense.
export default async function WorkflowRunsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <Suspense fallback={<p className="text-sm text-slate-500">Loading the launch history…</p>}>
      <RunsScreen workflowId={id} />
    </Suspense>
  );
}
