// The message block's live preview in the editor: the webhook blocks before it are sent as tests (the
// same resolution and client as runs and Send test; not logged as deliveries), their answers become
// $data, and the message renders with the chosen contact and event. Every problem comes back in the
// answer (a webhook that failed, a template that does not parse), never as a 500.
import { ApiError } from '@/lib/http/errors';
import { getContact } from '@/lib/contacts/service';
import { getEvent } from '@/lib/events/service';
import type { EventParams } from '@/lib/events/schema';
import { parseAnswer, sendResolved } from '@/lib/request-webhooks/resolve';
import { VelocityError } from '@/lib/templates/velocity';
import { loadWebhook, resolveWebhook } from './engine';
import { renderMessage } from './context';
import type { PreviewInput, PreviewResult } from './schema';

export async function previewMessage(accountId: string, input: PreviewInput): Promise<PreviewResult> {
  const index = input.blocks.findIndex((b) => b.id === input.blockId);
  const block = input.blocks[index];
  if (!block) throw new ApiError('unprocessable_entity', 'Some fields are invalid', { blockId: ['No block of the workflow has this id'] });
  if (block.kind !== 'message') throw new ApiError('unprocessable_entity', 'Some fields are invalid', { blockId: ['Choose a message block'] });
  const contact = input.contactId ? await getContact(accountId, input.contactId) : null;
  const params: EventParams = input.eventId ? (await getEvent(accountId, input.eventId)).params : ((input.event ?? {}) as EventParams);

  const data: Record<string, unknown> = {};
  const webhooks: PreviewResult['webhooks'] = [];
  for (const b of input.blocks.slice(0, index)) {
    if (b.kind !== 'webhook') continue;
    const w = b.webhookId ? await loadWebhook(accountId, b.webhookId) : null;
    const fail = (error: string, name: string | null = w?.name ?? null) => webhooks.push({ blockId: b.id, name, ok: false, status: null, error });
    if (!b.webhookId) fail('No webhook chosen');
    else if (!w) fail('The webhook no longer exists');
    else if (w.deleted_at) fail(`The webhook “${w.name}” was deleted`);
    else {
      const resolved = resolveWebhook(w, contact, params);
      if (resolved.errors.length > 0) {
        fail(resolved.errors.map((e) => e.message).join('; '));
        continue;
      }
      const res = await sendResolved(resolved, { timeoutMs: b.timeoutMs });
      if (res.ok) data[w.name] = parseAnswer(res.body, res.headers['content-type']);
      webhooks.push({ blockId: b.id, name: w.name, ok: res.ok, status: res.status, error: res.ok ? null : (res.error?.message ?? `The server answered ${res.status}`) });
    }
  }
  try {
    const { subject, body } = renderMessage(block, { data, contact, event: params });
    return { webhooks, data, subject, body, error: null };
  } catch (err) {
    if (!(err instanceof VelocityError)) throw err;
    return { webhooks, data, subject: null, body: null, error: err.message };
  }
}
