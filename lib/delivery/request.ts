// The HTTP request an endpoint receives: JSON body, our User-Agent, the endpoint's custom headers and
// Basic auth, and Standard Webhooks signature headers. Used by the worker and by "Send test", so a
// test request is exactly what deliveries will look like. Also masks secrets for the attempt log.
import { decryptSecret } from '@/lib/crypto/secrets';
import type { OutboundRequest } from '@/lib/http/outbound';
import { userAgent } from '@/lib/http/outbound';
import type { CustomHeader } from '@/lib/endpoints/schema';
import { signatureHeaders } from './signing';

export type EndpointTarget = {
  url: string;
  authLogin: string | null;
  authPasswordEnc: string | null;
  headers: unknown;
  signingSecretEnc: string;
  previousSecretEnc: string | null;
  previousSecretUntil: Date | null;
};

export function activeSecrets(ep: EndpointTarget, now = Date.now()): string[] {
  const secrets = [decryptSecret(ep.signingSecretEnc)];
  if (ep.previousSecretEnc && ep.previousSecretUntil && ep.previousSecretUntil.getTime() > now) {
    secrets.push(decryptSecret(ep.previousSecretEnc));
  }
  return secrets;
}

export function buildDeliveryRequest(
  ep: EndpointTarget,
  { webhookId, body, timeoutMs }: { webhookId: string; body: string; timeoutMs?: number },
): OutboundRequest {
  const headers: Record<string, string> = {};
  for (const h of (ep.headers ?? []) as CustomHeader[]) headers[h.name] = h.value;
  headers['content-type'] = 'application/json';
  headers['user-agent'] = userAgent();
  if (ep.authLogin && ep.authPasswordEnc) {
    headers.authorization = `Basic ${Buffer.from(`${ep.authLogin}:${decryptSecret(ep.authPasswordEnc)}`).toString('base64')}`;
  }
  Object.assign(headers, signatureHeaders(activeSecrets(ep), webhookId, body));
  return { method: 'POST', url: ep.url, headers, body, timeoutMs };
}

/** Header names that carry credentials; their values are masked wherever headers are shown or logged. */
const SECRET_HEADER = /auth|cookie|token|secret|pass|key|signature|session|credential|private/i;

/** Header values as they may be shown and logged: credentials masked, the rest as sent. */
export function maskHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!SECRET_HEADER.test(name)) out[name] = value;
    else if (/^(basic|bearer) /i.test(value)) out[name] = `${value.split(' ')[0]} ••••••`;
    else if (name.toLowerCase() === 'webhook-signature') out[name] = value.replace(/v1,[^ ]+/g, 'v1,••••••');
    else out[name] = '••••••';
  }
  return out;
}
