// Standard Webhooks signatures (https://www.standardwebhooks.com): webhook-id, webhook-timestamp and
// webhook-signature = "v1,<base64 HMAC-SHA256(secret, id.timestamp.body)>", space-separated when a
// rotated-out secret is still valid. Verified in tests with the `standardwebhooks` package.
import { createHmac, randomBytes } from 'node:crypto';
import { SIGNATURE_HEADERS, SIGNING_SECRET_PREFIX as PREFIX } from './signature-headers';

export function generateSigningSecret(): string {
  return PREFIX + randomBytes(24).toString('base64');
}

export function sign(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

export function signatureHeaders(secrets: string[], id: string, body: string, now = Date.now()): Record<string, string> {
  const timestamp = Math.floor(now / 1000);
  return {
    [SIGNATURE_HEADERS.id]: id,
    [SIGNATURE_HEADERS.timestamp]: String(timestamp),
    [SIGNATURE_HEADERS.signature]: secrets.map((s) => sign(s, id, timestamp, body)).join(' '),
  };
}
