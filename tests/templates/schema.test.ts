import { describe, expect, it } from 'vitest';
import { HTTPS_REQUIRED_MESSAGE, fillVariables, requestWebhookSchema, toRequestSpec, type RequestWebhookFormValues } from '@/lib/templates/schema';

const CONNECTOR = '3f2b8c1e-5d4a-4b6c-9e7f-1a2b3c4d5e6f';

const base: RequestWebhookFormValues = { name: 'WH5', method: 'GET', url: 'https://api.example.com/promo?email=${email}' };

function issues(input: unknown): Record<string, string[]> {
  const r = requestWebhookSchema.safeParse(input);
  if (r.success) return {};
  const out: Record<string, string[]> = {};
  for (const i of r.error.issues) (out[i.path.join('.')] ??= []).push(i.message);
  return out;
}

describe('requestWebhookSchema', () => {
  it('accepts a minimal GET webhook and fills the defaults', () => {
    expect(requestWebhookSchema.parse(base)).toEqual({
      name: 'WH5',
      method: 'GET',
      url: 'https://api.example.com/promo?email=${email}',
      passHeaders: false,
      headers: [],
      authEnabled: false,
      connectorId: null,
      bodyEnabled: false,
      bodyFormat: 'json',
      body: '',
      rateLimit: 10,
      maxConcurrency: 10,
    });
  });

  it('takes a rate limit of 1 to 10,000 per second or none, and a concurrency cap of 1 to 200', () => {
    expect(requestWebhookSchema.parse({ ...base, rateLimit: null, maxConcurrency: '3' })).toMatchObject({ rateLimit: null, maxConcurrency: 3 });
    const bad = requestWebhookSchema.safeParse({ ...base, rateLimit: 0, maxConcurrency: 201 });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['rateLimit', 'maxConcurrency']));
  });

  it('accepts a full POST webhook', () => {
    const input = {
      ...base,
      description: 'Promo code by town',
      method: 'POST',
      url: 'https://${sub}.example.com:${port}/promo/${contact.id}?town=${contact.TOWN}',
      passHeaders: true,
      headers: [{ name: 'X-Town', value: '${contact.TOWN}' }],
      authEnabled: true,
      connectorId: CONNECTOR,
      bodyEnabled: true,
      bodyFormat: 'json',
      body: '{"town": "${contact.TOWN}", "order": ${orderId}, "literal": "$${not_a_variable}"}',
    };
    expect(issues(input)).toEqual({});
  });

  it('refuses http:// with a clear message', () => {
    expect(issues({ ...base, url: 'http://api.example.com/promo' })).toEqual({ url: [HTTPS_REQUIRED_MESSAGE] });
    expect(HTTPS_REQUIRED_MESSAGE).toBe('The URL must start with https:// — insecure http:// addresses are refused');
    expect(issues({ ...base, url: 'HTTP://api.example.com/' }).url).toEqual([HTTPS_REQUIRED_MESSAGE]);
  });

  it('refuses other schemes, addresses without a scheme and URLs that do not parse', () => {
    expect(issues({ ...base, url: 'ftp://example.com/' }).url).toEqual([HTTPS_REQUIRED_MESSAGE]);
    expect(issues({ ...base, url: 'api.example.com/promo' }).url).toEqual([HTTPS_REQUIRED_MESSAGE]);
    expect(issues({ ...base, url: 'https://exa mple.com/' }).url?.[0]).toMatch(/full address/);
    expect(issues({ ...base, url: 'https://' }).url?.[0]).toMatch(/full address/);
    expect(issues({ ...base, url: '' }).url).toEqual(['Enter the URL']);
  });

  it('refuses malformed variables and credentials in the URL', () => {
    expect(issues({ ...base, url: 'https://api.example.com/?e=${email' }).url?.[0]).toMatch(/Unclosed variable/);
    expect(issues({ ...base, url: 'https://api.example.com/?e=${e mail}' }).url?.[0]).toMatch(/not a valid variable/);
    expect(issues({ ...base, url: 'https://user:secret@api.example.com/' }).url).toEqual(['Put credentials in Authentication, not in the URL']);
  });

  it('checks name and description lengths', () => {
    expect(issues({ ...base, name: '  ' }).name).toEqual(['Enter the webhook name']);
    expect(issues({ ...base, name: 'x'.repeat(101) }).name).toEqual(['At most 100 characters']);
    expect(issues({ ...base, name: 'x'.repeat(100) })).toEqual({});
    expect(issues({ ...base, description: 'x'.repeat(501) }).description).toEqual(['At most 500 characters']);
    expect(issues({ ...base, description: null })).toEqual({});
    expect(issues({ ...base, method: 'PUT' }).method).toEqual(['Choose GET or POST']);
  });

  it('checks headers when passed: tokens, no line breaks, no duplicates, none reserved, at most 20', () => {
    const h = (headers: { name: string; value: string }[]) => issues({ ...base, passHeaders: true, headers });
    expect(h([{ name: 'X-Email', value: '${email}' }])).toEqual({});
    expect(h([{ name: 'X Email', value: '1' }])['headers.0.name']).toHaveLength(1);
    expect(h([{ name: '', value: '1' }])['headers.0.name']).toEqual(['Enter the header name']);
    expect(h([{ name: 'X-A', value: 'a\r\nInjected: 1' }])['headers.0.value']).toEqual(['Header values cannot contain a line break (CR or LF)']);
    expect(h([{ name: 'X-A', value: 'a\u0000' }])['headers.0.value']).toEqual(['Header values cannot contain a control character (U+0000)']);
    expect(h([{ name: 'X-A', value: '${oops' }])['headers.0.value']?.[0]).toMatch(/Unclosed variable/);
    expect(h([{ name: 'X-A', value: '1' }, { name: 'x-a', value: '2' }])).toEqual({ 'headers.1.name': ['This header is already set'] });
    expect(h([{ name: 'Content-Type', value: 'text/html' }])['headers.0.name']).toEqual(['Content-Type is set from the body format']);
    expect(h([{ name: 'Host', value: 'x' }])['headers.0.name']).toEqual(['Hookline sets this header itself']);
    const many = Array.from({ length: 21 }, (_, i) => ({ name: `X-${i}`, value: '1' }));
    expect(h(many).headers).toEqual(['At most 20 headers']);
    expect(h(many.slice(0, 20))).toEqual({});
  });

  it('does not check headers that are switched off', () => {
    expect(issues({ ...base, passHeaders: false, headers: [{ name: 'X Bad', value: 'a\nb' }] })).toEqual({});
  });

  it('requires a valid connector when authentication is on', () => {
    expect(issues({ ...base, authEnabled: true })).toEqual({ connectorId: ['Choose an authentication connector'] });
    expect(issues({ ...base, authEnabled: true, connectorId: 'not-a-uuid' }).connectorId).toEqual(['Choose an authentication connector']);
    expect(issues({ ...base, authEnabled: true, connectorId: CONNECTOR })).toEqual({});
    expect(issues({ ...base, authEnabled: false, connectorId: null })).toEqual({});
  });

  it('requires a body when the POST body is on, and checks JSON and XML with variables', () => {
    const p = (bodyFormat: string, body: string) => issues({ ...base, method: 'POST', bodyEnabled: true, bodyFormat, body });
    expect(p('json', '  ')).toEqual({ body: ['Enter the request body'] });
    expect(p('json', '{"email": "${email}", "n": ${n}}')).toEqual({});
    expect(p('json', '{"email": "${email}",}').body?.[0]).toMatch(/^The body is not valid JSON: \S/);
    expect(p('json', '{"email": "${email"').body?.[0]).toMatch(/Unclosed variable/);
    expect(p('json', '{"email": "${e mail}"}').body?.[0]).toMatch(/not a valid variable/);
    expect(p('xml', '<req><email>${email}</email><t a="${contact.TOWN}"/></req>')).toEqual({});
    expect(p('xml', '<req><email>${email}</req>').body?.[0]).toMatch(/^The body is not well-formed XML: .*\(line 1, column \d+\)/);
    expect(p('text', 'anything < & > goes ${email}')).toEqual({});
    expect(p('yaml', 'a: 1').bodyFormat).toEqual(['Choose JSON, XML or text']);
  });

  it('ignores the body for GET and when the body is off', () => {
    expect(issues({ ...base, method: 'GET', bodyEnabled: true, bodyFormat: 'json', body: '{bad' })).toEqual({});
    expect(issues({ ...base, method: 'POST', bodyEnabled: false, bodyFormat: 'json', body: '{bad' })).toEqual({});
  });
});

describe('toRequestSpec and fillVariables', () => {
  it('drops switched-off sections and the GET body', () => {
    const w = requestWebhookSchema.parse({
      ...base,
      method: 'POST',
      passHeaders: false,
      headers: [{ name: 'X-A', value: '1' }],
      bodyEnabled: true,
      bodyFormat: 'xml',
      body: '<a/>',
    });
    expect(toRequestSpec(w)).toEqual({ method: 'POST', url: base.url, headers: [], bodyFormat: 'xml', body: '<a/>' });
    expect(toRequestSpec({ ...w, method: 'GET' })).toMatchObject({ bodyFormat: null, body: null });
  });

  it('replaces variables and unescapes $${', () => {
    expect(fillVariables('a=${a}&b=${ contact.B }&c=$${c}', '1')).toBe('a=1&b=1&c=${c}');
  });
});
