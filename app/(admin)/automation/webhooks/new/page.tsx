import type { Metadata } from 'next';
import { EventWebhookForm } from '../event-webhook-form';

export const metadata: Metadata = { title: 'Create new Webhook' };

export default function NewEventWebhookPage() {
  return <EventWebhookForm />;
}
