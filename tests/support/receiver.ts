// A real webhook receiver on 127.0.0.1 (HTTP or HTTPS) that records every request and answers as the
// test tells it to. Used by integration and end-to-end tests instead of any network mock.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { makeSelfSignedCert } from './tls';

export type Received = { method: string; path: string; headers: http.IncomingHttpHeaders; body: string; at: number };
export type Reply = { status?: number; headers?: Record<string, string>; body?: string; delayMs?: number; hang?: boolean };
export type Handler = (req: Received, index: number) => Reply | Promise<Reply>;

export type Receiver = {
  url: string;
  requests: Received[];
  /** Resolves once `n` requests have arrived (rejects after timeoutMs). */
  waitFor: (n: number, timeoutMs?: number) => Promise<Received[]>;
  setHandler: (h: Handler) => void;
  cert?: string;
  close: () => Promise<void>;
};

export async function startReceiver(
  handler: Handler = () => ({ status: 200 }),
  { tls = false, pem: givenPem }: { tls?: boolean; pem?: { key: string; cert: string } } = {},
): Promise<Receiver> {
  const requests: Received[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  let current = handler;
  const pem = givenPem ?? (tls ? makeSelfSignedCert() : undefined);

  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const received: Received = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      const index = requests.push(received) - 1;
      for (const w of waiters.filter((w) => requests.length >= w.n)) w.resolve();
      const reply = await current(received, index);
      if (reply.hang) return; // never answer
      if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
      if (res.destroyed) return;
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body ?? '{"ok":true}');
    });
  };
  const server = pem ? https.createServer({ key: pem.key, cert: pem.cert }, listener) : http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `${pem ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    cert: pem?.cert,
    setHandler: (h) => {
      current = h;
    },
    waitFor: (n, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        if (requests.length >= n) return resolve(requests);
        const timer = setTimeout(() => reject(new Error(`receiver got ${requests.length} of ${n} requests within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ n, resolve: () => (clearTimeout(timer), resolve(requests)) });
      }),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
