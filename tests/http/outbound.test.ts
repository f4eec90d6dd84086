// The outbound client against real receivers on 127.0.0.1 (node:http / node:https with a self-signed
// certificate made by openssl at test time) — no network mocks, because timeouts, caps, TLS trust and
// the SSRF guard only mean something on real sockets.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeOutbound, sendRequest, setExtraCACertificates, userAgent } from '@/lib/http/outbound';
import { makeSelfSignedCert } from '../support/tls';
import { allowPrivateNetworks, isForbiddenAddress } from '@/lib/http/ssrf';
import packageJson from '@/package.json' with { type: 'json' };

type Seen = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string };

const seen: Seen[] = [];
const redirectTargetHits: string[] = [];
let base = '';
let httpsBase = '';
let redirectTarget = '';
let closedPort = 0;
let certPem = '';
const servers: http.Server[] = [];

function handler(req: http.IncomingMessage, res: http.ServerResponse) {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (c: string) => (body += c));
  req.on('end', () => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    switch (req.url) {
      case '/ok':
        res.writeHead(200, { 'content-type': 'text/plain', 'x-receiver': 'yes' }).end('hello');
        return;
      case '/echo':
        res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ method: req.method, headers: req.headers, body }));
        return;
      case '/fail':
        res.writeHead(500).end('boom');
        return;
      case '/redirect':
        res.writeHead(302, { location: `${redirectTarget}/landed` }).end();
        return;
      case '/big':
        res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(1024 * 1024));
        return;
      case '/endless': {
        // streams until the client goes away: only a client that stops reading finishes this test
        res.writeHead(200, { 'content-type': 'text/plain' });
        const chunk = 'y'.repeat(16 * 1024);
        const pump = () => {
          while (!res.destroyed && res.write(chunk));
          if (!res.destroyed) res.once('drain', pump);
        };
        res.on('error', () => {});
        pump();
        return;
      }
      case '/hang':
        return; // never answers
      case '/stall':
        // headers and part of the declared body, then nothing
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '10' }).write('abc');
        return;
      case '/reset':
        req.socket.destroy();
        return;
      default:
        res.writeHead(404).end();
    }
  });
}

async function listen(server: http.Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  base = `http://127.0.0.1:${await listen(http.createServer(handler))}`;
  const { key, cert } = makeSelfSignedCert();
  certPem = cert;
  httpsBase = `https://127.0.0.1:${await listen(https.createServer({ key, cert }, handler))}`;
  const target = http.createServer((req, res) => {
    redirectTargetHits.push(req.url ?? '');
    res.end('you should not be here');
  });
  redirectTarget = `http://127.0.0.1:${await listen(target)}`;
  const closed = http.createServer();
  closedPort = await listen(closed);
  servers.pop();
  await new Promise((resolve) => closed.close(resolve));
});

afterAll(async () => {
  await closeOutbound();
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

beforeEach(() => {
  seen.length = 0;
});

afterEach(() => {
  delete process.env.HOOKLINE_ALLOW_PRIVATE_NETWORKS;
  setExtraCACertificates(null);
});

/** The receivers live on loopback, so everything but the SSRF tests runs with private networks allowed. */
const allowPrivate = () => (process.env.HOOKLINE_ALLOW_PRIVATE_NETWORKS = '1');

describe('sendRequest', () => {
  beforeEach(allowPrivate);

  it('returns status, headers and body of a 200', async () => {
    const r = await sendRequest({ method: 'GET', url: `${base}/ok`, headers: {} });
    expect(r).toMatchObject({ ok: true, status: 200, body: 'hello', bodyTruncated: false, error: null });
    expect(r.headers['x-receiver']).toBe('yes');
    expect(r.headers['content-type']).toBe('text/plain');
    expect(r.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('treats a 500 as a failure with the status and body', async () => {
    const r = await sendRequest({ method: 'POST', url: `${base}/fail`, headers: {}, body: '{}' });
    expect(r).toMatchObject({ ok: false, status: 500, body: 'boom', error: null });
  });

  it('does not follow redirects', async () => {
    const r = await sendRequest({ method: 'POST', url: `${base}/redirect`, headers: {}, body: '{}' });
    expect(r.ok).toBe(false);
    expect(r.status).toBe(302);
    expect(r.error?.kind).toBe('redirect');
    expect(r.error?.message).toContain(`${redirectTarget}/landed`);
    expect(redirectTargetHits).toEqual([]);
  });

  it('gives up after timeoutMs when the receiver never answers', async () => {
    const r = await sendRequest({ method: 'POST', url: `${base}/hang`, headers: {}, body: '{}', timeoutMs: 300 });
    expect(r).toMatchObject({ ok: false, status: null, error: { kind: 'timeout', message: 'No answer within 0.3 s' } });
    expect(r.durationMs).toBeGreaterThanOrEqual(290);
    expect(r.durationMs).toBeLessThan(1500);
  });

  it('gives up after timeoutMs when the body stalls after the headers, keeping what came', async () => {
    const r = await sendRequest({ method: 'GET', url: `${base}/stall`, headers: {}, timeoutMs: 300 });
    expect(r).toMatchObject({ ok: false, status: 200, body: 'abc', error: { kind: 'timeout', message: 'Answer not complete within 0.3 s' } });
    expect(r.durationMs).toBeLessThan(1500);
  });

  it('reports a refused connection', async () => {
    const r = await sendRequest({ method: 'GET', url: `http://127.0.0.1:${closedPort}/`, headers: {} });
    expect(r).toMatchObject({ ok: false, status: null, headers: {}, error: { kind: 'refused', message: `Connection refused by 127.0.0.1:${closedPort}` } });
  });

  it('reports a connection the receiver drops', async () => {
    const r = await sendRequest({ method: 'POST', url: `${base}/reset`, headers: {}, body: '{}' });
    expect(r).toMatchObject({ ok: false, status: null, error: { kind: 'reset' } });
  });

  it('reads at most 64 KiB of the response body', async () => {
    const r = await sendRequest({ method: 'GET', url: `${base}/big`, headers: {} });
    expect(r).toMatchObject({ ok: true, status: 200, bodyTruncated: true, error: null });
    expect(r.body.length).toBe(65536);
    // the Agent still works after dropping the truncated connection
    expect((await sendRequest({ method: 'GET', url: `${base}/ok`, headers: {} })).ok).toBe(true);
  });

  it('stops reading an endless body at the cap', async () => {
    const r = await sendRequest({ method: 'GET', url: `${base}/endless`, headers: {}, timeoutMs: 2000 });
    expect(r).toMatchObject({ ok: true, status: 200, bodyTruncated: true, error: null });
    expect(r.body).toBe('y'.repeat(65536));
  });

  it('sends User-Agent Hookline/<version>, custom headers and the body', async () => {
    expect(userAgent()).toBe(`Hookline/${packageJson.version}`);
    const r = await sendRequest({
      method: 'PUT',
      url: `${base}/echo`,
      headers: { 'Content-Type': 'application/json', 'X-Custom': 'abc', Authorization: 'Basic dTpw' },
      body: '{"hello":"world"}',
    });
    expect(r.status).toBe(201);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'PUT', url: '/echo', body: '{"hello":"world"}' });
    expect(seen[0].headers).toMatchObject({
      'user-agent': `Hookline/${packageJson.version}`,
      'x-custom': 'abc',
      authorization: 'Basic dTpw',
      'content-type': 'application/json',
    });
  });

  it("keeps the caller's User-Agent", async () => {
    await sendRequest({ method: 'GET', url: `${base}/ok`, headers: { 'user-agent': 'Custom/1' } });
    expect(seen[0].headers['user-agent']).toBe('Custom/1');
  });

  it('rejects unparsable and non-http(s) URLs', async () => {
    expect((await sendRequest({ method: 'GET', url: 'not a url', headers: {} })).error?.kind).toBe('invalid_url');
    expect((await sendRequest({ method: 'GET', url: 'ftp://example.com/x', headers: {} })).error?.kind).toBe('invalid_url');
    expect((await sendRequest({ method: 'GET', url: 'file:///etc/passwd', headers: {} })).error?.kind).toBe('invalid_url');
  });
});

describe('HTTPS', () => {
  beforeEach(allowPrivate);

  it('works with a self-signed certificate trusted through setExtraCACertificates', async () => {
    setExtraCACertificates([certPem]);
    const r = await sendRequest({ method: 'POST', url: `${httpsBase}/echo`, headers: {}, body: 'secure' });
    expect(r).toMatchObject({ ok: true, status: 201, error: null });
    expect(seen[0]).toMatchObject({ method: 'POST', body: 'secure' });
  });

  it('refuses an untrusted certificate with kind tls', async () => {
    const r = await sendRequest({ method: 'GET', url: `${httpsBase}/ok`, headers: {} });
    expect(r).toMatchObject({ ok: false, status: null, error: { kind: 'tls' } });
    expect(r.error?.message).toMatch(/self-signed/i);
    expect(seen).toEqual([]);
  });
});

describe('SSRF guard', () => {
  it('reads HOOKLINE_ALLOW_PRIVATE_NETWORKS at call time', () => {
    expect(allowPrivateNetworks()).toBe(false);
    process.env.HOOKLINE_ALLOW_PRIVATE_NETWORKS = 'true';
    expect(allowPrivateNetworks()).toBe(true);
    process.env.HOOKLINE_ALLOW_PRIVATE_NETWORKS = '0';
    expect(allowPrivateNetworks()).toBe(false);
  });

  it('refuses a loopback IP and the receiver sees nothing', async () => {
    const r = await sendRequest({ method: 'POST', url: `${base}/ok`, headers: {}, body: '{}' });
    expect(r).toMatchObject({ ok: false, status: null, error: { kind: 'ssrf' } });
    expect(r.error?.message).toBe('Refused: 127.0.0.1 is a loopback address (set HOOKLINE_ALLOW_PRIVATE_NETWORKS=1 to allow)');
    expect(seen).toEqual([]);
  });

  it.each(['http://169.254.169.254/latest/meta-data/', 'http://10.1.2.3/', 'https://192.168.1.1/', 'http://[::ffff:127.0.0.1]/', 'http://0.0.0.0/', 'http://2130706433/'])(
    'refuses %s',
    async (url) => {
      const r = await sendRequest({ method: 'GET', url, headers: {} });
      expect(r.error?.kind).toBe('ssrf');
    },
  );

  it('refuses [::1]', async () => {
    const port = new URL(base).port;
    const r = await sendRequest({ method: 'GET', url: `http://[::1]:${port}/ok`, headers: {} });
    expect(r.error).toMatchObject({ kind: 'ssrf', message: expect.stringContaining('::1 is a loopback address') });
  });

  it('refuses a hostname that resolves to a private address (lookup path)', async () => {
    const port = new URL(base).port;
    const r = await sendRequest({ method: 'POST', url: `http://localhost:${port}/ok`, headers: {}, body: '{}' });
    expect(r).toMatchObject({ ok: false, status: null, error: { kind: 'ssrf' } });
    expect(r.error?.message).toMatch(/^Refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address \(set HOOKLINE_ALLOW_PRIVATE_NETWORKS=1 to allow\)$/);
    expect(seen).toEqual([]);
  });

  it('lets loopback through when HOOKLINE_ALLOW_PRIVATE_NETWORKS=1', async () => {
    allowPrivate();
    const port = new URL(base).port;
    expect((await sendRequest({ method: 'GET', url: `${base}/ok`, headers: {} })).ok).toBe(true);
    expect((await sendRequest({ method: 'GET', url: `http://localhost:${port}/ok`, headers: {} })).ok).toBe(true);
    expect(seen).toHaveLength(2);
  });

  it.each([
    ['127.0.0.1', true],
    ['127.255.0.9', true],
    ['::1', true],
    ['10.0.0.5', true],
    ['172.16.0.1', true],
    ['172.31.255.255', true],
    ['192.168.0.1', true],
    ['fc00::1', true],
    ['fd12:3456::1', true],
    ['169.254.169.254', true],
    ['fe80::1', true],
    ['fe80::1%eth0', true],
    ['100.64.0.1', true],
    ['224.0.0.1', true],
    ['ff02::1', true],
    ['0.0.0.0', true],
    ['::', true],
    ['255.255.255.255', true],
    ['240.0.0.1', true],
    ['::ffff:10.0.0.1', true],
    ['::ffff:127.0.0.1', true],
    ['::7f00:1', true],
    ['2002:a00:1::', true], // 6to4 around 10.0.0.1
    ['64:ff9b::a9fe:a9fe', true], // NAT64 around 169.254.169.254
    ['not-an-ip', true],
    ['8.8.8.8', false],
    ['1.1.1.1', false],
    ['172.32.0.1', false],
    ['100.128.0.1', false],
    ['2606:4700::1', false],
    ['::ffff:8.8.8.8', false],
    ['2002:808:808::', false], // 6to4 around 8.8.8.8
  ])('isForbiddenAddress(%s) is %s', (ip, forbidden) => {
    expect(isForbiddenAddress(ip)).toBe(forbidden);
  });
});
