// The HTTP rules every request Hookline sends obeys, whichever screen, route or worker configured it:
// what a header name and a header value may be, which names are Hookline's own, and which targets
// must be HTTPS. One home (docs: issue 11, item 10), used at save by the zod schemas of exports
// (lib/endpoints/schema.ts), request webhooks (lib/templates/schema.ts) and connectors
// (lib/connectors/schema.ts, also the connector form's), at render by lib/templates/render.ts, and by
// event webhooks for HTTPS. Pure and browser-safe.
//
// Why these rules: undici (our outbound client) refuses a header value with a character above U+00FF
// or a control character only when the request is sent, so a value saved today would fail every
// delivery later. Checking at save (and, for templates, at render before anything is sent) turns that
// into a field error naming the header.
import { MASKED, isSecretHeader } from './mask';

// ---------------------------------------------------------------------------------------------------
// Header names

/** RFC 7230 §3.2.6 `token` (= RFC 9110 §5.6.2): the only characters a field name may hold. */
export const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
export const MAX_HEADER_NAME_LENGTH = 100;
export const HEADER_NAME_CHARS_MESSAGE = "Letters, digits and ! # $ % & ' * + - . ^ _ ` | ~ only";

/** Names that frame or route the request (RFC 9110 §7.6.1 hop-by-hop ones included): never a user's. */
export const RESERVED_HEADER_NAMES = [
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'upgrade',
] as const;
/** Standard Webhooks headers (webhook-id, webhook-timestamp, webhook-signature …) carry Hookline's signature. */
export const RESERVED_HEADER_PREFIX = 'webhook-';
export const RESERVED_HEADER_MESSAGE = 'Hookline sets this header itself';

/**
 * Headers one place sets from its own settings, lower-case name → why the user cannot set it there
 * (e.g. an export's Authorization comes from its Basic auth, a request's Content-Type from its body format).
 */
export type OwnHeaders = Readonly<Record<string, string>>;

/** Why `name` cannot be a custom header name, or null when it can. */
export function headerNameProblem(name: string, own: OwnHeaders = {}): string | null {
  if (!name) return 'Enter the header name';
  if (name.length > MAX_HEADER_NAME_LENGTH) return `At most ${MAX_HEADER_NAME_LENGTH} characters`;
  if (!HEADER_NAME.test(name)) return HEADER_NAME_CHARS_MESSAGE;
  const lower = name.toLowerCase();
  if ((RESERVED_HEADER_NAMES as readonly string[]).includes(lower) || lower.startsWith(RESERVED_HEADER_PREFIX)) return RESERVED_HEADER_MESSAGE;
  return Object.hasOwn(own, lower) ? own[lower] : null;
}

// ---------------------------------------------------------------------------------------------------
// Header values

/** "U+2028", "U+1F600": how a character that cannot be shown safely is named in messages. */
export function codePoint(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * What in `value` cannot be sent in a header ("a line break (CR or LF)", "U+2028, …"), or null when
 * nothing. Allowed: visible ASCII, space, tab (inside a value, RFC 9110 §5.5) and Latin-1
 * (U+00A0–U+00FF, sent as one byte each). Refused: line breaks (header injection), other C0/C1
 * control characters and DEL, and anything above U+00FF (emoji, U+2028, lone surrogates), which
 * HTTP/1.1 cannot carry.
 */
export function headerValueFault(value: string): string | null {
  if (/[\r\n]/.test(value)) return 'a line break (CR or LF)';
  const control = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/.exec(value);
  if (control) return `a control character (${codePoint(control[0])})`;
  for (const ch of value) {
    if (ch.codePointAt(0)! > 0xff) return `${codePoint(ch)}, a character outside ASCII and Latin-1 (up to U+00FF)`;
  }
  return null;
}

/** The save-time message for a header value that cannot be sent, or null when it can. */
export function headerValueProblem(value: string): string | null {
  const fault = headerValueFault(value);
  return fault && `Header values cannot contain ${fault}`;
}

// ---------------------------------------------------------------------------------------------------
// A list of custom headers

export type HeaderIssue = { path: [number, 'name' | 'value']; message: string };

/**
 * Every problem of a list of custom headers: names (token, not reserved, not one of `own`, no
 * duplicates) and values (`valueProblem`, headerValueProblem by default). A credential-like header
 * whose value is the mask (•••••• sent back unchanged by a form) means "keep the stored value", which
 * the service resolves (lib/http/mask.ts restoreMaskedHeaders), so it is not checked here.
 */
export function headerListIssues(
  headers: readonly { name: string; value: string }[],
  { own = {}, valueProblem = headerValueProblem }: { own?: OwnHeaders; valueProblem?: (value: string) => string | null } = {},
): HeaderIssue[] {
  const issues: HeaderIssue[] = [];
  const seen = new Set<string>();
  headers.forEach((h, i) => {
    const name = h.name.trim();
    const lower = name.toLowerCase();
    const nameProblem = headerNameProblem(name, own) ?? (seen.has(lower) ? 'This header is already set' : null);
    if (nameProblem) issues.push({ path: [i, 'name'], message: nameProblem });
    seen.add(lower);
    if (h.value === MASKED && isSecretHeader(name)) return;
    const valueProblemText = valueProblem(h.value);
    if (valueProblemText) issues.push({ path: [i, 'value'], message: valueProblemText });
  });
  return issues;
}

// ---------------------------------------------------------------------------------------------------
// URLs

/** The one message for every target that must be HTTPS (event webhooks, request webhooks). */
export const HTTPS_REQUIRED_MESSAGE = 'The URL must start with https:// — insecure http:// addresses are refused';
export const MAX_URL_LENGTH = 2048;

export const isHttps = (url: string) => /^https:\/\//i.test(url.trim());

/**
 * Why `url` cannot be a webhook target, or null. `https`: only https:// (seeds 001 and 004 require it
 * for workflow and event webhooks); otherwise http:// is accepted too (Laboratory, exports).
 */
export function urlProblem(url: string, { https }: { https: boolean }): string | null {
  if (!url) return 'Enter the URL';
  if (url.length > MAX_URL_LENGTH) return `At most ${MAX_URL_LENGTH.toLocaleString('en')} characters`;
  if (https && !isHttps(url)) return HTTPS_REQUIRED_MESSAGE;
  if (!https && !/^https?:\/\//i.test(url)) return 'Enter a full http:// or https:// address';
  // The URL parser would read `https:///x` (e.g. an empty host variable) as https://x/.
  let parsed: URL | null = null;
  if (/^https?:\/\/[^\s/\\?#@]/i.test(url)) {
    try {
      parsed = new URL(url);
    } catch {
      parsed = null;
    }
  }
  if (!parsed?.hostname) return `Enter a full address such as ${https ? 'https' : 'http'}://example.com/hook`;
  if (parsed.username || parsed.password) return 'Put credentials in Authentication, not in the URL';
  return null;
}
