'use client';
// The chain in the middle of the editor: Start, then each block as a card joined by a connector.
// A card's main button selects it for the Settings panel; Move up / Move down / Remove are buttons
// of their own, so the chain is usable from the keyboard.
import type { ReactNode } from 'react';
import type { BlockInput, Trigger } from '@/lib/workflows/schema';
import type { RequestWebhookView } from '@/lib/request-webhooks/types';
import { TypeBadge } from '@/components/events/event-parts';
import { KIND_LABEL } from './form';

const ICON: Record<BlockInput['kind'] | 'start', ReactNode> = {
  start: <path d="M6.3 2.84A1.5 1.5 0 0 0 4 4.11v11.78a1.5 1.5 0 0 0 2.3 1.27l9.34-5.89a1.5 1.5 0 0 0 0-2.54L6.3 2.84Z" />,
  webhook: <path d="M12.23 2.56a.75.75 0 0 1 .5.93l-4 13a.75.75 0 1 1-1.44-.44l4-13a.75.75 0 0 1 .94-.5ZM6.28 6.22a.75.75 0 0 1 0 1.06L3.56 10l2.72 2.72a.75.75 0 1 1-1.06 1.06L1.97 10.53a.75.75 0 0 1 0-1.06l3.25-3.25a.75.75 0 0 1 1.06 0Zm7.44 0a.75.75 0 0 1 1.06 0l3.25 3.25a.75.75 0 0 1 0 1.06l-3.25 3.25a.75.75 0 1 1-1.06-1.06L16.44 10l-2.72-2.72a.75.75 0 0 1 0-1.06Z" />,
  message: <path d="M3 4a2 2 0 0 0-2 2v1.16l8.55 4.28a1 1 0 0 0 .9 0L19 7.16V6a2 2 0 0 0-2-2H3Zm16 5.4-7.66 3.83a3 3 0 0 1-2.68 0L1 9.4V14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V9.4Z" />,
  delay: <path fillRule="evenodd" d="M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm.75-13a.75.75 0 0 0-1.5 0v5c0 .2.08.39.22.53l3 3a.75.75 0 1 0 1.06-1.06l-2.78-2.78V5Z" clipRule="evenodd" />,
};
const TONE: Record<BlockInput['kind'] | 'start', string> = {
  start: 'bg-emerald-100 text-emerald-700',
  webhook: 'bg-indigo-100 text-indigo-700',
  message: 'bg-sky-100 text-sky-700',
  delay: 'bg-amber-100 text-amber-700',
};

export function Icon({ kind }: { kind: BlockInput['kind'] | 'start' }) {
  return (
    <span className={`flex size-8 shrink-0 items-center justify-center rounded-md ${TONE[kind]}`} aria-hidden>
      <svg viewBox="0 0 20 20" fill="currentColor" className="size-4">
        {ICON[kind]}
      </svg>
    </span>
  );
}

function summary(b: BlockInput, webhooks: RequestWebhookView[] | undefined): ReactNode {
  if (b.kind === 'webhook') {
    const w = b.webhookId ? webhooks?.find((x) => x.id === b.webhookId) : undefined;
    const who = b.email ? `Contact Email ${b.email}` : b.phone ? `Phone ${b.phone}` : b.contactId ? `Contact ID ${b.contactId}` : 'no contact field yet';
    return (
      <>
        <span className="font-medium text-slate-800">{w ? w.name : b.webhookId ? 'Deleted webhook' : 'No webhook chosen'}</span> · {who}
      </>
    );
  }
  if (b.kind === 'message') return `${b.channel === 'sms' ? 'SMS' : 'Email'}${b.channel !== 'sms' && b.subject ? ` · ${b.subject}` : ''}`;
  const amount = Number(b.amount);
  return `Wait ${Number.isFinite(amount) ? amount : '?'} ${b.unit ?? 'hours'}`;
}

function Connector() {
  return (
    <div className="flex justify-center" aria-hidden>
      <div className="flex flex-col items-center">
        <div className="h-5 w-px bg-slate-300" />
        <svg viewBox="0 0 10 6" className="h-1.5 w-2.5 fill-slate-300">
          <path d="M0 0h10L5 6z" />
        </svg>
      </div>
    </div>
  );
}

const iconButton = 'rounded p-1.5 text-slate-400 hover:bg-slate-100 hover:text-slate-700 disabled:opacity-30 disabled:hover:bg-transparent focus-visible:outline-2 focus-visible:outline-indigo-600';

function Card({
  selected,
  invalid,
  kind,
  title,
  detail,
  onSelect,
  controls,
}: {
  selected: boolean;
  invalid: boolean;
  kind: BlockInput['kind'] | 'start';
  title: string;
  detail: ReactNode;
  onSelect: () => void;
  controls?: ReactNode;
}) {
  return (
    <div
      className={`flex items-center gap-1 rounded-lg bg-white pr-1 shadow-xs ring-1 transition ${
        selected ? 'ring-2 ring-indigo-500' : invalid ? 'ring-red-300' : 'ring-slate-200 hover:ring-slate-300'
      }`}
      data-testid="chain-block"
    >
      <button type="button" onClick={onSelect} aria-pressed={selected} className="flex min-w-0 flex-1 items-center gap-3 rounded-lg p-3 text-left focus-visible:outline-2 focus-visible:outline-indigo-600">
        <Icon kind={kind} />
        <span className="min-w-0 flex-1">
          <span className="flex items-center gap-2 text-sm font-semibold text-slate-900">
            {title}
            {invalid && <span className="rounded-full bg-red-50 px-1.5 text-xs font-medium text-red-700 ring-1 ring-red-200">Needs attention</span>}
          </span>
          <span className="mt-0.5 block truncate text-xs text-slate-500">{detail}</span>
        </span>
      </button>
      {controls}
    </div>
  );
}

export function Chain({
  trigger,
  blocks,
  webhooks,
  selected,
  invalid,
  onSelect,
  onMove,
  onRemove,
}: {
  trigger: { eventTypeKey: string; filter?: Trigger['filter'] } | undefined;
  blocks: BlockInput[];
  webhooks: RequestWebhookView[] | undefined;
  selected: string;
  invalid: (path: string) => boolean;
  onSelect: (id: string) => void;
  onMove: (from: number, to: number) => void;
  onRemove: (index: number) => void;
}) {
  return (
    <ol aria-label="Blocks" className="mx-auto flex max-w-md flex-col">
      <li>
      <Card
        kind="start"
        title="Start"
        selected={selected === 'start'}
        invalid={invalid('trigger')}
        onSelect={() => onSelect('start')}
        detail={
          trigger?.eventTypeKey ? (
            <span className="flex items-center gap-1.5">
              Event <TypeBadge eventTypeKey={trigger.eventTypeKey} />
              {trigger.filter?.param && (
                <span className="font-mono">
                  {trigger.filter.param} = {trigger.filter.value}
                </span>
              )}
            </span>
          ) : (
            'Choose the event type that starts a run'
          )
        }
      />
      </li>
      {blocks.map((b, i) => (
        <li key={b.id}>
          <Connector />
          <Card
            kind={b.kind}
            title={`${i + 1}. ${KIND_LABEL[b.kind]}`}
            selected={selected === b.id}
            invalid={invalid(`blocks.${i}`)}
            onSelect={() => onSelect(b.id)}
            detail={summary(b, webhooks)}
            controls={
              <span className="flex shrink-0 items-center">
                <button type="button" className={iconButton} aria-label={`Move block ${i + 1} up`} disabled={i === 0} onClick={() => onMove(i, i - 1)}>
                  <svg viewBox="0 0 20 20" fill="currentColor" className="size-4" aria-hidden>
                    <path fillRule="evenodd" d="M10 17a.75.75 0 0 1-.75-.75V5.61L5.29 9.77a.75.75 0 0 1-1.08-1.04l5.25-5.5a.75.75 0 0 1 1.08 0l5.25 5.5a.75.75 0 1 1-1.08 1.04l-3.96-4.16v10.64A.75.75 0 0 1 10 17Z" clipRule="evenodd" />
                  </svg>
                </button>
                <button type="button" className={iconButton} aria-label={`Move block ${i + 1} down`} disabled={i === blocks.length - 1} onClick={() => onMove(i, i + 1)}>
                  <svg viewBox="0 0 20 20" fill="currentColor" className="size-4 rotate-180" aria-hidden>
                    <path fillRule="evenodd" d="M10 17a.75.75 0 0 1-.75-.75V5.61L5.29 9.77a.75.75 0 0 1-1.08-1.04l5.25-5.5a.75.75 0 0 1 1.08 0l5.25 5.5a.75.75 0 1 1-1.08 1.04l-3.96-4.16v10.64A.75.75 0 0 1 10 17Z" clipRule="evenodd" />
                  </svg>
                </button>
                <button type="button" className={`${iconButton} hover:text-red-600`} aria-label={`Remove block ${i + 1}`} onClick={() => onRemove(i)}>
                  <svg viewBox="0 0 20 20" fill="currentColor" className="size-4" aria-hidden>
                    <path fillRule="evenodd" d="M8.75 1A2.75 2.75 0 0 0 6 3.75v.44c-.8.08-1.58.18-2.37.3a.75.75 0 1 0 .23 1.49l.15-.02.84 10.52A2.75 2.75 0 0 0 7.6 19h4.8a2.75 2.75 0 0 0 2.75-2.52l.84-10.52.15.02a.75.75 0 0 0 .23-1.49c-.79-.12-1.58-.22-2.37-.3v-.44A2.75 2.75 0 0 0 11.25 1h-2.5ZM10 4c.84 0 1.67.03 2.5.08v-.33c0-.69-.56-1.25-1.25-1.25h-2.5c-.69 0-1.25.56-1.25 1.25v.33C8.33 4.03 9.16 4 10 4Z" clipRule="evenodd" />
                  </svg>
                </button>
              </span>
            }
          />
        </li>
      ))}
    </ol>
  );
}
