// The HTTP rules of lib/http/rules.ts, one rule at a time (the places that use them: header-places.test.ts).
import { describe, expect, it } from 'vitest';
import {
  HTTPS_REQUIRED_MESSAGE,
  RESERVED_HEADER_MESSAGE,
  headerListIssues,
  headerNameProblem,
  headerValueFault,
  headerValueProblem,
  urlProblem,
} from '@/lib/http/rules';
import { MASKED } from '@/lib/http/mask';

describe('header names: an RFC 7230 token', () => {
  it('accepts tokens, refuses separators, spaces, non-ASCII and empty names', () => {
    for (const ok of ['X-Api-Key', 'x_custom', "a!#$%&'*+.^_`|~-9"]) expect(headerNameProblem(ok)).toBeNull();
    for (const bad of ['X Api', 'X:Api', 'X(Api)', 'X"', 'X/Y', 'Café', 'X\u2028', 'X\u0000']) {
      expect(headerNameProblem(bad)).toBe("Letters, digits and ! # $ % & ' * + - . ^ _ ` | ~ only");
    }
    expect(headerNameProblem('')).toBe('Enter the header name');
    expect(headerNameProblem('X'.repeat(101))).toBe('At most 100 characters');
  });
});

describe('reserved header names', () => {
  it('refuses Host, Content-Length, Transfer-Encoding, Connection and hop-by-hop names in any case', () => {
    for (const name of ['Host', 'content-length', 'TRANSFER-ENCODING', 'Connection', 'Keep-Alive', 'TE', 'Upgrade']) {
      expect(headerNameProblem(name)).toBe(RESERVED_HEADER_MESSAGE);
    }
  });

  it('refuses every webhook-* name (Standard Webhooks signature headers)', () => {
    for (const name of ['webhook-id', 'Webhook-Signature', 'webhook-timestamp', 'webhook-anything']) {
      expect(headerNameProblem(name)).toBe(RESERVED_HEADER_MESSAGE);
    }
    expect(headerNameProblem('x-webhook-id')).toBeNull();
  });

  it("adds a place's own headers with that place's reason", () => {
    const own = { 'content-type': 'Content-Type is set from the body format' };
    expect(headerNameProblem('Content-Type', own)).toBe('Content-Type is set from the body format');
    expect(headerNameProblem('Content-Type')).toBeNull();
  });
});

describe('header values: visible ASCII and Latin-1', () => {
  it('accepts ASCII, space, tab and Latin-1 letters', () => {
    for (const ok of ['Bearer abc.DEF-123', 'a b\tc', 'café crème ÿ', '', '\u00A0nbsp']) expect(headerValueFault(ok)).toBeNull();
  });

  it('refuses line breaks', () => {
    expect(headerValueProblem('a\r\nInjected: 1')).toBe('Header values cannot contain a line break (CR or LF)');
    expect(headerValueFault('a\nb')).toBe('a line break (CR or LF)');
    expect(headerValueFault('a\rb')).toBe('a line break (CR or LF)');
  });

  it('refuses C0 and C1 control characters and DEL', () => {
    expect(headerValueProblem('a\u0000b')).toBe('Header values cannot contain a control character (U+0000)');
    expect(headerValueFault('a\u001Fb')).toBe('a control character (U+001F)');
    expect(headerValueFault('a\u007Fb')).toBe('a control character (U+007F)');
    expect(headerValueFault('a\u0085b')).toBe('a control character (U+0085)');
  });

  it('refuses anything above U+00FF: U+2028, emoji, other scripts, lone surrogates', () => {
    expect(headerValueProblem('a\u2028b')).toBe('Header values cannot contain U+2028, a character outside ASCII and Latin-1 (up to U+00FF)');
    expect(headerValueFault('ok \u{1F600}')).toBe('U+1F600, a character outside ASCII and Latin-1 (up to U+00FF)');
    expect(headerValueFault('Київ')).toMatch(/^U\+041A,/);
    expect(headerValueFault('a\uD800b')).toMatch(/^U\+D800,/);
    expect(headerValueFault('\u0100')).toMatch(/^U\+0100,/);
  });
});

describe('a list of headers', () => {
  it('reports names, duplicates and values by index', () => {
    const issues = headerListIssues([
      { name: 'X-A', value: '1' },
      { name: 'x-a', value: '2' },
      { name: 'Host', value: 'evil' },
      { name: 'X-B', value: '\u{1F600}' },
    ]);
    expect(issues).toEqual([
      { path: [1, 'name'], message: 'This header is already set' },
      { path: [2, 'name'], message: RESERVED_HEADER_MESSAGE },
      { path: [3, 'value'], message: 'Header values cannot contain U+1F600, a character outside ASCII and Latin-1 (up to U+00FF)' },
    ]);
  });

  it('lets a masked credential through (it means: keep the stored value), not a masked ordinary header', () => {
    expect(headerListIssues([{ name: 'X-Api-Key', value: MASKED }])).toEqual([]);
    expect(headerListIssues([{ name: 'X-Town', value: MASKED }])).toHaveLength(1);
  });
});

describe('URLs: HTTPS only, with one message', () => {
  it('refuses every non-https target with the same message where HTTPS is required', () => {
    for (const url of ['http://example.com/', 'HTTP://example.com', 'ftp://example.com/', 'example.com/x', 'https:/x']) {
      expect(urlProblem(url, { https: true })).toBe(HTTPS_REQUIRED_MESSAGE);
    }
    expect(urlProblem('https://example.com/hook', { https: true })).toBeNull();
    expect(urlProblem('HTTPS://example.com/hook', { https: true })).toBeNull();
  });

  it('accepts http:// where the seeds allow it (Laboratory, exports), and refuses hostless or credentialed URLs everywhere', () => {
    expect(urlProblem('http://example.com/hook', { https: false })).toBeNull();
    expect(urlProblem('ftp://example.com/', { https: false })).toBe('Enter a full http:// or https:// address');
    for (const https of [true, false]) {
      expect(urlProblem('https:///x', { https })).toMatch(/full address/);
      expect(urlProblem('https://exa mple.com/', { https })).toMatch(/full address/);
      expect(urlProblem('https://u:p@example.com/', { https })).toBe('Put credentials in Authentication, not in the URL');
      expect(urlProblem(`https://example.com/${'a'.repeat(2048)}`, { https })).toBe('At most 2,048 characters');
    }
  });
});
