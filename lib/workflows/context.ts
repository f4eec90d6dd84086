// The Velocity context of a workflow, built in ONE place for every renderer: workflow runs
// (lib/workflows/engine.ts), the editor's preview (lib/workflows/preview.ts) and the Manage Webhook
// dialog's `$data` suggestions. Rendering itself is lib/templates/velocity.ts (limits, escaping).
// Browser-safe: no database, no node: imports.
//
//   $data     webhook name → its parsed answer (JSON, XML as an object, text as a string)
//   $contact  the contact's standard fields (id, email, phone, externalCustomerId, firstName, lastName)
//             and its additional fields (TOWN, BIRTHDAY …), values as stored (numbers stay numbers)
//   $event    the triggering event's params as received
//   $mathTool, $dateTool  (velocity.ts)
import { STANDARD_KEYS, type ContactView } from '@/lib/contacts/schema';
import { preview, render, type VelocityContext } from '@/lib/templates/velocity';
import type { MessageBlock } from './schema';

export type ContactLike = Pick<ContactView, 'id' | 'email' | 'phone' | 'externalCustomerId' | 'firstName' | 'lastName' | 'fields'>;

export type RunContext = {
  data?: Record<string, unknown>;
  contact?: ContactLike | null;
  event?: Record<string, unknown> | null;
  now?: Date;
};

/** `$contact`: additional fields first, the standard fields over them (a field named `email` cannot hide the real one). */
export function contactContext(contact: ContactLike | null | undefined): Record<string, unknown> | null {
  if (!contact) return null;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(contact.fields ?? {})) if (value !== null) out[key] = value;
  out.id = contact.id;
  for (const key of STANDARD_KEYS) {
    const value = contact[key];
    if (value !== null && value !== undefined) out[key] = value;
    else delete out[key];
  }
  return out;
}

export function velocityContext(ctx: RunContext): VelocityContext {
  return { data: ctx.data ?? {}, contact: contactContext(ctx.contact), event: ctx.event ?? {}, now: ctx.now };
}

/** A message block rendered: the subject as text, the body as HTML for email (inserted values escaped), as text for SMS. Throws VelocityError. */
export function renderMessage(block: Pick<MessageBlock, 'channel' | 'subject' | 'body'>, ctx: RunContext): { subject: string | null; body: string } {
  const vc = velocityContext(ctx);
  return {
    subject: block.channel === 'email' ? render(block.subject, vc) : null,
    body: render(block.body, vc, { html: block.channel === 'email' }),
  };
}

/** One expression over a webhook's answer (the Manage Webhook dialog's "Use the response in a message"). */
export function previewDataExpression(expression: string, webhookName: string, answer: unknown) {
  return preview(expression, velocityContext({ data: { [webhookName]: answer } }));
}
