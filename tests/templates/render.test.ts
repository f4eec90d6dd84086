import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { checkXml, listVariables, parseTemplate, render, TemplateError } from '@/lib/templates/render';

const NASTY = 'a&b<c>"d';
const ctx = {
  event: { email: 'ann@example.com', orderId: '42', empty: '' },
  contact: { email: 'contact@example.com', TOWN: NASTY, firstName: 'Ann', id: '7' },
};

function renderError(fn: () => unknown): TemplateError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(TemplateError);
    return e as TemplateError;
  }
  throw new Error('expected a TemplateError');
}

describe('render: escaping by context (contact value a&b<c>"d)', () => {
  it('url: percent-encodes values and leaves the template as typed', () => {
    expect(render('${contact.TOWN}', ctx, 'url').value).toBe('a%26b%3Cc%3E%22d');
    expect(render('https://x.example/p?town=${contact.TOWN}&email=${email}', ctx, 'url').value).toBe(
      'https://x.example/p?town=a%26b%3Cc%3E%22d&email=ann%40example.com',
    );
    expect(render('q=${v}', { event: { v: 'a/b c?d#e' } }, 'url').value).toBe('q=a%2Fb%20c%3Fd%23e');
  });

  it('url: a lone surrogate does not throw', () => {
    expect(render('${v}', { event: { v: 'x\uD800y\uDC00' } }, 'url').value).toBe('x%EF%BF%BDy%EF%BF%BD');
    expect(render('${v}', { event: { v: '\u{1F600}' } }, 'url').value).toBe('%F0%9F%98%80');
  });

  it('json: string escaping without quotes, parses back to the original', () => {
    const { value } = render('${contact.TOWN}', ctx, 'json');
    expect(value).toBe('a&b<c>\\"d');
    expect(JSON.parse(`"${value}"`)).toBe(NASTY);
    const body = render('{"town": "${contact.TOWN}"}', ctx, 'json').value;
    expect(JSON.parse(body)).toEqual({ town: NASTY });
  });

  it('json: backslashes, control characters and U+2028/2029 are escaped', () => {
    const raw = 'back\\slash\nline\ttab\u0001ctl\u2028ls\u2029ps';
    const { value } = render('${v}', { event: { v: raw } }, 'json');
    expect(value).toBe('back\\\\slash\\nline\\ttab\\u0001ctl\\u2028ls\\u2029ps');
    expect(value).not.toMatch(/[\u0000-\u001f\u2028\u2029]/);
    expect(JSON.parse(`"${value}"`)).toBe(raw);
  });

  it('xml: escapes & < > " \' and stays well-formed', () => {
    expect(render('${contact.TOWN}', ctx, 'xml').value).toBe('a&amp;b&lt;c&gt;&quot;d');
    expect(render("${v}", { event: { v: "it's" } }, 'xml').value).toBe('it&apos;s');
    const doc = render('<town name="${contact.TOWN}">${contact.TOWN}</town>', ctx, 'xml').value;
    expect(checkXml(doc)).toEqual({ ok: true });
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(doc) as { town: Record<string, string> };
    expect(parsed.town['#text']).toBe(NASTY);
    expect(parsed.town['@_name']).toBe(NASTY);
  });

  it('xml: tab, LF and CR become character references; other control characters are refused', () => {
    expect(render('${v}', { event: { v: 'a\tb\nc\rd' } }, 'xml').value).toBe('a&#9;b&#10;c&#13;d');
    const err = renderError(() => render('<a>${contact.bad}</a>', { contact: { bad: 'x\u0001y' } }, 'xml'));
    expect(err.context).toBe('xml');
    expect(err.variable).toBe('contact.bad');
    expect(err.message).toContain('${contact.bad}');
    expect(() => render('${v}', { event: { v: 'x\uD800' } }, 'xml')).toThrow(TemplateError);
    expect(render('${v}', { event: { v: '\u{1F600}' } }, 'xml').value).toBe('\u{1F600}');
  });

  it('header: values pass as is; CR or LF is refused with a TemplateError naming the variable', () => {
    expect(render('Town ${contact.TOWN}', ctx, 'header').value).toBe(`Town ${NASTY}`);
    for (const bad of ['x\r\nSet-Cookie: a=b', 'x\ny', 'x\ry']) {
      const err = renderError(() => render('v=${contact.TOWN}', { contact: { TOWN: bad } }, 'header'));
      expect(err.name).toBe('TemplateError');
      expect(err.variable).toBe('contact.TOWN');
      expect(err.context).toBe('header');
      expect(err.message).toMatch(/\$\{contact\.TOWN\}.*line break/);
    }
  });

  it('header: other control characters are refused, tab is allowed, the template text is checked too', () => {
    expect(renderError(() => render('${v}', { event: { v: 'a\u0000b' } }, 'header')).message).toMatch(/control character/);
    expect(renderError(() => render('${v}', { event: { v: 'a\u007fb' } }, 'header')).variable).toBe('v');
    expect(render('${v}', { event: { v: 'a\tb' } }, 'header').value).toBe('a\tb');
    const err = renderError(() => render('a\r\nb ${email}', ctx, 'header'));
    expect(err.variable).toBeNull();
  });

  it('text: as is', () => {
    expect(render('Hello ${contact.firstName}, ${contact.TOWN}', ctx, 'text').value).toBe(`Hello Ann, ${NASTY}`);
  });
});

describe('render: variables', () => {
  it('reads event params and contact fields, tolerating whitespace inside ${ }', () => {
    expect(render('${email}|${ contact.email }|${\torderId }', ctx, 'text').value).toBe('ann@example.com|contact@example.com|42');
  });

  it('renders a missing variable as empty and lists it once, in order', () => {
    const r = render('a${nope}b${contact.PHONE}c${nope}d${email}', ctx, 'text');
    expect(r.value).toBe('abcdann@example.com');
    expect(r.missing).toEqual(['nope', 'contact.PHONE']);
  });

  it('treats everything as missing without an event or a contact', () => {
    expect(render('${email}${contact.email}', {}, 'url')).toEqual({ value: '', missing: ['email', 'contact.email'] });
    expect(render('${email}', { contact: ctx.contact }, 'text').missing).toEqual(['email']);
  });

  it('an empty value is present, not missing', () => {
    expect(render('[${empty}]', ctx, 'text')).toEqual({ value: '[]', missing: [] });
  });

  it('does not read inherited properties', () => {
    expect(render('${constructor}${__proto__}${contact.toString}', ctx, 'text')).toEqual({
      value: '',
      missing: ['constructor', '__proto__', 'contact.toString'],
    });
  });

  it('an exact key wins, otherwise the key is matched ignoring case', () => {
    expect(render('${contact.EMAIL}', ctx, 'text').value).toBe('contact@example.com');
    expect(render('${contact.TOWN}', { contact: { Town: 'lower', TOWN: 'exact' } }, 'text').value).toBe('exact');
  });

  it('names may hold letters, digits, _ - and .', () => {
    expect(render('${order.id}/${a_b-c9}', { event: { 'order.id': '1', 'a_b-c9': '2' } }, 'text').value).toBe('1/2');
  });

  it('$${ is a literal ${ and is not a variable', () => {
    expect(render('$${email} ${email} $$${email}', ctx, 'text').value).toBe('${email} ann@example.com $${email}');
    expect(render('$${email}', {}, 'text').missing).toEqual([]);
    expect(render('cost: $5, ${orderId}', ctx, 'text').value).toBe('cost: $5, 42');
  });

  it('leaves malformed placeholders as typed and reports them', () => {
    expect(render('${bad name} ${email', ctx, 'text')).toEqual({ value: '${bad name} ${email', missing: [] });
    const { problems } = parseTemplate('ok ${bad name} ${contact.} ${email');
    expect(problems.map((p) => p.index)).toEqual([3, 15, 27]);
    expect(problems[0].message).toMatch(/not a valid variable/);
    expect(problems[2].message).toMatch(/Unclosed variable/);
  });
});

describe('listVariables', () => {
  it('lists distinct event and contact variables in order of first use', () => {
    expect(
      listVariables('https://x.example/?e=${email}&t=${contact.TOWN}&o=${ orderId }&e2=${email}&id=${contact.id}&t2=${contact.TOWN}'),
    ).toEqual({ event: ['email', 'orderId'], contact: ['TOWN', 'id'] });
  });

  it('ignores escaped and malformed placeholders', () => {
    expect(listVariables('$${email} ${bad name} ${contact.} ${x')).toEqual({ event: [], contact: [] });
  });

  it('tells a contact-only template from an event-only one', () => {
    expect(listVariables('{"town":"${contact.TOWN}"}')).toEqual({ event: [], contact: ['TOWN'] });
    expect(listVariables('?email=${email}')).toEqual({ event: ['email'], contact: [] });
    expect(listVariables('no variables')).toEqual({ event: [], contact: [] });
  });
});
