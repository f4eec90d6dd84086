import { describe, expect, it } from 'vitest';
import { evaluateExpression, responseExpression, suggestPaths } from '@/lib/templates/expression';

const data: Record<string, unknown> = {
  WH5: { promocode: 'SPRING-10', discount: 15, active: true, expires: null, tags: ['a', 'b'], meta: { tier: 'gold' } },
  contacts_get_by_email: [{ id: 1258810400, email: 'test@gmail.com' }, { id: 2 }],
  "it's": { 'x y': 'quoted' },
};

const ok = (value: string) => ({ ok: true, value, missing: false });

describe('responseExpression', () => {
  it('builds the Velocity expression for a webhook and a path', () => {
    expect(responseExpression('WH5', ['promocode'])).toBe("$data.get('WH5').get('promocode')");
    expect(responseExpression('contacts_get_by_email', [0, 'id'])).toBe("$data.get('contacts_get_by_email').get(0).get('id')");
    expect(responseExpression('WH5', ['promocode'], { quiet: true })).toBe("$!data.get('WH5').get('promocode')");
    expect(responseExpression('WH5', [])).toBe("$data.get('WH5')");
  });

  it('escapes quotes in names by doubling them, and the result evaluates', () => {
    const expr = responseExpression("it's", ['x y']);
    expect(expr).toBe("$data.get('it''s').get('x y')");
    expect(evaluateExpression(expr, data)).toEqual(ok('quoted'));
  });
});

describe('evaluateExpression', () => {
  it('reads a field of a webhook response', () => {
    expect(evaluateExpression("$data.get('WH5').get('promocode')", data)).toEqual(ok('SPRING-10'));
    expect(evaluateExpression("$!data.get('WH5').get('promocode')", data)).toEqual(ok('SPRING-10'));
  });

  it('indexes arrays with get(n)', () => {
    expect(evaluateExpression("$data.get('contacts_get_by_email').get(0).get('id')", data)).toEqual(ok('1258810400'));
    expect(evaluateExpression("$data.get('contacts_get_by_email').get(1).get('id')", data)).toEqual(ok('2'));
    expect(evaluateExpression("$data.get('WH5').get('tags').get(1)", data)).toEqual(ok('b'));
  });

  it('accepts the property shorthand, the formal ${…} notation and spaces in the parentheses', () => {
    expect(evaluateExpression('$data.contacts_get_by_email.get(0).id', data)).toEqual(ok('1258810400'));
    expect(evaluateExpression("${data.get('WH5').get('promocode')}", data)).toEqual(ok('SPRING-10'));
    expect(evaluateExpression("$!{data.get( 'WH5' ).get( \"promocode\" )}", data)).toEqual(ok('SPRING-10'));
    expect(evaluateExpression("  $data.get('WH5').get('discount')  ", data)).toEqual(ok('15'));
  });

  it('renders numbers and booleans as text, objects and arrays as JSON', () => {
    expect(evaluateExpression("$data.get('WH5').get('active')", data)).toEqual(ok('true'));
    expect(evaluateExpression("$data.get('WH5').get('tags')", data)).toEqual(ok('["a","b"]'));
    expect(evaluateExpression("$data.get('WH5').get('meta')", data)).toEqual(ok('{"tier":"gold"}'));
    expect(JSON.parse(evaluateExpression("$data.get('contacts_get_by_email')", data).value)).toEqual(data.contacts_get_by_email);
  });

  it('loud form: a missing value renders the expression text itself (as Velocity does)', () => {
    for (const expr of [
      "$data.get('WH5').get('nope')",
      "$data.get('nowebhook').get('promocode')",
      "$data.get('WH5').get('tags').get(5)",
      "$data.get('WH5').get('tags').get(-1)",
      "$data.get('WH5').get('tags').get('0')",
      "$data.get('WH5').get(0)",
      "$data.get('WH5').get('promocode').get('deeper')",
      "$data.get('WH5').get('expires')",
      "$data.get('WH5').get('constructor')",
    ]) {
      expect(evaluateExpression(expr, data), expr).toEqual({ ok: true, value: expr, missing: true });
    }
  });

  it('quiet form: a missing value renders as empty', () => {
    expect(evaluateExpression("$!data.get('WH5').get('nope')", data)).toEqual({ ok: true, value: '', missing: true });
    expect(evaluateExpression("$!data.get('contacts_get_by_email').get(9).get('id')", data)).toEqual({ ok: true, value: '', missing: true });
    expect(evaluateExpression("$!data.get('WH5').get('expires')", {})).toEqual({ ok: true, value: '', missing: true });
  });

  it('reports syntax errors with a message', () => {
    const cases: [string, RegExp][] = [
      ["$data.get('WH5'", /Expected "\)" at the end/],
      ["$data.get('WH5).get('x')", /Expected "\)"|Unclosed string/],
      ["$data.get('WH5", /Unclosed string/],
      ['$data.get(WH5)', /quoted name .* at position 11/],
      ["$data.get('WH5') tail", /Unexpected text after the expression at position 18/],
      ["$data.get('WH5').", /Expected \.get\(…\) or a property name/],
      ["$data.get('WH5').size()", /Unknown method \.size\(\)/],
      ['$!mathTool.toInteger(1)', /Unknown reference \$mathTool/],
      ["data.get('WH5')", /starts with \$data/],
      ["${data.get('WH5')", /Expected "}"/],
      ['', /starts with \$data/],
    ];
    for (const [expr, message] of cases) {
      const r = evaluateExpression(expr, data);
      expect(r.ok, expr).toBe(false);
      expect(r.value).toBe('');
      expect(r.error, expr).toMatch(message);
    }
  });
});

describe('suggestPaths', () => {
  it('lists the leaf paths of a response depth first, in document order', () => {
    expect(suggestPaths({ promocode: 'X1', user: { id: 7, tags: ['a', 'b'] }, ok: true, none: null, empty: {}, list: [] })).toEqual([
      { path: ['promocode'], value: 'X1' },
      { path: ['user', 'id'], value: '7' },
      { path: ['user', 'tags', 0], value: 'a' },
      { path: ['user', 'tags', 1], value: 'b' },
      { path: ['ok'], value: 'true' },
      { path: ['none'], value: 'null' },
      { path: ['empty'], value: '{}' },
      { path: ['list'], value: '[]' },
    ]);
  });

  it('a top-level array starts with an index; a primitive response is the empty path', () => {
    expect(suggestPaths([{ id: 1 }])).toEqual([{ path: [0, 'id'], value: '1' }]);
    expect(suggestPaths('CODE')).toEqual([{ path: [], value: 'CODE' }]);
    expect(suggestPaths(null)).toEqual([]);
  });

  it('stops at max (20 by default)', () => {
    const big = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]));
    expect(suggestPaths(big)).toHaveLength(20);
    expect(suggestPaths(big, 3).map((s) => s.path)).toEqual([['k0'], ['k1'], ['k2']]);
    expect(suggestPaths(big, 0)).toEqual([]);
  });

  it('every suggestion, turned into an expression, evaluates to its value', () => {
    const response = data.WH5;
    const suggestions = suggestPaths(response);
    expect(suggestions.length).toBeGreaterThan(4);
    for (const s of suggestions) {
      const expr = responseExpression('WH5', s.path);
      const r = evaluateExpression(expr, { WH5: response });
      if (s.value === 'null') expect(r.missing).toBe(true);
      else expect(r, expr).toEqual(ok(s.value));
    }
  });
});
