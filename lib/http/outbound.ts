// The outbound HTTP client behind every webhook delivery and "Send test" (README, "What it does").
// One keep-alive undici Agent per process; its DNS lookup is the SSRF guard, so the checked address is
// the connected address. Redirects are never followed (a 3xx is a failed delivery), one timeout covers
// connect + headers + body, response bodies are read up to a cap, and every failure comes back as a
// short human-readable error kind instead of an exception — callers log attempts, they don't catch.
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import tls from 'node:tls';
import { Agent } from 'undici';
import packageJson from '../../package.json' with { type: 'json' };
import { checkLiteralHost, guardedLookup } from './ssrf';

export type OutboundRequest = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Covers connect + headers + body. Default: env HOOKLINE_HTTP_TIMEOUT_MS, else 10 000. */
  timeoutMs?: number;
};

export type OutboundErrorKind = 'timeout' | 'dns' | 'refused' | 'reset' | 'tls' | 'ssrf' | 'redirect' | 'invalid_url' | 'network';

export type OutboundResult = {
  /** 2xx and no error. */
  ok: boolean;
  /** null when no HTTP answer arrived. */
  status: number | null;
  /** Response headers (lowercased names; repeated headers joined with ", "), {} when no answer. */
  headers: Record<string, string>;
  /** Response body as UTF-8 text, at most MAX_RESPONSE_BODY_BYTES bytes. */
  body: string;
  bodyTruncated: boolean;
  durationMs: number;
  error: null | { kind: OutboundErrorKind; message: string };
};

/** Response bodies are read up to this many bytes; the rest is never read (the connection is dropped). */
export const MAX_RESPONSE_BODY_BYTES = 64 * 1024;
const DEFAULT_TIMEOUT_MS = 10_000;

export function userAgent(): string {
  return `Hookline/${packageJson.version}`;
}

/** The timeout of a request that sets none (HOOKLINE_HTTP_TIMEOUT_MS, else 10 s). */
export function defaultTimeoutMs(): number {
  const n = Number(process.env.HOOKLINE_HTTP_TIMEOUT_MS);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_TIMEOUT_MS;
}

// ---------------------------------------------------------------------------------------------------
// The shared Agent

let agent: Agent | null = null;
let extraCAs: string[] | null = null;

/**
 * Trust extra CA certificates (PEM) for HTTPS receivers, on top of Node's bundled roots (and
 * NODE_EXTRA_CA_CERTS, which Node also honours on its own when this is never called). `null`
 * restores the default trust store. Verification is never disabled. Takes effect for new requests;
 * the previous Agent is closed gracefully.
 */
export function setExtraCACertificates(pem: string[] | null): void {
  extraCAs = pem && pem.length > 0 ? [...pem] : null;
  const old = agent;
  agent = null;
  void old?.close().catch(() => {});
}

function nodeExtraCAs(): string[] {
  const file = process.env.NODE_EXTRA_CA_CERTS;
  if (!file) return [];
  try {
    return [fs.readFileSync(file, 'utf8')];
  } catch {
    return [];
  }
}

function getAgent(): Agent {
  agent ??= new Agent({
    connections: 128,
    pipelining: 1,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 60_000,
    connect: {
      lookup: guardedLookup,
      // The per-request abort timer is the real limit; this only bounds a connect nobody waits for.
      timeout: 30_000,
      // Passing `ca` replaces Node's default store, so the bundled roots (and NODE_EXTRA_CA_CERTS) are kept.
      ...(extraCAs ? { ca: [...tls.rootCertificates, ...nodeExtraCAs(), ...extraCAs] } : {}),
    },
  });
  return agent;
}

/** Close the shared Agent (tests, shutdown). The next request creates a new one. */
export async function closeOutbound(): Promise<void> {
  const old = agent;
  agent = null;
  await old?.close();
}

// ---------------------------------------------------------------------------------------------------
// Errors

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'HOSTNAME_MISMATCH',
  'EPROTO',
]);
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_ABORTED', 'ETIMEDOUT']);

type ErrLike = { code?: unknown; name?: unknown; message?: unknown; cause?: unknown; errors?: unknown };

/** Every error in the chain: the error, its causes, and the members of AggregateErrors (happy eyeballs). */
function chain(err: unknown): ErrLike[] {
  const out: ErrLike[] = [];
  const queue: unknown[] = [err];
  while (queue.length > 0 && out.length < 20) {
    const e = queue.shift();
    if (!e || typeof e !== 'object') continue;
    const x = e as ErrLike;
    out.push(x);
    if (x.cause) queue.push(x.cause);
    if (Array.isArray(x.errors)) queue.push(...x.errors);
  }
  return out;
}

function isTlsCode(code: string): boolean {
  return TLS_CODES.has(code) || code.startsWith('CERT_') || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_');
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(ms < 1000 ? 2 : 1))} s`;
}

type Target = { host: string; port: string; timeoutMs: number; gotHeaders: boolean; timedOut: boolean };

function classify(err: unknown, t: Target): { kind: OutboundErrorKind; message: string } {
  const errors = chain(err);
  const codes = errors.map((e) => (typeof e.code === 'string' ? e.code : '')).filter(Boolean);
  const where = `${t.host}:${t.port}`;
  const first = errors[0];
  const text = (e: ErrLike | undefined) => (typeof e?.message === 'string' && e.message ? e.message : String(err));

  const ssrf = errors.find((e) => e.code === 'ESSRF');
  if (ssrf) return { kind: 'ssrf', message: text(ssrf) };
  const isTimeout =
    t.timedOut || codes.some((c) => TIMEOUT_CODES.has(c)) || errors.some((e) => e.name === 'AbortError' || e.name === 'TimeoutError');
  if (isTimeout) {
    const message = t.gotHeaders ? `Answer not complete within ${seconds(t.timeoutMs)}` : `No answer within ${seconds(t.timeoutMs)}`;
    return { kind: 'timeout', message };
  }
  if (codes.some((c) => c === 'ENOTFOUND' || c === 'EAI_AGAIN' || c === 'EAI_FAIL' || c === 'EAI_NODATA')) {
    return { kind: 'dns', message: `DNS lookup failed for ${t.host}` };
  }
  if (codes.includes('ECONNREFUSED')) return { kind: 'refused', message: `Connection refused by ${where}` };
  const tlsErr = errors.find((e) => typeof e.code === 'string' && isTlsCode(e.code));
  if (tlsErr) return { kind: 'tls', message: `TLS error with ${where}: ${text(tlsErr)}` };
  if (codes.some((c) => c === 'ECONNRESET' || c === 'EPIPE')) return { kind: 'reset', message: `Connection reset by ${where}` };
  if (codes.includes('UND_ERR_SOCKET')) return { kind: 'reset', message: `Connection closed by ${where} before a complete answer` };
  if (codes.some((c) => c === 'EHOSTUNREACH' || c === 'ENETUNREACH')) return { kind: 'network', message: `${where} is unreachable` };
  return { kind: 'network', message: text(first) };
}

// ---------------------------------------------------------------------------------------------------
// Sending

function failure(start: number, kind: OutboundErrorKind, message: string): OutboundResult {
  return { ok: false, status: null, headers: {}, body: '', bodyTruncated: false, durationMs: elapsed(start), error: { kind, message } };
}

function elapsed(start: number): number {
  return Math.round(performance.now() - start);
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Sends one request. Never throws: every failure is described in `error`. */
export async function sendRequest(req: OutboundRequest): Promise<OutboundResult> {
  const start = performance.now();

  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    return failure(start, 'invalid_url', `Not a valid URL: ${req.url}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return failure(start, 'invalid_url', `Only http and https URLs are supported (got ${url.protocol.replace(/:$/, '')})`);
  }
  // net.connect skips the lookup (and so the guard) for literal IPs: check those here.
  const literal = checkLiteralHost(url.hostname);
  if (literal) return failure(start, 'ssrf', literal.message);

  const timeoutMs = req.timeoutMs && req.timeoutMs > 0 ? req.timeoutMs : defaultTimeoutMs();
  const target: Target = {
    host: url.hostname,
    port: url.port || (url.protocol === 'https:' ? '443' : '80'),
    timeoutMs,
    gotHeaders: false,
    timedOut: false,
  };
  const headers: Record<string, string> = { ...req.headers };
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'user-agent')) headers['user-agent'] = userAgent();

  // undici takes an EventEmitter as its abort signal: an AbortController per request cost the worker
  // ~5 % of its CPU (tests/http/outbound.test.ts covers the timeout either way).
  const abort = new EventEmitter();
  const timer = setTimeout(() => {
    target.timedOut = true;
    abort.emit('abort');
  }, timeoutMs);

  let status: number | null = null;
  let resHeaders: Record<string, string> = {};
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  // As text, with NUL replaced: PostgreSQL text cannot hold it, and a binary (e.g. gzip) answer must
  // still be loggable rather than make the attempt unrecordable.
  const bodyText = () => Buffer.concat(chunks).toString('utf8').replace(/\u0000/g, '\uFFFD');

  try {
    // The Agent's own request: undici's top-level request() would parse the URL once more.
    const res = await getAgent().request({
      origin: url.origin,
      path: url.pathname + url.search,
      method: req.method,
      headers,
      body: req.body,
      signal: abort,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    target.gotHeaders = true;
    status = res.statusCode;
    resHeaders = Object.fromEntries(Object.entries(flattenHeaders(res.headers)).map(([k, v]) => [k, v.replace(/\u0000/g, '\uFFFD')]));

    // Read with listeners rather than an async iterator (a third of the cost per small answer).
    const body = res.body;
    await new Promise<void>((resolve, reject) => {
      body.on('data', (chunk: Buffer) => {
        if (truncated) return;
        const room = MAX_RESPONSE_BODY_BYTES - size;
        if (chunk.length > room) {
          chunks.push(chunk.subarray(0, room));
          size += room;
          truncated = true;
          body.destroy(); // stop reading: the rest is never buffered (the socket is dropped, not reused)
          resolve();
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      body.once('end', resolve);
      body.once('error', reject);
    });
  } catch (err) {
    const error = classify(err, target);
    return { ok: false, status, headers: resHeaders, body: bodyText(), bodyTruncated: truncated, durationMs: elapsed(start), error };
  } finally {
    clearTimeout(timer);
  }

  const durationMs = elapsed(start);
  const body = bodyText();
  if (status >= 300 && status < 400) {
    const location = resHeaders.location;
    const message = location
      ? `Redirected to ${location} (${status}); redirects are not followed`
      : `Answered ${status} (a redirect) without a Location; redirects are not followed`;
    return { ok: false, status, headers: resHeaders, body, bodyTruncated: truncated, durationMs, error: { kind: 'redirect', message } };
  }
  return { ok: status >= 200 && status < 300, status, headers: resHeaders, body, bodyTruncated: truncated, durationMs, error: null };
}
