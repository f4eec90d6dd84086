import type { Metadata } from 'next';
import { RunDetailScreen } from '@/components/workflows/runs/run-detail';

export const metadata: Metadata = { title: 'Workflow run' };

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  return <RunDetailScreen id={(await params).id} />;
}
