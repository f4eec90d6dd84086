import type { Metadata } from 'next';
import { EditEventWebhook } from '../event-webhook-form';

export const metadata: Metadata = { title: 'Webhook' };

export default async function EventWebhookPage({ params }: { params: Promise<{ id: string }> }) {
  return <EditEventWebhook id={(await params).id} />;
}
