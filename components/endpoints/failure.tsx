'use client';
// Why a webhook is failing, where a marketer looks (list row, edit page, home): the last error
// (HTTP status or network error, and when), how much waits behind it, *Retry now* and its logs.
import Link from 'next/link';
import type { EndpointView } from '@/lib/endpoints/schema';
import { filterToSearchParams } from '@/lib/logs/schema';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';
import { formatDateTime } from '@/components/ui/format';
import { useRetryNow } from './use-retry-now';

type Failing = Pick<EndpointView, 'id' | 'name' | 'state' | 'blockedSince' | 'waiting' | 'lastError' | 'nextAttemptAt'>;

/** The Webhook logs filtered to this webhook's failed attempts. */
export const logsHref = (endpointId: string) => `/audit/webhook-logs?${filterToSearchParams({ endpointId })}`;

/** "HTTP 418" or "Connection refused"; the engine stores one or the other. */
export const errorText = (e: NonNullable<EndpointView['lastError']>) => (e.status !== null && !/\b\d{3}\b/.test(e.message) ? `HTTP ${e.status}: ${e.message}` : e.message);

function RetryNow({ endpoint, size }: { endpoint: Failing; size: 'sm' | 'md' }) {
  const retry = useRetryNow();
  const toast = useToast();
  return (
    <Button
      variant="secondary"
      size={size}
      loading={retry.isPending}
      onClick={async () => {
        try {
          await retry.mutateAsync(endpoint.id);
          toast(`Retrying “${endpoint.name}” now`);
        } catch (err) {
          toast((err as Error).message, 'error');
        }
      }}
    >
      Retry now
    </Button>
  );
}

/** Under the state badge of a list row. */
export function FailureLine({ endpoint }: { endpoint: Failing }) {
  if (endpoint.state !== 'failing') return null;
  return (
    <div className="mt-1 space-y-1 text-xs" data-testid="last-error">
      {endpoint.lastError && (
        <p className="text-red-700">
          {errorText(endpoint.lastError)} <span className="text-slate-500">· {formatDateTime(endpoint.lastError.at)}</span>
        </p>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <RetryNow endpoint={endpoint} size="sm" />
        <Link href={logsHref(endpoint.id)} className="font-medium text-indigo-700 hover:underline">
          Logs
        </Link>
      </div>
    </div>
  );
}

/** The banner on a webhook's own page. */
export function FailureBanner({ endpoint }: { endpoint: Failing }) {
  if (endpoint.state !== 'failing') return null;
  return (
    <div role="alert" data-testid="failure-banner" className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-200 ring-inset">
      <p className="font-medium">Failing since {formatDateTime(endpoint.blockedSince)}</p>
      <p className="mt-1">
        {endpoint.lastError ? (
          <>
            Last attempt {formatDateTime(endpoint.lastError.at)}: <span className="font-medium">{errorText(endpoint.lastError)}</span>.{' '}
          </>
        ) : null}
        {endpoint.waiting} {endpoint.waiting === 1 ? 'activity waits' : 'activities wait'} behind it
        {endpoint.nextAttemptAt ? `; next try ${formatDateTime(endpoint.nextAttemptAt)}` : ''}.
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <RetryNow endpoint={endpoint} size="sm" />
        <Link href={logsHref(endpoint.id)} className="text-sm font-medium text-red-800 underline hover:text-red-900">
          See its Webhook logs
        </Link>
      </div>
    </div>
  );
}
