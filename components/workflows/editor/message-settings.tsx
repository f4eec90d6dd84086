'use client';
// A Message block: channel, subject and body templates (Velocity), one-click inserts of $data
// expressions read from the last test answer of the chain's earlier webhooks (the Manage Webhook
// dialog's own suggestions), and a live preview against a chosen contact and event: the server runs
// the chain's webhooks before this block as tests and renders the message (POST /api/workflows/preview).
import { useId, useRef, useState } from 'react';
import { useWatch } from 'react-hook-form';
import { CHANNELS, workflowInputSchema, type BlockInput } from '@/lib/workflows/schema';
import { contactDisplayName, type ContactView } from '@/lib/contacts/schema';
import type { EventView } from '@/lib/events/schema';
import { TextField } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import { Banner } from '@/components/ui/banner';
import { Dialog } from '@/components/ui/dialog';
import { ContactPicker } from '@/components/contacts/contact-picker';
import { EventPicker } from '@/components/events/event-picker';
import { TypeBadge } from '@/components/events/event-parts';
import { ResponseSuggestions } from '@/app/(admin)/automation/request-webhooks/test-flow';
import { useRequestWebhooks } from '@/app/(admin)/automation/request-webhooks/use-request-webhooks';
import { usePreview } from '../use-workflows';
import { HtmlPreview } from '../html-preview';
import { errorAt, type WorkflowForm } from './form';

const textarea =
  'mt-1 block w-full rounded-md border-0 p-3 font-mono text-xs shadow-xs ring-1 ring-inset focus:ring-2 focus:ring-inset focus:outline-none';

function Inserts({ form, index, onInsert }: { form: WorkflowForm; index: number; onInsert: (expr: string) => void }) {
  const blocks = useWatch({ control: form.control, name: 'blocks' }) as BlockInput[];
  const hooks = useRequestWebhooks(false);
  const earlier = blocks
    .slice(0, index)
    .flatMap((b) => (b.kind === 'webhook' && b.webhookId ? [hooks.data?.find((w) => w.id === b.webhookId)] : []))
    .filter((w, i, all) => w && all.indexOf(w) === i);
  if (earlier.length === 0) return <p className="text-xs text-slate-500">Add a Webhook block above this message to use its answer as $data.</p>;
  return (
    <div className="space-y-3">
      {earlier.map((w) =>
        w!.lastTestResponse === null || w!.lastTestResponse === undefined ? (
          <p key={w!.id} className="text-xs text-slate-500">
            <span className="font-medium text-slate-700">{w!.name}</span>: send a test (Manage Webhook → Send test) to pick fields of its answer here, or type{' '}
            <code className="font-mono">$data.get(&apos;{w!.name}&apos;)…</code>
          </p>
        ) : (
          <div key={w!.id}>
            <p className="mb-1 text-xs font-medium text-slate-700">{w!.name} · from its last test answer</p>
            <ResponseSuggestions name={w!.name} json={w!.lastTestResponse} onPick={onInsert} limit={8} />
          </div>
        ),
      )}
    </div>
  );
}

function Preview({ form, blockId, channel }: { form: WorkflowForm; blockId: string; channel: string }) {
  const [contact, setContact] = useState<ContactView | null>(null);
  const [event, setEvent] = useState<EventView | null>(null);
  const [picking, setPicking] = useState<'contact' | 'event' | null>(null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const preview = usePreview();
  const result = preview.data;

  const run = () => {
    const parsed = workflowInputSchema.safeParse(form.getValues());
    if (!parsed.success) {
      setInvalid('Fix the fields marked in red first.');
      void form.trigger();
      return;
    }
    setInvalid(null);
    preview.mutate({ trigger: parsed.data.trigger, blocks: parsed.data.blocks, blockId, contactId: contact?.id, eventId: event?.id });
  };

  return (
    <section className="space-y-3 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200" aria-label="Preview">
      <h3 className="text-sm font-semibold text-slate-900">Preview</h3>
      <p className="text-xs text-slate-500">Runs the webhooks above this block as tests, then renders the message.</p>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        {contact ? (
          <span className="inline-flex items-center gap-1 rounded bg-white px-2 py-1 ring-1 ring-slate-200" data-testid="preview-contact">
            {contactDisplayName(contact)}
            <button type="button" className="text-xs text-indigo-700 hover:underline" onClick={() => setPicking('contact')}>
              Change
            </button>
          </span>
        ) : (
          <Button variant="secondary" size="sm" onClick={() => setPicking('contact')}>
            Select contact
          </Button>
        )}
        {event ? (
          <span className="inline-flex min-w-0 items-center gap-1 rounded bg-white px-2 py-1 ring-1 ring-slate-200" data-testid="preview-event">
            <TypeBadge eventTypeKey={event.eventTypeKey} />
            <button type="button" className="text-xs text-indigo-700 hover:underline" onClick={() => setPicking('event')}>
              Change
            </button>
          </span>
        ) : (
          <Button variant="secondary" size="sm" onClick={() => setPicking('event')}>
            Select event
          </Button>
        )}
        <Button size="sm" onClick={run} loading={preview.isPending}>
          Preview
        </Button>
      </div>
      {invalid && <Banner tone="warning">{invalid}</Banner>}
      {preview.isError && <Banner tone="error">{preview.error.message}</Banner>}
      {result && (
        <div className="space-y-2" data-testid="preview-result">
          {result.webhooks.map((w) => (
            <p key={w.blockId} className={`text-xs ${w.ok ? 'text-emerald-700' : 'text-red-700'}`}>
              {w.name}: {w.ok ? `answered ${w.status}` : (w.error ?? `answered ${w.status}`)}
            </p>
          ))}
          {result.error ? (
            <Banner tone="error">{result.error}</Banner>
          ) : (
            <div className="rounded-md bg-white ring-1 ring-slate-200">
              {channel === 'email' && (
                <p className="border-b border-slate-100 px-3 py-2 text-sm">
                  <span className="text-xs text-slate-500">Subject: </span>
                  <span className="font-medium text-slate-900" data-testid="preview-subject">
                    {result.subject}
                  </span>
                </p>
              )}
              {channel === 'email' ? (
                <HtmlPreview html={result.body ?? ''} className="p-3" testId="preview-body" />
              ) : (
                <pre className="p-3 text-sm whitespace-pre-wrap text-slate-900" data-testid="preview-body">
                  {result.body}
                </pre>
              )}
            </div>
          )}
        </div>
      )}
      <Dialog open={picking === 'contact'} onClose={() => setPicking(null)} title="Select contact" width="max-w-2xl">
        <ContactPicker
          selectedId={contact?.id}
          onPick={(c) => {
            setContact(c);
            setPicking(null);
          }}
        />
      </Dialog>
      <Dialog open={picking === 'event'} onClose={() => setPicking(null)} title="Select event" width="max-w-2xl">
        <EventPicker
          selectedId={event?.id}
          onPick={(e) => {
            setEvent(e);
            setPicking(null);
          }}
        />
      </Dialog>
    </section>
  );
}

export function MessageSettings({ form, index }: { form: WorkflowForm; index: number }) {
  const { register, control, setValue, getValues, formState } = form;
  const errors = formState.errors;
  const base = `blocks.${index}`;
  const path = (f: string) => `${base}.${f}` as 'blocks.0.id';
  const channel = (useWatch({ control, name: path('channel') }) as string | undefined) ?? 'email';
  const blockId = useWatch({ control, name: path('id') }) as string;
  const bodyId = useId();
  // Where an insert goes: the last of subject/body that had the focus, at its caret.
  const target = useRef<{ field: 'subject' | 'body'; start: number; end: number }>({ field: 'body', start: -1, end: -1 });
  const remember = (field: 'subject' | 'body', e: React.SyntheticEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    target.current = { field, start: e.currentTarget.selectionStart ?? -1, end: e.currentTarget.selectionEnd ?? -1 };
  };
  const insert = (expr: string) => {
    const field = channel === 'email' ? target.current.field : 'body';
    const text = String(getValues(path(field)) ?? '');
    const { start, end } = target.current.field === field && target.current.start >= 0 ? target.current : { start: text.length, end: text.length };
    const next = text.slice(0, start) + expr + text.slice(end);
    setValue(path(field), next, { shouldDirty: true, shouldValidate: formState.isSubmitted });
    target.current = { field, start: start + expr.length, end: start + expr.length };
  };
  const subject = register(path('subject'));
  const body = register(path('body'));
  const bodyError = errorAt(errors, `${base}.body`);

  return (
    <div className="space-y-4">
      <div role="radiogroup" aria-label="Channel" className="flex gap-4">
        {CHANNELS.map((c) => (
          <label key={c} className="flex items-center gap-1.5 text-sm text-slate-700">
            <input type="radio" value={c} className="accent-indigo-600" {...register(path('channel'))} />
            {c === 'email' ? 'Email' : 'SMS'}
          </label>
        ))}
      </div>
      {channel === 'email' && (
        <TextField
          label="Subject"
          placeholder="Your promo code: $!data.get('WH5').get('promocode')"
          error={errorAt(errors, `${base}.subject`)}
          {...subject}
          onBlur={(e) => {
            remember('subject', e);
            return subject.onBlur(e);
          }}
          onSelect={(e) => remember('subject', e)}
        />
      )}
      <div>
        <label htmlFor={bodyId} className="block text-sm font-medium text-slate-700">
          {channel === 'email' ? 'Body (HTML, Velocity)' : 'Text (Velocity)'}
        </label>
        <textarea
          id={bodyId}
          rows={8}
          spellCheck={false}
          aria-invalid={bodyError ? true : undefined}
          className={`${textarea} ${bodyError ? 'ring-red-400 focus:ring-red-500' : 'ring-slate-300 focus:ring-indigo-500'}`}
          placeholder={"Hello $!contact.firstName, your code is $data.get('WH5').get('promocode')"}
          {...body}
          onBlur={(e) => {
            remember('body', e);
            return body.onBlur(e);
          }}
          onSelect={(e) => remember('body', e)}
        />
        {bodyError && <p className="mt-1 text-xs text-red-600">{bodyError}</p>}
        <p className="mt-1 text-xs text-slate-500">
          <code className="font-mono">$data</code> (webhook answers by name), <code className="font-mono">$contact</code>, <code className="font-mono">$event</code>,{' '}
          <code className="font-mono">$mathTool</code>, <code className="font-mono">$dateTool</code>; <code className="font-mono">$!x</code> renders nothing when empty.
        </p>
      </div>
      <section className="space-y-2 border-t border-slate-200 pt-4" aria-label="Insert from a webhook answer">
        <h3 className="text-sm font-semibold text-slate-900">Insert from a webhook answer</h3>
        <Inserts form={form} index={index} onInsert={insert} />
      </section>
      {blockId && <Preview form={form} blockId={blockId} channel={channel} />}
    </div>
  );
}
