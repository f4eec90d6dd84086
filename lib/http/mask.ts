// Which header values are credentials, and how they are shown: one rule for attempt logs, test
// results and the endpoint views. Browser-safe.

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
