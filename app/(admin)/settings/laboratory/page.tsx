import type { Metadata } from 'next';
import { LaboratoryScreen } from './laboratory-screen';

export const metadata: Metadata = { title: 'Laboratory' };

export default function LaboratoryPage() {
  return <LaboratoryScreen />;
}
