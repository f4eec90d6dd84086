import type { Metadata } from 'next';
import { ExportForm } from '../export-form';

export const metadata: Metadata = { title: 'New data export' };

export default function NewExportPage() {
  return <ExportForm />;
}
