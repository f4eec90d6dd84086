// SSRF guard for outbound webhook traffic. Receivers are URLs typed in by users, so without a guard
// Hookline could be pointed at the cloud metadata service, the database or anything else on the
// private network. The guard lives in the socket's DNS lookup: the addresses that are checked are
// exactly the addresses that are connected to (no DNS-rebinding window). Literal IP hosts never go
// through a lookup, so callers check them with `checkLiteralHost` before sending. All range checks
// use ipaddr.js; there is no hand-written CIDR math here.
import dns from 'node:dns';
import net from 'node:net';
import ipaddr from 'ipaddr.js';

const ALLOW_ENV = 'HOOKLINE_ALLOW_PRIVATE_NETWORKS';

/** ipaddr.js range names → how we describe them in an error message. Anything else non-unicast is "reserved". */
const RANGE_LABELS: Record<string, string> = {
  loopback: 'loopback',
  private: 'private',
  uniqueLocal: 'private',
  linkLocal: 'link-local',
  carrierGradeNat: 'carrier-grade NAT',
  multicast: 'multicast',
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  deprecatedSiteLocal: 'private',
};

/** IPv6 ranges whose address embeds an IPv4 address that decides where the packet really goes. */
const EMBEDDING_V6_RANGES = new Set(['6to4', 'teredo', 'rfc6052', 'rfc6145']);

/** IPv4-compatible IPv6 (::a.b.c.d, deprecated); ipaddr.js reports these as plain unicast. */
const IPV4_COMPATIBLE = ipaddr.IPv6.parseCIDR('::/96');

type V4 = ipaddr.IPv4;
type V6 = ipaddr.IPv6;

function v4FromBytes(bytes: number[]): V4 {
  return ipaddr.fromByteArray(bytes) as V4;
}

/** The IPv4 address an IPv6 transition address carries, when there is one. */
function embeddedV4(addr: V6, range: string): V4 | null {
  const b = addr.toByteArray();
  switch (range) {
    case '6to4': // 2002:AABB:CCDD::/48
      return v4FromBytes(b.slice(2, 6));
    case 'teredo': // client address, obfuscated (bits inverted), in the last 32 bits
      return v4FromBytes(b.slice(12, 16).map((x) => x ^ 0xff));
    case 'rfc6052': // NAT64 64:ff9b::/96 (and the /48 local-use prefix): last 32 bits
    case 'rfc6145':
      return v4FromBytes(b.slice(12, 16));
    default:
      return null;
  }
}

function v4Reason(addr: V4): string | null {
  const range = addr.range();
  if (range === 'unicast') return null;
  return RANGE_LABELS[range] ?? 'reserved';
}

/**
 * Why an address must not be contacted ("loopback", "private", "link-local", …), or null when it is
 * an ordinary public unicast address. Unparsable input is refused ("invalid") — fail closed.
 */
export function forbiddenReason(ip: string): string | null {
  if (!ipaddr.isValid(ip)) return 'invalid';
  const addr = ipaddr.process(ip); // unwraps IPv4-mapped IPv6 (::ffff:127.0.0.1 → 127.0.0.1)
  if (addr.kind() === 'ipv4') return v4Reason(addr as V4);

  const v6 = addr as V6;
  const range = v6.range();
  if (EMBEDDING_V6_RANGES.has(range)) {
    const inner = embeddedV4(v6, range);
    return inner ? v4Reason(inner) : null;
  }
  if (range === 'unicast') {
    // :: and ::1 have their own ranges above; any other ::a.b.c.d is deprecated and refused.
    if (v6.match(IPV4_COMPATIBLE)) return v4Reason(v4FromBytes(v6.toByteArray().slice(12, 16))) ?? 'reserved';
    return null;
  }
  return RANGE_LABELS[range] ?? 'reserved';
}

/** True for loopback, private, link-local, CGNAT, multicast, unspecified, broadcast and reserved addresses (v4 and v6, incl. IPv4 embedded in v6). */
export function isForbiddenAddress(ip: string): boolean {
  return forbiddenReason(ip) !== null;
}

/** HOOKLINE_ALLOW_PRIVATE_NETWORKS=1|true turns the guard off (read at every call, so tests and ops can flip it). */
export function allowPrivateNetworks(): boolean {
  const v = process.env[ALLOW_ENV]?.trim().toLowerCase();
  return v === '1' || v === 'true';
}

/** The error the guard fails a connection with; `code` is 'ESSRF' so callers can tell it apart. */
export class SsrfError extends Error {
  readonly code = 'ESSRF';
  constructor(
    message: string,
    readonly hostname: string,
    readonly address: string,
  ) {
    super(message);
    this.name = 'SsrfError';
  }
}

function refusal(hostname: string, address: string, reason: string): SsrfError {
  const article = /^[aeiou]/i.test(reason) ? 'an' : 'a';
  const what = hostname === address ? `${address} is` : `${hostname} resolves to ${address},`;
  return new SsrfError(`Refused: ${what} ${article} ${reason} address (set ${ALLOW_ENV}=1 to allow)`, hostname, address);
}

/**
 * For a URL hostname that is a literal IP (brackets allowed): an SsrfError when it is forbidden and
 * private networks are not allowed, else null. Hostnames that need DNS return null — the lookup checks those.
 */
export function checkLiteralHost(hostname: string): SsrfError | null {
  const host = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  if (net.isIP(host) === 0 || allowPrivateNetworks()) return null;
  const reason = forbiddenReason(host);
  return reason ? refusal(host, host, reason) : null;
}

type LookupOptions = dns.LookupOptions;
type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * Drop-in for `net.connect`'s `lookup` option: resolves every address with dns.lookup and refuses
 * the connection when any of them is forbidden (unless private networks are allowed). Supports
 * `options.all` (used by Node's happy-eyeballs connect).
 */
export function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  const { all, ...rest } = options ?? {};
  dns.lookup(hostname, { ...rest, all: true }, (err, addresses) => {
    if (err) return callback(err, all ? [] : '', undefined);
    if (!allowPrivateNetworks()) {
      for (const { address } of addresses) {
        const reason = forbiddenReason(address);
        if (reason) return callback(refusal(hostname, address, reason), all ? [] : '', undefined);
      }
    }
    if (all) return callback(null, addresses);
    const first = addresses[0];
    if (!first) {
      const e: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
      e.code = 'ENOTFOUND';
      return callback(e, '', undefined);
    }
    callback(null, first.address, first.family);
  });
}
