// Serving the metrics: the Prometheus text of this process's counters plus the scrape-time gauges of
// ./sources.ts, for GET /api/metrics and for a worker's HOOKLINE_WORKER_METRICS_PORT.
//
// `npm start` runs its delivery worker in the parent process of the Next server, so the route would
// not see that worker's counters: the parent serves them as JSON on a loopback port under a random
// path (HOOKLINE_PARENT_METRICS_URL, set for the Next child only), and the route adds them in
// (prom-client's AggregatorRegistry: counters and histograms summed).
import http from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { AggregatorRegistry, Gauge, Registry, type MetricObjectWithValues, type MetricValue } from 'prom-client';
import { config } from '@/lib/config';
import { logger } from '@/lib/log';
import { metrics } from './index';
import { METRIC_SOURCES, newScrape } from './sources';

type Json = MetricObjectWithValues<MetricValue<string>>[];

const PARENT_ENV = 'HOOKLINE_PARENT_METRICS_URL';

function sourcesRegistry(): Registry {
  const registry = new Registry();
  const scrape = newScrape();
  for (const source of METRIC_SOURCES) {
    new Gauge({
      name: source.name,
      help: source.help,
      labelNames: source.labelNames ?? [],
      registers: [registry],
      async collect() {
        this.reset();
        for (const s of await source.collect(scrape)) {
          if (s.labels) this.set(s.labels, s.value);
          else this.set(s.value);
        }
      },
    });
  }
  return registry;
}

async function parentMetrics(): Promise<Json[]> {
  const url = process.env[PARENT_ENV];
  if (!url) return [];
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return res.ok ? [(await res.json()) as Json] : [];
  } catch (err) {
    logger().warn({ err: (err as Error).message }, 'in-process worker metrics unreachable');
    return [];
  }
}

export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

/** The whole exposition: this process, the parent's worker (under npm start), the scrape-time gauges. */
export async function metricsText(): Promise<string> {
  const [own, gauges, parent] = await Promise.all([
    metrics().registry.getMetricsAsJSON() as Promise<Json>,
    sourcesRegistry().getMetricsAsJSON() as Promise<Json>,
    parentMetrics(),
  ]);
  return AggregatorRegistry.aggregate([own, gauges, ...parent]).metrics();
}

function tokenOk(req: http.IncomingMessage, token: string | undefined): boolean {
  if (!token) return true;
  const given = Buffer.from(req.headers.authorization?.replace(/^Bearer\s+/i, '') ?? '');
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

export type MetricsServer = { url: string; close: () => Promise<void> };

/** A worker's metrics port: GET /metrics, the same text as /api/metrics (Bearer HOOKLINE_METRICS_TOKEN when set). */
export async function serveMetrics(port: number, host = '0.0.0.0'): Promise<MetricsServer> {
  const token = config().HOOKLINE_METRICS_TOKEN;
  return listen(port, host, async (req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') return void res.writeHead(404).end();
    if (!tokenOk(req, token)) return void res.writeHead(401, { 'www-authenticate': 'Bearer' }).end();
    res.writeHead(200, { 'content-type': METRICS_CONTENT_TYPE }).end(await metricsText());
  });
}

/** Under npm start: this process's own counters as JSON for the Next child, on loopback under a random
 *  path. Sets HOOKLINE_PARENT_METRICS_URL in process.env, which the child inherits. */
export async function serveToChild(): Promise<MetricsServer> {
  const path = `/${randomBytes(16).toString('hex')}/metrics.json`;
  const server = await listen(0, '127.0.0.1', async (req, res) => {
    if (req.method !== 'GET' || req.url !== path) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(await metrics().registry.getMetricsAsJSON()));
  });
  process.env[PARENT_ENV] = `${server.url}${path}`;
  return server;
}

async function listen(port: number, host: string, handle: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>): Promise<MetricsServer> {
  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      logger().error({ err: (err as Error).message }, 'metrics scrape failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${bound}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
