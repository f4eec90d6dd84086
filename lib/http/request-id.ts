// The request id every API answer carries (x-request-id) and every request log line names. A caller
// (a load balancer, a client retrying) may send its own; one that is not a short plain token is
// replaced, so a log line can never be forged or bloated through it. No imports: proxy.ts uses it too.
export const REQUEST_ID_HEADER = 'x-request-id';
const SANE = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** The incoming id when it is sane, else a new random one. */
export function requestIdOf(headers: Headers): string {
  const given = headers.get(REQUEST_ID_HEADER);
  return given && SANE.test(given) ? given : crypto.randomUUID();
}
