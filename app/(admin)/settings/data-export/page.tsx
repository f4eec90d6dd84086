import type { Metadata } from 'next';
import { ExportList } from './export-list';

export const metadata: Metadata = { title: 'Data export' };

export default function DataExportPage() {
  return <ExportList />;
}
