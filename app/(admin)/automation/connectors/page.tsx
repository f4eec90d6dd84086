import type { Metadata } from 'next';
import { ConnectorsScreen } from './connectors-screen';

export const metadata: Metadata = { title: 'Connectors' };

export default function ConnectorsPage() {
  return <ConnectorsScreen />;
}
