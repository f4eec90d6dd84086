// The webhook receiver of `npm run bench`, in a process of its own (started by scripts/bench.ts with an
// IPC channel; not meant to be run by hand). A node:http server on 127.0.0.1 that answers 200 at once
// with keep-alive, except under /hang/…, where it reads the request and never answers (the client's
// timeout ends it). Requests are counted per group (the first path segment), with the number of
// activities they carried and the arrival time of the last one. With latency recording on, every
// activity's `benchSentAt` (ms since the epoch, set by the bench just before ingest) is turned into
// an ingest → arrival latency sample, and so is a `t=<ms>` query parameter (workflow webhook requests,
// whose URL carries the event's send time). The same server also listens on HTTPS (a self-signed
// certificate sent to the bench), for request webhooks, which are HTTPS only; arrival times of groups
// under /wf… are kept for the rate-limit figures.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { makeSelfSignedCert } from '../tests/support/tls';

type Group = { requests: number; activities: number; firstAt: number; lastAt: number };
export type ReceiverCommand = { id: number; cmd: 'stats' | 'reset' | 'latency-on' | 'latency-off' | 'latencies' | 'times'; group?: string };
export type ReceiverStats = { groups: Record<string, Group>; cpuMs: number; rssBytes: number };

const groups = new Map<string, Group>();
const times = new Map<string, number[]>();
let latencies: number[] | null = null;
const ACTIVITY_KEY = '"activityStatus":';

/** Activities in a body Hookline sent: one per top-level activityStatus (a JSON object or an array of them). */
function countActivities(body: string): number {
  let n = 0;
  for (let i = body.indexOf(ACTIVITY_KEY); i !== -1; i = body.indexOf(ACTIVITY_KEY, i + ACTIVITY_KEY.length)) n++;
  return n;
}

function record(group: string, body: string, at: number, url = '') {
  if (group.startsWith('wf')) {
    let list = times.get(group);
    if (!list) times.set(group, (list = []));
    list.push(at);
    const t = /[?&]t=(\d+)/.exec(url);
    if (t && latencies) latencies.push(at - Number(t[1]));
  }
  let g = groups.get(group);
  if (!g) {
    g = { requests: 0, activities: 0, firstAt: at, lastAt: at };
    groups.set(group, g);
  }
  g.requests++;
  g.lastAt = at;
  if (latencies) {
    try {
      const parsed = JSON.parse(body) as unknown;
      const items = (Array.isArray(parsed) ? parsed : [parsed]) as { benchSentAt?: unknown }[];
      g.activities += items.length;
      for (const item of items) if (typeof item?.benchSentAt === 'number') latencies.push(at - item.benchSentAt);
    } catch {
      g.activities += countActivities(body);
    }
  } else {
    g.activities += countActivities(body);
  }
}

const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
  const group = (req.url ?? '/').split('/')[1]?.split('?')[0] || 'root';
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    record(group, Buffer.concat(chunks).toString('utf8'), Date.now(), req.url);
    if (group === 'hang') return; // never answer; the client times out and drops the connection
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '11' });
    res.end('{"ok":true}');
  });
};
const pem = makeSelfSignedCert();
const server = http.createServer(listener);
const tlsServer = https.createServer({ key: pem.key, cert: pem.cert }, listener);
for (const s of [server, tlsServer]) {
  s.keepAliveTimeout = 120_000;
  s.headersTimeout = 130_000;
  s.requestTimeout = 0;
}

function reply(id: number, payload: object) {
  process.send?.({ id, ...payload });
}

process.on('message', (m: ReceiverCommand) => {
  switch (m.cmd) {
    case 'stats': {
      const cpu = process.cpuUsage();
      const stats: ReceiverStats = { groups: Object.fromEntries(groups), cpuMs: (cpu.user + cpu.system) / 1000, rssBytes: process.memoryUsage().rss };
      reply(m.id, stats);
      break;
    }
    case 'times':
      reply(m.id, { times: times.get(m.group ?? '') ?? [] });
      break;
    case 'reset':
      groups.clear();
      times.clear();
      latencies = null;
      reply(m.id, {});
      break;
    case 'latency-on':
      latencies = [];
      reply(m.id, {});
      break;
    case 'latency-off':
      latencies = null;
      reply(m.id, {});
      break;
    case 'latencies':
      reply(m.id, { latencies: latencies ?? [] });
      break;
  }
});
process.on('disconnect', () => {
  server.closeAllConnections();
  server.close();
  tlsServer.closeAllConnections();
  tlsServer.close();
  process.exit(0);
});

server.listen(0, '127.0.0.1', () => {
  tlsServer.listen(0, '127.0.0.1', () => {
    process.send?.({ ready: true, port: (server.address() as AddressInfo).port, tlsPort: (tlsServer.address() as AddressInfo).port, cert: pem.cert });
  });
});
