import type { Metadata } from 'next';
import { EventWebhookList } from './event-webhook-list';

export const metadata: Metadata = { title: 'Webhooks' };

export default function EventWebhooksPage() {
  return <EventWebhookList />;
}
