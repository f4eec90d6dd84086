// Signing-secret rotation (Standard Webhooks): requests are signed with the current secret and with
// every rotated-out secret until its own expiry, so a receiver that has not switched yet keeps
// verifying, however many rotations happen within the grace period.
import { decryptSecret } from '@/lib/crypto/secrets';

export const PREVIOUS_SECRET_GRACE_MS = 24 * 60 * 60 * 1000;
/**
 * Rotated-out secrets valid at once. Each one adds a signature to every request; beyond this a
 * rotation is refused until the oldest expires (it is never cut short).
 */
export const MAX_PREVIOUS_SECRETS = 10;

/** Stored in endpoints.previous_secrets (encrypted with lib/crypto/secrets.ts). */
export type PreviousSecret = { secretEnc: string; until: string };

/** The stored list, without entries that expired by `now` (or that are not well-formed). */
export function validPreviousSecrets(stored: unknown, now = Date.now()): PreviousSecret[] {
  if (!Array.isArray(stored)) return [];
  return stored.filter(
    (p): p is PreviousSecret => typeof p?.secretEnc === 'string' && typeof p?.until === 'string' && new Date(p.until).getTime() > now,
  );
}

/** Every secret a request is signed with now: the current one first. */
export function signingSecrets(ep: { signingSecretEnc: string; previousSecrets: unknown }, now = Date.now()): string[] {
  return [decryptSecret(ep.signingSecretEnc), ...validPreviousSecrets(ep.previousSecrets, now).map((p) => decryptSecret(p.secretEnc))];
}
