'use client';
// Send test, step by step: 1) the data (a contact when the webhook reads ${contact.…}, an event —
// received or typed — when it reads ${…}); 2) the resolved request; 3) the answer, and how to use it.
import { useState } from 'react';
import type { RequestWebhookInput } from '@/lib/templates/schema';
import { responseExpression, suggestPaths } from '@/lib/templates/expression';
import { previewDataExpression } from '@/lib/workflows/context';
import type { RequestTestResult, ResolvedRequest, TestData } from '@/lib/request-webhooks/types';
import { contactDisplayName, type ContactView } from '@/lib/contacts/schema';
import { Button } from '@/components/ui/button';
import { Banner } from '@/components/ui/banner';
import { ContactPicker } from '@/components/contacts/contact-picker';
import { EventPicker } from '@/components/events/event-picker';
import { TypeBadge } from '@/components/events/event-parts';
import type { EventView } from '@/lib/events/schema';
import { formatDateTime, prettyBody } from '@/components/ui/format';
import { useResolveRequest, useSendTestRequest } from './use-request-webhooks';

type Step = 'data' | 'preview' | 'response';

const code = 'max-h-64 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed whitespace-pre-wrap break-all text-slate-100';

function RequestView({ r }: { r: ResolvedRequest }) {
  return (
    <div className="space-y-2">
      <p className="font-mono text-xs break-all">
        <span className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 font-semibold">{r.method}</span>
        <span data-testid="resolved-url">{r.url}</span>
      </p>
      <pre className={code} data-testid="resolved-request">
        {Object.entries(r.headers)
          .map(([k, v]) => `${k}: ${v}`)
          .join('\n')}
        {r.body !== null ? `\n\n${prettyBody(r.body)}` : ''}
      </pre>
      {r.missing.length > 0 && <Banner tone="warning">No value for {r.missing.map((m) => '${' + m + '}').join(', ')}: they are sent empty.</Banner>}
      {r.errors.map((e) => (
        <Banner key={e.field + e.message} tone="error">
          {e.message}
        </Banner>
      ))}
    </div>
  );
}

/** The $data expressions that read a webhook's answer, each with the value it gives; a click picks one. */
export function ResponseSuggestions({ name, json, onPick, limit = 12 }: { name: string; json: unknown; onPick: (expression: string) => void; limit?: number }) {
  const paths = suggestPaths(json, limit);
  if (paths.length === 0) return null;
  return (
    <ul className="space-y-1 text-xs">
      {paths.map((p) => (
        <li key={p.path.join('.')} className="flex min-w-0 gap-3">
          <button type="button" className="shrink-0 font-mono break-all text-indigo-700 hover:underline" onClick={() => onPick(responseExpression(name, p.path))}>
            {responseExpression(name, p.path)}
          </button>
          <span className="truncate text-slate-500">→ {p.value}</span>
        </li>
      ))}
    </ul>
  );
}

function UseResponse({ name, json }: { name: string; json: unknown }) {
  const paths = suggestPaths(json, 12);
  const [expr, setExpr] = useState(paths[0] ? responseExpression(name, paths[0].path) : `$data.get('${name}')`);
  // The same Velocity renderer as messages: $mathTool, #if … work in the preview too.
  const result = previewDataExpression(expr, name, json);
  return (
    <section className="space-y-3 rounded-md bg-slate-50 p-4 ring-1 ring-slate-200">
      <h3 className="text-sm font-semibold text-slate-900">Use the response in a message</h3>
      <ResponseSuggestions name={name} json={json} onPick={setExpr} />
      <div>
        <label htmlFor="expr" className="block text-xs font-medium text-slate-600">
          Preview an expression ($data…, $!data…, $mathTool…)
        </label>
        <input
          id="expr"
          value={expr}
          onChange={(e) => setExpr(e.target.value)}
          className="mt-1 block w-full rounded-md border-0 px-3 py-2 font-mono text-xs ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-500 focus:outline-none"
        />
        <p className="mt-1 text-xs" data-testid="expression-result">
          {result.ok ? (
            <>
              Renders as: <span className="font-mono font-medium text-slate-900">{result.value === '' ? '(empty)' : result.value}</span>
            </>
          ) : (
            <span className="text-red-600">{result.error}</span>
          )}
        </p>
      </div>
    </section>
  );
}

export function TestFlow({
  webhook,
  webhookId,
  variables,
  onBack,
}: {
  webhook: RequestWebhookInput;
  webhookId?: string;
  variables: { event: string[]; contact: string[] };
  onBack: () => void;
}) {
  const needsContact = variables.contact.length > 0;
  const needsEvent = variables.event.length > 0;
  const [step, setStep] = useState<Step>('data');
  const [contact, setContact] = useState<ContactView | null>(null);
  const [event, setEvent] = useState<EventView | null>(null);
  const eventId = event?.id ?? null;
  const [eventMode, setEventMode] = useState<'received' | 'typed'>('received');
  const [typed, setTyped] = useState(() => JSON.stringify(Object.fromEntries(variables.event.map((v) => [v, ''])), null, 2));
  const [typedError, setTypedError] = useState<string | null>(null);
  const resolve = useResolveRequest();
  const send = useSendTestRequest();

  function data(): TestData | null {
    const d: TestData = {};
    if (needsContact && contact) d.contactId = contact.id;
    if (needsEvent) {
      if (eventMode === 'received' && eventId) d.eventId = eventId;
      if (eventMode === 'typed') {
        try {
          const parsed = JSON.parse(typed) as Record<string, unknown>;
          if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('Type a JSON object of parameters');
          d.event = Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
        } catch (err) {
          setTypedError((err as Error).message);
          return null;
        }
      }
    }
    setTypedError(null);
    return d;
  }
  const ready = (!needsContact || contact) && (!needsEvent || eventMode === 'typed' || eventId);

  const next = async () => {
    const d = data();
    if (!d) return;
    await resolve.mutateAsync({ webhook, data: d, id: webhookId }).then(() => setStep('preview'), () => undefined);
  };
  const sendNow = async () => {
    const d = data();
    if (!d) return;
    await send.mutateAsync({ webhook, data: d, id: webhookId }).then(() => setStep('response'), () => undefined);
  };
  const result: RequestTestResult | undefined = send.data;

  return (
    <div className="space-y-4">
      {/* The seed: one Back arrow (top left) to the form, then Done. */}
      <button type="button" onClick={onBack} className="flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900">
        <span aria-hidden>←</span> Back to the form
      </button>

      {step === 'data' && (
        <>
          {!needsContact && !needsEvent && <p className="text-sm text-slate-600">This webhook uses no variables: the request is sent as written.</p>}
          {needsContact && (
            <section className="space-y-2">
              <h3 className="text-sm font-semibold text-slate-900">Select contact</h3>
              <p className="text-xs text-slate-500">Uses {variables.contact.map((v) => '${contact.' + v + '}').join(', ')}.</p>
              {contact ? (
                <div className="flex items-center justify-between rounded-md bg-indigo-50 px-3 py-2 text-sm">
                  <span data-testid="chosen-contact">
                    Contact: <span className="font-medium">{contactDisplayName(contact)}</span>
                  </span>
                  <Button variant="ghost" size="sm" onClick={() => setContact(null)}>
                    Change
                  </Button>
                </div>
              ) : (
                <ContactPicker onPick={setContact} />
              )}
            </section>
          )}
          {needsEvent && (
            <section className="space-y-2">
              <h3 className="text-sm font-semibold text-slate-900">Event data</h3>
              <p className="text-xs text-slate-500">Uses {variables.event.map((v) => '${' + v + '}').join(', ')}.</p>
              <div className="flex gap-4 text-sm">
                <label className="flex items-center gap-1.5">
                  <input type="radio" checked={eventMode === 'received'} onChange={() => setEventMode('received')} className="accent-indigo-600" /> A received event
                </label>
                <label className="flex items-center gap-1.5">
                  <input type="radio" checked={eventMode === 'typed'} onChange={() => setEventMode('typed')} className="accent-indigo-600" /> Type the parameters
                </label>
              </div>
              {eventMode === 'received' ? (
                event ? (
                  <div className="flex items-center justify-between gap-3 rounded-md bg-indigo-50 px-3 py-2 text-sm">
                    <span data-testid="chosen-event" className="flex min-w-0 flex-wrap items-center gap-2">
                      <TypeBadge eventTypeKey={event.eventTypeKey} />
                      {event.keyValue && <span className="truncate font-medium">{event.keyValue}</span>}
                      <span className="text-xs text-slate-500">received {formatDateTime(event.receivedAt)}</span>
                    </span>
                    <Button variant="ghost" size="sm" onClick={() => setEvent(null)}>
                      Change
                    </Button>
                  </div>
                ) : (
                  <EventPicker onPick={setEvent} />
                )
              ) : (
                <div>
                  <label htmlFor="typed-event" className="sr-only">
                    Event parameters
                  </label>
                  <textarea id="typed-event" rows={5} value={typed} onChange={(e) => setTyped(e.target.value)} spellCheck={false} className={`${code} w-full bg-white text-slate-800 ring-1 ring-slate-300`} />
                  {typedError && <p className="mt-1 text-xs text-red-600">{typedError}</p>}
                </div>
              )}
            </section>
          )}
          {resolve.isError && <Banner tone="error">{resolve.error.message}</Banner>}
          <div className="flex justify-end">
            <Button onClick={next} disabled={!ready} loading={resolve.isPending}>
              Next
            </Button>
          </div>
        </>
      )}

      {step === 'preview' && resolve.data && (
        <>
          <h3 className="text-sm font-semibold text-slate-900">The request</h3>
          <RequestView r={resolve.data} />
          {send.isError && <Banner tone="error">{send.error.message}</Banner>}
          <div className="flex justify-end gap-2">
            <Button variant="ghost" onClick={() => setStep('data')}>
              Change test data
            </Button>
            <Button onClick={sendNow} loading={send.isPending} disabled={resolve.data.errors.length > 0}>
              Send request
            </Button>
          </div>
        </>
      )}

      {step === 'response' && result && (
        <>
          {result.ok ? (
            <Banner tone="success" title={`The server answered ${result.response?.status} in ${result.response?.durationMs} ms`} />
          ) : (
            // An HTTP failure is said once, in the title; a network failure needs its reason.
            <Banner tone="error" title={result.response ? `The server answered ${result.response.status}` : 'No answer'}>
              {result.response ? undefined : result.error?.message}
            </Banner>
          )}
          {result.response && (
            <div className="space-y-2">
              <h3 className="text-sm font-semibold text-slate-900">Response</h3>
              <pre className={code} data-testid="test-response">
                {Object.entries(result.response.headers)
                  .map(([k, v]) => `${k}: ${v}`)
                  .join('\n')}
                {`\n\n${prettyBody(result.response.body)}`}
              </pre>
            </div>
          )}
          {result.ok && result.response?.json !== null && result.response?.json !== undefined && <UseResponse name={webhook.name} json={result.response.json} />}
          <div className="flex justify-end gap-2">
            <Button variant="ghost" onClick={() => setStep('data')}>
              Change test data
            </Button>
            <Button variant="secondary" onClick={sendNow} loading={send.isPending}>
              Send again
            </Button>
          </div>
        </>
      )}
    </div>
  );
}
