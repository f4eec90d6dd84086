// Resolving and sending a request webhook — the one path shared by Send test (service.ts, which loads
// with Prisma) and workflow runs (lib/workflows/engine.ts, raw SQL): the same template resolution and
// escaping (lib/templates/render.ts), the connector's auth headers, the header rules, the masking of
// what is shown, the outbound client (lib/http/outbound.ts) and the reading of the answer.
import { XMLParser } from 'fast-xml-parser';
import { decryptSecret } from '@/lib/crypto/secrets';
import { MASKED, maskHeaders } from '@/lib/http/mask';
import { headerNameProblem, headerValueFault } from '@/lib/http/rules';
import { sendRequest, type OutboundResult } from '@/lib/http/outbound';
import { REQUEST_OWN_HEADERS, renderRequest, type RequestSpec, type TemplateData } from '@/lib/templates/render';
import type { ResolvedRequest } from './types';

export type ConnectorAuth = { headers: Record<string, string>; secretNames: string[] };
export type ConnectorSecretRow = { type: string; login: string | null; secretEnc: string; headerName: string | null };

/** The auth headers a connector adds (basic, bearer or an API-key header). */
export function connectorAuth(c: ConnectorSecretRow): ConnectorAuth {
  const secret = decryptSecret(c.secretEnc);
  if (c.type === 'basic') return { headers: { authorization: `Basic ${Buffer.from(`${c.login}:${secret}`).toString('base64')}` }, secretNames: ['authorization'] };
  if (c.type === 'bearer') return { headers: { authorization: `Bearer ${secret}` }, secretNames: ['authorization'] };
  return { headers: { [c.headerName!]: secret }, secretNames: [c.headerName!] };
}

export type Resolved = ResolvedRequest & { sendHeaders: Record<string, string> };

/** The request with its templates filled from the contact and the event, and the connector's auth added. */
export function resolveSpec(spec: RequestSpec, data: TemplateData, auth: ConnectorAuth | null): Resolved {
  const rendered = renderRequest(spec, data);
  const headers: Record<string, string> = { ...rendered.headers };
  if (rendered.contentType) headers['content-type'] = rendered.contentType;
  const errors = [...rendered.errors];
  if (auth) {
    // Connectors saved before the header rule (lib/http/rules.ts) may break it: say so instead of sending.
    for (const [name, value] of Object.entries(auth.headers)) {
      const fault = headerNameProblem(name, REQUEST_OWN_HEADERS) ?? (headerValueFault(value) && 'its value cannot be sent in a header');
      if (fault) errors.push({ field: 'connectorId', message: `The connector's header “${name}”: ${fault}. Edit the connector.` });
    }
    Object.assign(headers, auth.headers);
  }
  const shown = maskHeaders(headers);
  for (const name of auth?.secretNames ?? []) shown[name] = MASKED;
  return { method: rendered.method, url: rendered.url, headers: shown, body: rendered.body, missing: rendered.missing, errors, sendHeaders: headers };
}

/** Sends a resolved request. `extraHeaders` (a run's Idempotency-Key) are sent and shown. */
export function sendResolved(r: Resolved, { timeoutMs, extraHeaders = {} }: { timeoutMs?: number; extraHeaders?: Record<string, string> } = {}): Promise<OutboundResult> {
  return sendRequest({ method: r.method, url: r.url, headers: { ...r.sendHeaders, ...extraHeaders }, body: r.body ?? undefined, timeoutMs });
}

// XML is text: values stay strings (a promo code "007" must not become 7); $mathTool converts where needed.
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, trimValues: true });

/**
 * The answer as `$data` holds it: JSON parsed; XML parsed to an object (attributes as `@name`, repeated
 * elements as lists); anything else as its text. The content type decides; without one, what the body
 * looks like.
 */
export function parseAnswer(body: string, contentType = ''): unknown {
  const type = contentType.toLowerCase();
  const text = body.trim();
  if (text === '') return '';
  const looksJson = text.startsWith('{') || text.startsWith('[');
  if (type.includes('json') || (!type.includes('xml') && looksJson)) {
    try {
      return JSON.parse(text);
    } catch {
      return body;
    }
  }
  if (type.includes('xml') || (!type.startsWith('text/plain') && text.startsWith('<'))) {
    try {
      const parsed = xml.parse(text) as Record<string, unknown>;
      delete parsed['?xml'];
      return parsed;
    } catch {
      return body;
    }
  }
  return body;
}
