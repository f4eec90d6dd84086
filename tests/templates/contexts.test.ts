// A template value must never change the shape of the request around it (issue 11, item 11): one test
// per context — URL path, query, fragment, JSON body, XML body, header — with hostile values.
import { describe, expect, it } from 'vitest';
import { renderRequest, type RequestSpec } from '@/lib/templates/render';

const get = (url: string, over: Partial<RequestSpec> = {}): RequestSpec => ({ method: 'GET', url, headers: [], ...over });
const post = (bodyFormat: 'json' | 'xml', body: string): RequestSpec => ({ method: 'POST', url: 'https://example.com/in', headers: [], bodyFormat, body });
const PROFILE = 'https://example.com/api/users/${contact.X}/profile';

describe('path: a value stays that one path segment', () => {
  it('refuses `..` and `.`, which the URL parser would remove (sending to /api/profile or /api/users/profile)', () => {
    for (const X of ['..', '.']) {
      const r = renderRequest(get(PROFILE), { contact: { X } });
      expect(r.errors).toEqual([
        { field: 'url', message: `The value of \${contact.X} makes the path segment “${X}”, which would change the request path: a value in a path segment cannot be “.” or “..”` },
      ]);
    }
  });

  it('refuses a dot segment made of a value and the text around it, in any case of %2e', () => {
    expect(renderRequest(get('https://example.com/a/.${x}/b'), { event: { x: '.' } }).errors[0]?.message).toMatch(/“\.\.”/);
    expect(renderRequest(get('https://example.com/a/%2E${x}/b'), { event: { x: '.' } }).errors[0]?.message).toMatch(/“%2E\.”/);
    expect(renderRequest(get('https://example.com/a/${x}${y}'), { event: { x: '.', y: '.' } }).errors).toHaveLength(1);
  });

  it('encodes `/`, `\\`, `?`, `#` and `%`, so `%2e%2e` or `a/../b` stay inside the segment', () => {
    for (const [X, encoded] of [
      ['a/../b', 'a%2F..%2Fb'],
      ['..\\..', '..%5C..'],
      ['%2e%2e', '%252e%252e'],
      ['x?admin=1#y', 'x%3Fadmin%3D1%23y'],
      ['...', '...'],
    ]) {
      const r = renderRequest(get(PROFILE), { contact: { X } });
      expect(r.errors).toEqual([]);
      expect(r.url).toBe(`https://example.com/api/users/${encoded}/profile`);
      // What the URL parser (undici's) makes of it: still /api/users/<one segment>/profile.
      expect(new URL(r.url).pathname).toBe(`/api/users/${encoded}/profile`);
    }
  });

  it('leaves dot segments typed in the template itself, and dots in query and host, alone', () => {
    expect(renderRequest(get('https://example.com/a/../b/${x}'), { event: { x: '1' } }).errors).toEqual([]);
    expect(renderRequest(get('https://example.com/a?x=${x}'), { event: { x: '..' } }).errors).toEqual([]);
    expect(renderRequest(get('https://example.com/a#${x}'), { event: { x: '..' } }).errors).toEqual([]);
  });
});

describe('query: a value stays one parameter value', () => {
  it('cannot add parameters or start the fragment', () => {
    const r = renderRequest(get('https://example.com/promo?email=${email}&src=wh'), { event: { email: 'a@b.c&admin=1#frag' } });
    expect(r.errors).toEqual([]);
    const url = new URL(r.url);
    expect([...url.searchParams.keys()]).toEqual(['email', 'src']);
    expect(url.searchParams.get('email')).toBe('a@b.c&admin=1#frag');
    expect(url.hash).toBe('');
  });
});

describe('fragment: a value stays in the fragment', () => {
  it('cannot reach the path or the query', () => {
    const r = renderRequest(get('https://example.com/page#${x}'), { event: { x: '/../admin?x=1' } });
    expect(r.errors).toEqual([]);
    const url = new URL(r.url);
    expect(url.pathname).toBe('/page');
    expect(url.search).toBe('');
    expect(decodeURIComponent(url.hash.slice(1))).toBe('/../admin?x=1');
  });
});

describe('JSON body: a value stays one string', () => {
  it('cannot close the string and add keys', () => {
    const r = renderRequest(post('json', '{"town": "${contact.TOWN}"}'), { contact: { TOWN: '", "admin": true, "x": "\u2028' } });
    expect(r.errors).toEqual([]);
    expect(JSON.parse(r.body!)).toEqual({ town: '", "admin": true, "x": "\u2028' });
  });
});

describe('XML body: a value stays text of its element', () => {
  it('cannot close the element and add others', () => {
    const r = renderRequest(post('xml', '<order><town>${contact.TOWN}</town></order>'), { contact: { TOWN: '</town><admin>1</admin><town>' } });
    expect(r.errors).toEqual([]);
    expect(r.body).toBe('<order><town>&lt;/town&gt;&lt;admin&gt;1&lt;/admin&gt;&lt;town&gt;</town></order>');
  });
});

describe('header: a value stays one header value', () => {
  it('cannot add a header (CR/LF) and is refused, naming the header, when a header cannot carry it', () => {
    const spec = get('https://example.com/h', { headers: [{ name: 'X-Ref', value: '${ref}' }] });
    const injected = renderRequest(spec, { event: { ref: 'a\r\nX-Admin: 1' } });
    expect(injected.errors).toEqual([{ field: 'headers.0.value', message: 'Header “X-Ref”: The value of ${ref} contains a line break (CR or LF), which a header cannot carry' }]);
    expect(Object.values(injected.headers).join('')).not.toMatch(/[\r\n]/);
    expect(renderRequest(spec, { event: { ref: '\u{1F600}' } }).errors[0]?.message).toMatch(/^Header “X-Ref”: .*U\+1F600/);
    expect(renderRequest(spec, { event: { ref: 'R-1' } }).headers).toEqual({ 'X-Ref': 'R-1' });
  });
});
