'use client';
// Audit → Webhook logs: failed delivery attempts (or every attempt), filtered through the URL, with
// the chart above, replay per row or for the whole filter, and a CSV export of what is shown.
import { useState } from 'react';
import { filterToSearchParams, type LogFilter, type LogRow } from '@/lib/logs/schema';
import type { EndpointView } from '@/lib/endpoints/schema';
import { PageHeader } from '@/components/ui/page-header';
import { LoadMoreFooter, QueryState } from '@/components/ui/query-table';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';
import { useBulkReplay, useLogs, useReplay, useWebhooks } from './use-webhook-logs';
import { useLogFilter } from './use-log-filter';
import { LogFilters } from './log-filters';
import { LogChart } from '@/components/logs/log-chart';
import { LogTable } from './log-table';

/** "webhook “CRM feed” · status 5xx · from 1 Nov, 10:00 · text “boom”": the scope of a bulk replay. */
function describeFilter(f: LogFilter, webhooks: EndpointView[] | undefined): string {
  const when = (iso: string) => new Date(iso).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  const name = f.endpointId && (webhooks?.find((w) => w.id === f.endpointId)?.name ?? `${f.endpointId.slice(0, 8)}…`);
  return [
    name ? `webhook “${name}”` : 'all webhooks',
    f.status && `status ${f.status}`,
    f.from && `from ${when(f.from)}`,
    f.to && `until ${when(f.to)}`,
    f.q && `text “${f.q}”`,
  ]
    .filter(Boolean)
    .join(' · ');
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

export function WebhookLogsScreen() {
  const [filter, setFilter] = useLogFilter();
  const logs = useLogs(filter);
  const replay = useReplay();
  const bulk = useBulkReplay();
  const webhooks = useWebhooks();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  // A delivery that already arrived goes out a second time on replay: that is asked first.
  const [redeliver, setRedeliver] = useState<LogRow | null>(null);
  const rows = logs.data?.pages.flatMap((p) => p.rows) ?? [];
  const qs = filterToSearchParams(filter).toString();

  async function replayOne(row: LogRow, confirmed = false) {
    if (!confirmed && (row.success || row.deliveryStatus === 'delivered')) return setRedeliver(row);
    try {
      const r = await replay.mutateAsync(row.id);
      toast(
        r.action === 'retried'
          ? `Retrying “${row.endpointName}” now: its oldest undelivered delivery goes first, the rest follow in order`
          : `Queued again at the end of “${row.endpointName}”’s queue`,
      );
      setRedeliver(null);
    } catch (err) {
      toast((err as Error).message, 'error');
    }
  }

  async function replayMatching() {
    try {
      const r = await bulk.mutateAsync(filter);
      const skipped = r.inactiveEndpoints ? `; ${plural(r.inactiveEndpoints, 'inactive webhook')} skipped` : '';
      toast(
        r.endpoints
          ? `Retrying ${plural(r.endpoints, 'webhook')} now (${plural(r.deliveries, 'undelivered delivery', 'undelivered deliveries')})${skipped}`
          : `Nothing to replay: every matching delivery has been delivered since${skipped}`,
      );
      setConfirming(false);
    } catch (err) {
      toast((err as Error).message, 'error');
    }
  }

  const actions = (
    <>
      <a
        href={`/api/logs/export.csv${qs ? `?${qs}` : ''}`}
        download
        className="inline-flex items-center rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-700 shadow-xs ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
      >
        Export CSV
      </a>
      <Button onClick={() => setConfirming(true)}>Replay failures…</Button>
    </>
  );

  return (
    <>
      <PageHeader
        title="Webhook logs"
        description="Failed delivery attempts: when, to which webhook, what the server answered and the payload sent. Replay sends a delivery again, in order."
        actions={actions}
      />
      <LogFilters filter={filter} onChange={setFilter} />
      <LogChart filter={filter} />
      <QueryState
        query={logs}
        what="logs"
        isEmpty={rows.length === 0}
        empty={
          filter.all ? (
                <p className="font-medium text-slate-900">No attempts match these filters</p>
              ) : (
                <>
                  <p className="font-medium text-slate-900">No failed deliveries in this range</p>
                  <p className="mx-auto mt-1 max-w-md text-sm text-slate-500">Switch on Show all attempts to see successes and test requests too.</p>
                  <div className="mt-4">
                    <Button variant="secondary" onClick={() => setFilter({ all: true })}>
                      Show all attempts
                    </Button>
                  </div>
                </>
              )
        }
      >
        <>
            <div className={logs.isPlaceholderData ? 'opacity-60 transition-opacity' : ''}>
              <LogTable rows={rows} onReplay={replayOne} replayingId={replay.isPending ? (replay.variables ?? null) : null} />
            </div>
            <LoadMoreFooter query={logs} shown={`${plural(rows.length, filter.all ? 'attempt' : 'failed attempt')} shown`}>
                <Button variant="ghost" size="sm" onClick={() => logs.refetch()} loading={logs.isRefetching && !logs.isFetchingNextPage}>
                  Refresh
                </Button>
            </LoadMoreFooter>
        </>
      </QueryState>
      <ConfirmDialog
        open={redeliver !== null}
        title="Deliver this again?"
        description={
          redeliver && (
            <>
              {redeliver.success ? `This attempt was delivered: the server answered ${redeliver.responseStatus}.` : 'This delivery has been delivered since.'} Replaying sends
              the same payload to “{redeliver.endpointName}” again, so your system receives it a second time.
            </>
          )
        }
        confirmLabel="Deliver again"
        loading={replay.isPending}
        onConfirm={() => redeliver && replayOne(redeliver, true)}
        onClose={() => setRedeliver(null)}
      />
      <ConfirmDialog
        open={confirming}
        title="Replay failed deliveries matching the filter?"
        description={
          <>
            <span className="block">
              Every webhook with an undelivered delivery among the failures matching the filter is retried now. Its deliveries go out in order, oldest first;
              deliveries that have succeeded since are not sent again, and test requests never are.
            </span>
            <span className="mt-2 block font-medium text-slate-700">Filter: {describeFilter(filter, webhooks.data)}</span>
          </>
        }
        confirmLabel="Replay"
        loading={bulk.isPending}
        onConfirm={replayMatching}
        onClose={() => setConfirming(false)}
      />
    </>
  );
}
