import type { Metadata } from 'next';
import { ApiReferenceScreen } from './api-reference-screen';

export const metadata: Metadata = { title: 'API reference' };

export default function ApiReferencePage() {
  return <ApiReferenceScreen />;
}
