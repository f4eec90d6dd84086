import type { Metadata } from 'next';
import { EditWorkflow } from '@/components/workflows/editor/workflow-editor';

export const metadata: Metadata = { title: 'Workflow' };

export default async function WorkflowPage({ params }: { params: Promise<{ id: string }> }) {
  return <EditWorkflow id={(await params).id} />;
}
