'use client';
// "Test an integration": an editable demo body (the seeds' example activities), one POST sent now
// with the export's headers, auth and signature, then the answer with request/response details.
// From the edit page it tests the form as it is on screen (`settings`), and *Save and close* saves
// that form (`onSaveAndClose`); from the list it tests the saved export and only closes.
import { useState } from 'react';
import { DEMO_BODY } from '@/lib/activities/demo-body';
import { testBodySchema, type TestResult, type TestSettings } from '@/lib/endpoints/send-test-schema';
import type { EndpointView } from '@/lib/endpoints/schema';
import { Dialog } from '@/components/ui/dialog';
import { Button } from '@/components/ui/button';
import { Banner } from '@/components/ui/banner';
import { prettyBody } from '@/components/ui/format';
import { CopyButton } from '@/components/ui/copy-button';
import { useSendTest } from './use-exports';

function headerLines(headers: Record<string, string>) {
  return Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
}

export function requestText(r: TestResult) {
  return `${r.request.method} ${r.request.url}\n${headerLines(r.request.headers)}\n\n${r.request.body}`;
}
export function responseText(r: TestResult) {
  if (!r.response) return r.error?.message ?? '';
  return `HTTP ${r.response.status} (${r.response.durationMs} ms)\n${headerLines(r.response.headers)}\n\n${r.response.body}`;
}

function Block({ title, text, copyLabel }: { title: string; text: string; copyLabel: string }) {
  return (
    <section className="min-w-0 flex-1">
      <div className="mb-1 flex items-center justify-between">
        <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</h3>
        <CopyButton text={text} label={copyLabel} />
      </div>
      <pre className="max-h-64 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed whitespace-pre-wrap text-slate-100">{text}</pre>
    </section>
  );
}

export function SendTestDialog({
  endpoint,
  settings,
  onClose,
  onSaveAndClose,
  saving,
}: {
  endpoint: Pick<EndpointView, 'id' | 'name' | 'url'>;
  settings?: TestSettings;
  onClose: () => void;
  onSaveAndClose?: () => void;
  saving?: boolean;
}) {
  const [body, setBody] = useState(DEMO_BODY);
  const send = useSendTest(endpoint.id, settings);
  const result = send.data;
  const check = testBodySchema.safeParse(body);
  const jsonError = check.success ? null : check.error.issues[0]?.message;

  const submit = () => {
    if (check.success) send.mutate(body);
  };

  return (
    <Dialog
      open
      onClose={onClose}
      width="max-w-3xl"
      title="Test an integration"
      description={
        <>
          One POST to <span className="font-mono text-xs break-all">{settings?.url ?? endpoint.url}</span> now, with this export’s headers, authentication and signature.
        </>
      }
      footer={
        result ? (
          <>
            <Button variant="secondary" onClick={submit} loading={send.isPending}>
              Retry
            </Button>
            {onSaveAndClose ? (
              <Button onClick={onSaveAndClose} loading={saving}>
                Save and close
              </Button>
            ) : (
              <Button onClick={onClose}>Close</Button>
            )}
          </>
        ) : (
          <>
            <Button variant="secondary" onClick={onClose}>
              Cancel
            </Button>
            <Button onClick={submit} loading={send.isPending} disabled={!check.success}>
              Submit
            </Button>
          </>
        )
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        className="space-y-4"
      >
        <div>
          <label htmlFor="test-body" className="block text-sm font-medium text-slate-700">
            Request body
          </label>
          <textarea
            id="test-body"
            value={body}
            onChange={(e) => setBody(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit();
            }}
            spellCheck={false}
            rows={12}
            aria-invalid={jsonError ? true : undefined}
            aria-describedby="test-body-help"
            className={`mt-1 block w-full rounded-md border-0 p-3 font-mono text-xs shadow-xs ring-1 ring-inset focus:ring-2 focus:outline-none ${
              jsonError ? 'ring-red-400 focus:ring-red-500' : 'ring-slate-300 focus:ring-indigo-500'
            }`}
          />
          <p id="test-body-help" className={`mt-1 text-xs ${jsonError ? 'text-red-600' : 'text-slate-500'}`}>
            {jsonError ?? 'Demo activities from several channels; edit freely. Ctrl+Enter sends.'}
          </p>
        </div>
        {send.isError && <Banner tone="error">{send.error.message}</Banner>}
        {result && (
          <>
            {result.ok ? (
              <Banner tone="success" title={`Success: the server answered ${result.response?.status}`}>
                The export is working. Real activities will arrive the same way.
              </Banner>
            ) : (
              <Banner tone="error" title={result.response ? `Failed: the server answered ${result.response.status}` : `Failed: ${result.error?.message}`}>
                Check the URL, the authentication and that your server accepts POST requests with a JSON body.
              </Banner>
            )}
            <details key={String(result.ok) + (result.response?.durationMs ?? '')} open={!result.ok} className="rounded-md ring-1 ring-slate-200">
              <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-700">Details</summary>
              <div className="flex flex-col gap-4 border-t border-slate-200 p-3 lg:flex-row">
                <Block title="Request" text={`${requestText(result).split('\n\n')[0]}\n\n${prettyBody(result.request.body)}`} copyLabel="Copy request" />
                <Block title={result.response ? `Response · ${result.response.durationMs} ms` : 'Response'} text={responseText(result)} copyLabel="Copy response" />
              </div>
            </details>
          </>
        )}
      </form>
    </Dialog>
  );
}
