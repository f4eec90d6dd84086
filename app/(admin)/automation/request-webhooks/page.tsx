import type { Metadata } from 'next';
import { RequestWebhooksScreen } from './request-webhooks-screen';

export const metadata: Metadata = { title: 'Workflow webhooks' };

export default function RequestWebhooksPage() {
  return <RequestWebhooksScreen />;
}
