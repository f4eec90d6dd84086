// Which header values are credentials, and how they are shown: one rule for attempt logs, test
// results and the views of exports, endpoints and request webhooks. Browser-safe.

/** Header names that carry credentials. */
const SECRET_HEADER = /auth|cookie|token|secret|pass|key|signature|session|credential|private/i;

export const MASKED = '••••••';

export const isSecretHeader = (name: string) => SECRET_HEADER.test(name);

/** Header values as they may be shown and logged: credentials masked, the rest as sent. */
export function maskHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!isSecretHeader(name)) out[name] = value;
    else if (/^(basic|bearer) /i.test(value)) out[name] = `${value.split(' ')[0]} ${MASKED}`;
    else if (name.toLowerCase() === 'webhook-signature') out[name] = value.replace(/v1,[^ ]+/g, `v1,${MASKED}`);
    else out[name] = MASKED;
  }
  return out;
}

type Header = { name: string; value: string };

/** A list of custom headers as every view shows it (exports, endpoints, request webhooks): credentials masked. */
export function maskHeaderList(headers: readonly Header[]): Header[] {
  return headers.map((h) => (isSecretHeader(h.name) ? { ...h, value: MASKED } : h));
}

/**
 * A form sends the masked value back unchanged to mean "keep it": put the stored value back (matched
 * by name, ignoring case). `unresolved` lists the indexes of masked values with nothing stored under
 * that name, which the caller refuses (the user must type the value).
 */
export function restoreMaskedHeaders(next: readonly Header[], stored: readonly Header[]): { headers: Header[]; unresolved: number[] } {
  const unresolved: number[] = [];
  const headers = next.map((h, i) => {
    if (h.value !== MASKED) return h;
    const old = stored.find((s) => s.name.toLowerCase() === h.name.toLowerCase());
    if (!old) unresolved.push(i);
    return old ? { ...h, value: old.value } : h;
  });
  return { headers, unresolved };
}
