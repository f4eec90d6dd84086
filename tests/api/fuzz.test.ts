// Issue 11: "never a 500 for any input". Every POST/PUT/PATCH route under app/api (found on disk)
// gets malformed bodies — wrong types, deep nesting, lone surrogates, NUL, huge numbers, arrays for
// objects, an empty body, a too-large body, wrong content types — on the caller's own resources, and
// must answer each with a 4xx (or a 2xx where the body happens to be acceptable), never a 5xx.
import { describe, expect, it } from 'vitest';
import { call } from '../support/call';
import { CASES, accountA, routes } from '../support/route-table';

/** Routes that read no body, where a fuzzed body says nothing (and which need a session or secret). */
const NO_BODY = new Set(['auth/logout POST', 'cron/deliver POST']);

const deep = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
const FIELDS = ['name', 'email', 'firstName', 'url', 'type', 'eventTypeKey', 'body', 'method', 'password', 'token', 'value', 'subscriberEmail', 'activityDateTime'];
const each = (value: string) => `{${FIELDS.map((f) => `"${f}":${value}`).join(',')}}`;

const JSON_BODIES: [string, string][] = [
  ['empty', ''],
  ['null', 'null'],
  ['a string', '"x"'],
  ['a number', '42'],
  ['an empty array', '[]'],
  ['an array of arrays', '[[1],[2]]'],
  ['an array of objects', '[{},{"name":1}]'],
  ['an empty object', '{}'],
  ['malformed', '{"name":'],
  ['trailing garbage', '{"name":"x"}}'],
  ['numbers for strings', each('12345')],
  ['objects for strings', each('{"x":{}}')],
  ['arrays for strings', each('["a",1]')],
  ['booleans everywhere', each('true')],
  ['null everywhere', each('null')],
  ['lone surrogates', each('"a\\ud800b"')],
  ['low surrogate first', each('"\\udc00\\ud800"')],
  ['NUL', each('"a\\u0000b"')],
  ['huge numbers', '{"listId":1e400,"subscriberId":-1e400,"limit":99999999999999999999999,"contactId":1e308,"messageId":-0,"enabled":1e999}'],
  ['huge integer ids', '{"type":"subscription","listId":123456789012345678901234567890,"subscriberId":9007199254740993,"subscriberEmail":"a@b.c"}'],
  ['3,000 levels deep', `{"name":"x","params":${deep(3000)},"fields":${deep(3000)}}`],
  ['20,000 levels in an unknown key', `{"unknown":${'['.repeat(20_000)}${']'.repeat(20_000)}}`],
  ['prototype keys', '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}},"name":"p"}'],
  ['long strings', each(`"${'x'.repeat(100_000)}"`)],
  ['over 1 MiB', `{"name":"${'x'.repeat(2 * 1024 * 1024 + 10)}"}`],
  ['control characters', each('"a\\r\\nX-Injected: 1\\u0007"')],
  ['odd unicode', each('"\\u2028\\u2029\\ufeff😀\\u202e"')],
  ['dates out of range', '{"activityDateTime":"0000-01-01T00:00:00Z","eventDate":"2024-02-30T00:00:00Z","dateFrom":"+275760-09-13T00:00:00Z"}'],
];
const TYPED_BODIES: [string, string | null, string][] = [
  ['no content type', null, '{"name":"x"}'],
  ['text/plain', 'text/plain', '{"name":"x"}'],
  ['XML', 'application/xml', '<name>x</name>'],
  ['multipart', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--x--'],
  ['a form', 'application/x-www-form-urlencoded', 'name=x'],
  ['JSON with a charset', 'application/json; charset=latin1', '{"name":"x"}'],
];

describe('malformed bodies never get a 5xx', () => {
  it('answers every POST/PUT/PATCH route with a 4xx or 2xx for every malformed body', { timeout: 300_000 }, async () => {
    const own = await accountA();
    const targets = (await routes()).filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method) && !NO_BODY.has(`${r.route} ${r.method}`));
    expect(targets.length).toBeGreaterThan(30);
    const failures: string[] = [];
    let sent = 0;
    for (const { route, method, handler } of targets) {
      const c = CASES[`${route} ${method}`];
      const params = c && 'cross' in c ? c.cross(own).params : c && 'own' in c ? c.own(own).params : undefined;
      const bodies: [string, string | null, string][] = [...JSON_BODIES.map(([label, body]): [string, string, string] => [label, 'application/json', body]), ...TYPED_BODIES];
      for (const [label, contentType, body] of bodies) {
        const res = await call(handler, own.apiKey, { method, path: `/api/${route}`, params, body, contentType });
        sent++;
        if (res.status >= 500) failures.push(`${method} /api/${route} with ${label} → ${res.status}: ${(await res.text()).slice(0, 200)}`);
        else await res.body?.cancel();
      }
    }
    console.log(`fuzz: ${sent} requests to ${targets.length} route methods, ${failures.length} 5xx`);
    expect(failures).toEqual([]);
  });

  it('answers every GET route with a 4xx or 2xx for malformed query strings', { timeout: 300_000 }, async () => {
    const own = await accountA();
    const targets = (await routes()).filter((r) => r.method === 'GET');
    const NAMES = ['q', 'email', 'eventKey', 'status', 'from', 'to', 'cursor', 'limit', 'workflowId', 'endpointId', 'actor', 'action', 'targetKind', 'all', 'deleted', 'type', 'contactId', 'segmentId'];
    const each = (value: string) => NAMES.map((n) => `${n}=${value}`).join('&');
    const QUERIES: [string, string][] = [
      // One field at a time: with every field bad, a route refuses the first before it queries.
      ...NAMES.map((n): [string, string] => [`NUL in ${n}`, `${n}=a%00b`]),
      ['NUL', each('a%00b')],
      ['a lone surrogate, percent-encoded', each('%ED%A0%80')],
      ['huge numbers', each('1e400')],
      ['negative numbers', each('-1')],
      ['dates out of range', each('%2B275760-09-13T00:00:00Z')],
      ['repeated keys', `${each('x')}&${each('y')}`],
      ['bracketed keys', NAMES.map((n) => `${n}[]=1&${n}[a]=2`).join('&')],
      ['long values', each('x'.repeat(10_000))],
      ['control characters', each('%0D%0AX-Injected:%201%07')],
    ];
    const failures: string[] = [];
    let sent = 0;
    for (const { route, method, handler } of targets) {
      const c = CASES[`${route} ${method}`];
      if (!c || 'outside' in c) continue;
      const params = 'cross' in c ? c.cross(own).params : c.own(own).params;
      for (const [label, query] of QUERIES) {
        const res = await call(handler, own.apiKey, { method, path: `/api/${route}?${query}`, params });
        sent++;
        if (res.status >= 500) failures.push(`GET /api/${route} with ${label} → ${res.status}: ${(await res.text()).slice(0, 200)}`);
        else await res.body?.cancel();
      }
    }
    console.log(`fuzz: ${sent} query strings to ${targets.length} GET routes, ${failures.length} 5xx`);
    expect(failures).toEqual([]);
  });
});
