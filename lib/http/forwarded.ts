// What a request says about its client and its host. X-Forwarded-* headers are taken as the truth
// only when HOOKLINE_TRUST_PROXY says a reverse proxy in front of the app sets them; otherwise any
// client could send its own (to pick a new address per login guess, or to make a cross-site
// request look same-origin).
import { config } from '@/lib/config';

const MAX_ADDRESS_LENGTH = 100;

/** The client address, for login throttling and the sessions list. Behind a trusted proxy it is the
 *  first X-Forwarded-For entry. Without one, it is the X-Forwarded-For that Next's own server fills in
 *  from the connection's address when the client sent none (a route handler cannot see the socket).
 *  A client that sends its own header there only moves itself to another address bucket; the
 *  per-email limits in lib/auth/rate-limit.ts still apply to it. */
export function clientAddress(req: Request): string {
  const forwarded = req.headers.get('x-forwarded-for');
  const address = config().HOOKLINE_TRUST_PROXY ? forwarded?.split(',')[0]?.trim() || req.headers.get('x-real-ip') : forwarded?.trim();
  return (address || 'unknown').slice(0, MAX_ADDRESS_LENGTH);
}

/** The host the client addressed: X-Forwarded-Host only behind a trusted proxy, else Host. */
export function requestHost(req: Request): string | null {
  if (config().HOOKLINE_TRUST_PROXY) {
    const forwarded = req.headers.get('x-forwarded-host')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  return req.headers.get('host');
}
