// Hookline's Prometheus metrics (prom-client): the counters and histogram the engine and ingest feed,
// and the one-line hooks they call, which also write the worker's log lines (claims and attempts at
// debug level, failures with their retry at warn), so the engine carries no instrumentation of its own. Gauges read from the database at scrape time are in ./sources.ts;
// serving (the /api/metrics route, a worker's metrics port) is in ./expose.ts.
//
// Metrics are on when something can scrape them: HOOKLINE_METRICS_TOKEN (the app's route) or
// HOOKLINE_WORKER_METRICS_PORT (a worker's port). Off, the hooks return at once, so an instance that
// does not opt in pays nothing but a cached config read (README → Metrics has the bench figures).
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { config } from '@/lib/config';
import type { OutboundResult } from '@/lib/http/outbound';
import { logger } from '@/lib/log';

/** What a delivery hook needs to know about the endpoint and the request it sent. */
export type AttemptInfo = { kind: string; endpointId: string; deliveryId: string; attemptNo: number };

function build() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'hookline_' });
  const registers = [registry];
  return {
    registry,
    attempts: new Counter({
      name: 'hookline_attempts_total',
      help: 'HTTP attempts to deliver, by outcome (success, http_error, or the error kind: timeout, network, refused …) and endpoint kind',
      labelNames: ['outcome', 'kind'] as const,
      registers,
    }),
    deliveries: new Counter({
      name: 'hookline_deliveries_total',
      help: 'Deliveries by outcome: formed (batched from queued activities), delivered (2xx), retry_scheduled (failed attempt), by endpoint kind',
      labelNames: ['outcome', 'kind'] as const,
      registers,
    }),
    latency: new Histogram({
      name: 'hookline_attempt_duration_seconds',
      help: 'Duration of delivery attempts, by endpoint kind',
      labelNames: ['kind'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    ingested: new Counter({
      name: 'hookline_activities_ingested_total',
      help: 'Activities accepted by the ingest API',
      registers,
    }),
    claims: new Counter({
      name: 'hookline_worker_claims_total',
      help: 'Endpoints claimed by the delivery workers of this process',
      registers,
    }),
    runsEnded: new Counter({
      name: 'hookline_workflow_runs_ended_total',
      help: 'Workflow runs ended by the workers of this process, by outcome (completed, failed, skipped)',
      labelNames: ['outcome'] as const,
      registers,
    }),
  };
}

type Metrics = ReturnType<typeof build>;
const holder = globalThis as unknown as { hooklineMetrics?: Metrics };

/** The process's metrics (one set per process, also across Next's module instances). */
export function metrics(): Metrics {
  return (holder.hooklineMetrics ??= build());
}

/** Whether anything can scrape this process, i.e. whether the hooks record. */
export function metricsEnabled(): boolean {
  const c = config();
  return Boolean(c.HOOKLINE_METRICS_TOKEN || c.HOOKLINE_WORKER_METRICS_PORT);
}

/** The engine sent a request (success or not). */
export function observeAttempt(a: AttemptInfo, res: OutboundResult): void {
  const log = logger();
  if (log.isLevelEnabled('debug')) {
    log.debug({ endpointId: a.endpointId, deliveryId: a.deliveryId, attempt: a.attemptNo, status: res.status, durationMs: Math.round(res.durationMs), ok: res.ok }, 'attempt');
  }
  if (!metricsEnabled()) return;
  const m = metrics();
  const outcome = res.ok ? 'success' : (res.error?.kind ?? 'http_error');
  m.attempts.inc({ outcome, kind: a.kind });
  m.latency.observe({ kind: a.kind }, res.durationMs / 1000);
  if (res.ok) m.deliveries.inc({ outcome: 'delivered', kind: a.kind });
}

/** The engine scheduled a retry after a failed attempt (the error message is ours, never the body). */
export function observeRetry(a: AttemptInfo, res: OutboundResult, retryInMs: number): void {
  logger().warn(
    { endpointId: a.endpointId, deliveryId: a.deliveryId, kind: a.kind, attempt: a.attemptNo, status: res.status, error: res.error?.kind ?? 'http_error', message: res.error?.message, retryInMs },
    'delivery failed; retry scheduled',
  );
  if (metricsEnabled()) metrics().deliveries.inc({ outcome: 'retry_scheduled', kind: a.kind });
}

/** The engine batched queued activities into `n` deliveries. */
export function observeFormed(kind: string, n: number): void {
  if (n > 0 && metricsEnabled()) metrics().deliveries.inc({ outcome: 'formed', kind }, n);
}

/** A worker claimed endpoints. */
export function observeClaims(worker: string, endpointIds: string[]): void {
  if (endpointIds.length === 0) return;
  logger().debug({ worker, endpointIds }, 'claimed');
  if (metricsEnabled()) metrics().claims.inc(endpointIds.length);
}

export function observeIngested(n: number): void {
  if (n > 0 && metricsEnabled()) metrics().ingested.inc(n);
}

/** The workflow engine ended a run (completed, failed or skipped). */
export function observeRunEnded(outcome: string): void {
  if (metricsEnabled()) metrics().runsEnded.inc({ outcome });
}
