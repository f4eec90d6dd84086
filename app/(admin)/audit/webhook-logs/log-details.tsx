'use client';
// An expanded log row: the request as sent (headers masked when logged, the body pretty-printed)
// and the server's answer.
import type { LogDetail } from '@/lib/logs/schema';
import { Banner } from '@/components/ui/banner';
import { prettyBody } from '@/components/ui/format';
import { CopyButton } from '@/components/ui/copy-button';
import { useLogDetail } from './use-webhook-logs';


const headerLines = (headers: Record<string, string>) =>
  Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');

function Block({ title, copy, copyLabel, children }: { title: string; copy: string; copyLabel: string; children: string }) {
  return (
    <section className="min-w-0">
      <div className="mb-1 flex items-center justify-between gap-2">
        <h4 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</h4>
        {copy && <CopyButton text={copy} label={copyLabel} />}
      </div>
      <pre className="max-h-72 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed break-words whitespace-pre-wrap text-slate-100">
        {children || '(empty)'}
      </pre>
    </section>
  );
}

function deliveryNote(log: LogDetail): string {
  if (log.isTest) return 'A test request sent from the webhook’s settings. Tests are not replayable.';
  if (log.deliveryStatus === 'pending') return `Attempt ${log.attemptNo} of a delivery that is still pending: the webhook keeps retrying it, and later deliveries wait behind it.`;
  if (log.deliveryStatus === 'delivered') return log.success ? `Delivered on attempt ${log.attemptNo}.` : `Attempt ${log.attemptNo} failed; the delivery has succeeded since.`;
  return '';
}

export function LogDetails({ id }: { id: string }) {
  const detail = useLogDetail(id);
  if (detail.isPending) return <p className="text-sm text-slate-500">Loading the request and response…</p>;
  if (detail.isError) return <Banner tone="error" title="Could not load this attempt">{detail.error.message}</Banner>;
  const log = detail.data;
  const body = prettyBody(log.request.body);
  const response = log.response;
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">
        {deliveryNote(log)} <span className="text-slate-400">·</span> {log.durationMs} ms
      </p>
      {log.error && !response && <Banner tone="error" title={`No answer: ${log.errorKind ?? 'error'}`}>{log.error}</Banner>}
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="min-w-0 space-y-3">
          <Block title="Payload" copy={body} copyLabel="Copy payload">
            {body}
          </Block>
          <Block title="Request headers" copy="" copyLabel="">
            {`${log.request.method} ${log.request.url}\n${headerLines(log.request.headers)}`}
          </Block>
        </div>
        <div className="min-w-0 space-y-3">
          <Block title={response ? `Response · HTTP ${response.status}` : 'Response'} copy={response?.body ?? ''} copyLabel="Copy response">
            {response ? prettyBody(response.body) : 'No HTTP answer arrived.'}
          </Block>
          {response && (
            <Block title="Response headers" copy="" copyLabel="">
              {headerLines(response.headers)}
            </Block>
          )}
        </div>
      </div>
    </div>
  );
}
