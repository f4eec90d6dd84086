import { describe, expect, it } from 'vitest';
import { checkXml, listRequestVariables, renderRequest, type RequestSpec } from '@/lib/templates/render';
import { HTTPS_REQUIRED_MESSAGE } from '@/lib/http/rules';

const NASTY = 'a&b<c>"d';
const ctx = { event: { email: 'ann@example.com', orderId: '42' }, contact: { TOWN: NASTY, id: '7' } };

const post = (over: Partial<RequestSpec>): RequestSpec => ({
  method: 'POST',
  url: 'https://api.example.com/promo',
  headers: [],
  bodyFormat: null,
  body: null,
  ...over,
});

describe('renderRequest', () => {
  it('renders URL, headers and a JSON body, each in its context', () => {
    const r = renderRequest(
      post({
        url: 'https://api.example.com/promo?town=${contact.TOWN}&email=${email}',
        headers: [{ name: 'X-Town', value: '${contact.TOWN}' }],
        bodyFormat: 'json',
        body: '{"town": "${contact.TOWN}", "order": ${orderId}}',
      }),
      ctx,
    );
    expect(r.errors).toEqual([]);
    expect(r.missing).toEqual([]);
    expect(r.method).toBe('POST');
    expect(r.url).toBe('https://api.example.com/promo?town=a%26b%3Cc%3E%22d&email=ann%40example.com');
    expect(new URL(r.url).searchParams.get('town')).toBe(NASTY);
    expect(r.headers).toEqual({ 'X-Town': NASTY });
    expect(r.contentType).toBe('application/json');
    expect(JSON.parse(r.body!)).toEqual({ town: NASTY, order: 42 });
  });

  it('renders an XML body escaped and well-formed', () => {
    const r = renderRequest(post({ bodyFormat: 'xml', body: '<?xml version="1.0"?>\n<req town="${contact.TOWN}"><t>${contact.TOWN}</t></req>' }), ctx);
    expect(r.errors).toEqual([]);
    expect(r.contentType).toBe('application/xml');
    expect(r.body).toBe('<?xml version="1.0"?>\n<req town="a&amp;b&lt;c&gt;&quot;d"><t>a&amp;b&lt;c&gt;&quot;d</t></req>');
    expect(checkXml(r.body!)).toEqual({ ok: true });
  });

  it('renders a text body as is', () => {
    const r = renderRequest(post({ bodyFormat: 'text', body: 'town=${contact.TOWN}' }), ctx);
    expect(r).toMatchObject({ body: `town=${NASTY}`, contentType: 'text/plain', errors: [] });
  });

  it('sends no body with GET', () => {
    const r = renderRequest({ method: 'GET', url: 'https://api.example.com/?e=${email}', headers: [], bodyFormat: 'json', body: '{"a": 1}' }, ctx);
    expect(r).toMatchObject({ method: 'GET', body: null, contentType: null, errors: [] });
  });

  it('sends no body when POST has no body format', () => {
    expect(renderRequest(post({ body: 'x' }), ctx)).toMatchObject({ body: null, contentType: null });
  });

  it('reports a JSON body that is invalid after substitution', () => {
    // A missing number renders as '' and breaks the JSON.
    const r = renderRequest(post({ bodyFormat: 'json', body: '{"order": ${missingNumber}}' }), ctx);
    expect(r.missing).toEqual(['missingNumber']);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].field).toBe('body');
    expect(r.errors[0].message).toMatch(/^The body is not valid JSON after substitution: \S/);
  });

  it('reports a malformed XML body with line and column', () => {
    const r = renderRequest(post({ bodyFormat: 'xml', body: '<a>\n  <b>${email}</a>' }), ctx);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].field).toBe('body');
    expect(r.errors[0].message).toMatch(/^The body is not well-formed XML after substitution: .+\(line 2, column \d+\)$/);
  });

  it('reports XML with more than one root element', () => {
    const r = renderRequest(post({ bodyFormat: 'xml', body: '<a/><b/>' }), ctx);
    expect(r.errors.map((e) => e.field)).toEqual(['body']);
    expect(r.errors[0].message).toMatch(/one root element/);
  });

  it('refuses a non-https URL and a URL that does not parse after substitution', () => {
    expect(renderRequest(post({ url: 'http://api.example.com/' }), ctx).errors).toEqual([
      { field: 'url', message: `After substitution: ${HTTPS_REQUIRED_MESSAGE}` },
    ]);
    const r = renderRequest(post({ url: 'https://${host}/x' }), ctx);
    expect(r.missing).toEqual(['host']);
    // Not read as https://x/ (the URL parser skips the empty host).
    expect(r.errors).toEqual([{ field: 'url', message: 'After substitution: Enter a full address such as https://example.com/hook' }]);
    expect(renderRequest(post({ url: 'https://exa mple.com/' }), ctx).errors).toEqual([
      { field: 'url', message: 'After substitution: Enter a full address such as https://example.com/hook' },
    ]);
    expect(renderRequest(post({ url: 'https://api.example.com/?e=${email' }), ctx).errors[0]).toMatchObject({
      field: 'url',
      message: expect.stringMatching(/Unclosed variable/),
    });
  });

  it('a variable cannot change the scheme or host: its value is percent-encoded', () => {
    const r = renderRequest(post({ url: 'https://${host}' }), { event: { host: 'evil.example/x' } });
    expect(r.url).toBe('https://evil.example%2Fx');
    expect(r.errors.map((e) => e.field)).toEqual(['url']);
  });

  it('reports a line break in a header value instead of throwing', () => {
    const r = renderRequest(post({ headers: [{ name: 'X-Town', value: '${contact.TOWN}' }] }), { contact: { TOWN: 'a\r\nInjected: 1' } });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].field).toBe('headers.0.value');
    expect(r.errors[0].message).toMatch(/\$\{contact\.TOWN\}.*line break/);
    expect(Object.values(r.headers).join('')).not.toMatch(/[\r\n]/);
  });

  it('checks header names: tokens only, no duplicates, none of the reserved ones', () => {
    const r = renderRequest(
      post({
        headers: [
          { name: 'X-Ok', value: '1' },
          { name: 'Bad Name', value: '2' },
          { name: 'x-ok', value: '3' },
          { name: 'Content-Type', value: 'text/html' },
          { name: 'Host', value: 'a' },
        ],
      }),
      ctx,
    );
    expect(r.errors.map((e) => e.field)).toEqual(['headers.1.name', 'headers.2.name', 'headers.3.name', 'headers.4.name']);
    // Only the valid, distinct, non-reserved header is sent.
    expect(r.headers).toEqual({ 'X-Ok': '1' });
  });

  it('collects missing variables from every part, once each, in order', () => {
    const r = renderRequest(
      post({
        url: 'https://api.example.com/?a=${a}&t=${contact.TOWN}',
        headers: [{ name: 'X-B', value: '${b}${a}' }],
        bodyFormat: 'text',
        body: '${contact.PHONE} ${b} ${email}',
      }),
      ctx,
    );
    expect(r.missing).toEqual(['a', 'b', 'contact.PHONE']);
    expect(r.errors).toEqual([]);
  });
});

describe('listRequestVariables', () => {
  it('merges URL, header values and the POST body', () => {
    const spec = post({
      url: 'https://api.example.com/?e=${email}',
      headers: [{ name: 'X-Id', value: '${contact.id}' }],
      bodyFormat: 'json',
      body: '{"t": "${contact.TOWN}", "e": "${email}", "o": "${orderId}"}',
    });
    expect(listRequestVariables(spec)).toEqual({ event: ['email', 'orderId'], contact: ['id', 'TOWN'] });
    expect(listRequestVariables({ ...spec, method: 'GET' })).toEqual({ event: ['email'], contact: ['id'] });
  });
});
