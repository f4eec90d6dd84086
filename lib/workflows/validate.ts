// What activating a workflow requires, field by field (the save itself only checks shapes and limits,
// lib/workflows/schema.ts): a trigger, at least one block, every webhook block with a webhook of this
// account that is not deleted and a contact identification field, identification templates that
// parse, message templates that parse as Velocity, a message body. The same list is each workflow's
// `problems` on the list and in the editor, so a webhook deleted later shows there; restoring it heals.
import { parseTemplate } from '@/lib/templates/render';
import { velocitySyntaxProblem } from '@/lib/templates/velocity';
import { ApiError, type FieldErrors } from '@/lib/http/errors';
import type { WorkflowDefinition, WorkflowProblem } from './schema';

/** What validation needs to know of a request webhook the workflow names. */
export type WebhookState = { name: string; deleted: boolean };

const IDENTIFIERS = [
  ['contactId', 'Contact ID'],
  ['phone', 'Phone'],
  ['email', 'Contact Email'],
] as const;

/** Every request webhook id the definition names. */
export function webhookIdsOf(def: Pick<WorkflowDefinition, 'blocks'>): string[] {
  return [...new Set(def.blocks.flatMap((b) => (b.kind === 'webhook' && b.webhookId ? [b.webhookId] : [])))];
}

/** What activation would refuse, in the form's order. `webhooks`: this account's webhooks by id (deleted ones too). */
export function workflowProblems(def: WorkflowDefinition, webhooks: ReadonlyMap<string, WebhookState>): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  if (!def.trigger.eventTypeKey.trim()) add('trigger.eventTypeKey', 'Choose the event type that starts the workflow');
  if (def.blocks.length === 0) add('blocks', 'Add at least one block');
  def.blocks.forEach((b, i) => {
    const at = `blocks.${i}`;
    if (b.kind === 'webhook') {
      const hook = b.webhookId ? webhooks.get(b.webhookId) : undefined;
      if (!b.webhookId) add(`${at}.webhookId`, 'Choose a webhook');
      else if (!hook) add(`${at}.webhookId`, 'This webhook no longer exists — choose another');
      else if (hook.deleted) add(`${at}.webhookId`, `Webhook ${hook.name} was deleted — restore it or choose another`);
      if (IDENTIFIERS.every(([key]) => !b[key].trim())) {
        add(`${at}.contactId`, 'Fill in Contact ID, Phone or Contact Email: the run finds its contact by one of them');
      }
      for (const [key, label] of IDENTIFIERS) {
        for (const p of parseTemplate(b[key]).problems) add(`${at}.${key}`, `${label}: ${p.message}`);
      }
    } else if (b.kind === 'message') {
      if (b.channel === 'email' && b.subject) {
        const p = velocitySyntaxProblem(b.subject);
        if (p) add(`${at}.subject`, `The subject cannot be read (line ${p.line}, column ${p.column}): ${p.message}`);
      }
      if (!b.body.trim()) add(`${at}.body`, b.channel === 'email' ? 'Write the email body' : 'Write the message');
      else {
        const p = velocitySyntaxProblem(b.body);
        if (p) add(`${at}.body`, `The body cannot be read (line ${p.line}, column ${p.column}): ${p.message}`);
      }
    }
    // Delay blocks: their limits (1 minute … 365 days) are the schema's, checked on every save.
  });
  return problems;
}

export function problemsToFields(problems: WorkflowProblem[]): FieldErrors {
  const fields: FieldErrors = {};
  for (const p of problems) (fields[p.field] ??= []).push(p.message);
  return fields;
}

/** The 422 activation answers with, or nothing when the workflow may run. */
export function assertActivatable(problems: WorkflowProblem[]): void {
  if (problems.length === 0) return;
  throw new ApiError('unprocessable_entity', `The workflow cannot be active yet: ${problems.length === 1 ? '1 thing needs' : `${problems.length} things need`} fixing`, problemsToFields(problems));
}
