import type { Metadata } from 'next';
import { EditExport } from '../edit-export';

export const metadata: Metadata = { title: 'Edit data export' };

export default async function EditExportPage({ params }: { params: Promise<{ id: string }> }) {
  return <EditExport id={(await params).id} />;
}
