// The editor's form: react-hook-form over lib/workflows/schema.ts workflowInputSchema, and the
// helpers its panels share (a new block of each kind, a field's error by path, labels).
import type { UseFormReturn } from 'react-hook-form';
import {
  newBlockId,
  WEBHOOK_TIMEOUT_MS,
  type BlockInput,
  type BlockKind,
  type WorkflowFormValues,
  type WorkflowInput,
  type WorkflowView,
} from '@/lib/workflows/schema';

export type WorkflowForm = UseFormReturn<WorkflowFormValues, unknown, WorkflowInput>;

export const KIND_LABEL: Record<BlockKind, string> = { webhook: 'Webhook', message: 'Message', delay: 'Delay' };

export function newBlock(kind: BlockKind): BlockInput {
  const id = newBlockId();
  if (kind === 'webhook') return { id, kind, webhookId: null, contactId: '', phone: '', email: '', timeoutMs: WEBHOOK_TIMEOUT_MS.default, onFailure: 'stop' };
  if (kind === 'message') return { id, kind, channel: 'email', subject: '', body: '' };
  return { id, kind, amount: 1, unit: 'hours' };
}

export function formValues(w?: WorkflowView): WorkflowFormValues {
  return w ? { name: w.name, trigger: w.trigger, blocks: w.blocks } : { name: '', trigger: { eventTypeKey: '', filter: null }, blocks: [] };
}

/** The message of the error at a dotted path (`blocks.2.webhookId`) of react-hook-form's errors. */
export function errorAt(errors: unknown, path: string): string | undefined {
  let at: unknown = errors;
  for (const key of path.split('.')) at = at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined;
  const message = at && typeof at === 'object' ? (at as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? message : undefined;
}

/** Whether any error sits under a path (a block with a problem is marked on the chain). */
export function hasErrorUnder(errors: unknown, path: string): boolean {
  let at: unknown = errors;
  for (const key of path.split('.')) at = at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined;
  return at !== undefined && at !== null;
}

const FIELD_LABEL: Record<string, string> = {
  eventTypeKey: 'Event type',
  filter: 'Filter',
  param: 'Parameter',
  value: 'Value',
  webhookId: 'Webhook',
  contactId: 'Contact ID',
  phone: 'Phone',
  email: 'Contact Email',
  timeoutMs: 'Timeout',
  onFailure: 'On failure',
  channel: 'Channel',
  subject: 'Subject',
  body: 'Body',
  amount: 'Amount',
  unit: 'Unit',
  name: 'Name',
  blocks: 'Blocks',
};

/** "Start · Event type", "Block 2 (Webhook) · Contact Email" for a field path; the block index, if any. */
export function describeField(path: string, blocks: { kind: BlockKind }[]): { label: string; blockIndex: number | null } {
  const parts = path.split('.');
  if (parts[0] === 'trigger') return { label: ['Start', ...parts.slice(1).map((p) => FIELD_LABEL[p] ?? p)].join(' · '), blockIndex: null };
  if (parts[0] === 'blocks' && parts.length >= 2 && /^\d+$/.test(parts[1])) {
    const i = Number(parts[1]);
    const kind = blocks[i]?.kind;
    const head = `Block ${i + 1}${kind ? ` (${KIND_LABEL[kind]})` : ''}`;
    return { label: [head, ...parts.slice(2).map((p) => FIELD_LABEL[p] ?? p)].join(' · '), blockIndex: i };
  }
  return { label: parts.map((p) => FIELD_LABEL[p] ?? p).join(' · '), blockIndex: null };
}
