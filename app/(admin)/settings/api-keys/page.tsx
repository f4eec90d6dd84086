import type { Metadata } from 'next';
import { ApiKeysScreen } from './api-keys-screen';

export const metadata: Metadata = { title: 'API keys' };

export default function ApiKeysPage() {
  return <ApiKeysScreen />;
}
