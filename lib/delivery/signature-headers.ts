// The Standard Webhooks header names every signed request carries (lib/delivery/signing.ts sets them),
// and the prefix of signing secrets. Browser-safe: the Verify signatures panel, the receiver snippets
// (lib/receivers/snippets.ts) and the OpenAPI document's webhooks section read them from here.
export const SIGNATURE_HEADERS = { id: 'webhook-id', timestamp: 'webhook-timestamp', signature: 'webhook-signature' } as const;
export type SignatureHeaderNames = { id: string; timestamp: string; signature: string };

export const SIGNING_SECRET_PREFIX = 'whsec_';
