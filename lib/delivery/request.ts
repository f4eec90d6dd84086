// The HTTP request an endpoint receives: JSON body, our User-Agent, the endpoint's custom headers and
// Basic auth, and Standard Webhooks signature headers. Used by the worker and by "Send test", so a
// test request is exactly what deliveries will look like.
import { decryptSecret } from '@/lib/crypto/secrets';
import type { OutboundRequest } from '@/lib/http/outbound';
import { userAgent } from '@/lib/http/outbound';
import { openHeaders } from '@/lib/crypto/headers';
import { signingSecrets } from '@/lib/endpoints/secrets';
import { signatureHeaders } from './signing';

export type EndpointTarget = {
  url: string;
  authLogin: string | null;
  authPasswordEnc: string | null;
  headers: unknown;
  signingSecretEnc: string;
  /** [{ secretEnc, until }] (lib/endpoints/secrets.ts). */
  previousSecrets: unknown;
};

export function buildDeliveryRequest(
  ep: EndpointTarget,
  { webhookId, body, timeoutMs }: { webhookId: string; body: string; timeoutMs?: number },
): OutboundRequest {
  const headers: Record<string, string> = {};
  for (const h of openHeaders(ep.headers)) headers[h.name] = h.value;
  headers['content-type'] = 'application/json';
  headers['user-agent'] = userAgent();
  if (ep.authLogin && ep.authPasswordEnc) {
    headers.authorization = `Basic ${Buffer.from(`${ep.authLogin}:${decryptSecret(ep.authPasswordEnc)}`).toString('base64')}`;
  }
  Object.assign(headers, signatureHeaders(signingSecrets(ep), webhookId, body));
  return { method: 'POST', url: ep.url, headers, body, timeoutMs };
}
