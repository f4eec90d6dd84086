// The response expression language for message personalisation: a webhook's parsed JSON response is
// reachable in a message as `$data.get('WH5').get('promocode')` (Velocity syntax, as in the messages
// that use it). Pure and browser-safe: the UI builds expressions for the fields of a test response and
// previews them; the message renderer evaluates them.
//
// Grammar (whitespace allowed inside the parentheses):
//   expression := '$' '!'? ( chain | '{' chain '}' )
//   chain      := 'data' ( '.get(' argument ')' | '.' identifier )*
//   argument   := 'single-quoted' | "double-quoted" | integer      (a quote is doubled: 'it''s')
// `.name` is Velocity's shorthand for `.get('name')` on a map (`$data.contacts.get(0).id`).
//
// Velocity's rendering of a reference that has no value: the loud form `$data…` renders the reference
// text itself, the quiet form `$!data…` renders ''. null counts as no value. Strings, numbers and
// booleans render as text; objects and arrays as JSON.

export type ResponsePath = (string | number)[];

export type EvaluateResult = {
  /** false only for a syntax error (see `error`). */
  ok: boolean;
  value: string;
  /** true when the reference had no value (then `value` is the expression text, or '' when quiet). */
  missing: boolean;
  error?: string;
};

function quote(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** `$data.get('WH5').get('promocode')` — or `$!data…` with `quiet`, which renders '' when missing. */
export function responseExpression(webhookName: string, path: ResponsePath, options: { quiet?: boolean } = {}): string {
  const steps = [webhookName, ...path].map((p) => `.get(${typeof p === 'number' ? String(Math.trunc(p)) : quote(p)})`);
  return `$${options.quiet ? '!' : ''}data${steps.join('')}`;
}

class ExpressionSyntaxError extends Error {}

type Step = string | number;

function parse(expr: string): { quiet: boolean; steps: Step[] } {
  let i = 0;
  function fail(what: string): never {
    throw new ExpressionSyntaxError(
      i >= expr.length ? `${what} at the end of the expression` : `${what} at position ${i + 1} (found "${expr[i]}")`,
    );
  }
  const skipSpace = () => {
    while (i < expr.length && /\s/.test(expr[i])) i++;
  };
  const expect = (s: string, what = `Expected "${s}"`) => {
    if (!expr.startsWith(s, i)) fail(what);
    i += s.length;
  };

  expect('$', 'An expression starts with $data');
  const quiet = expr[i] === '!';
  if (quiet) i++;
  const formal = expr[i] === '{';
  if (formal) i++;
  const ident = /^[A-Za-z][A-Za-z0-9_-]*/.exec(expr.slice(i));
  if (!ident) fail('Expected a reference such as $data');
  if (ident[0] !== 'data') throw new ExpressionSyntaxError(`Unknown reference $${ident[0]}: only $data (webhook responses) is available here`);
  i += ident[0].length;

  const steps: Step[] = [];
  while (expr[i] === '.') {
    i++;
    const name = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(expr.slice(i));
    if (!name) fail('Expected .get(…) or a property name');
    i += name[0].length;
    if (name[0] !== 'get' || expr[i] !== '(') {
      if (expr[i] === '(') throw new ExpressionSyntaxError(`Unknown method .${name[0]}(): only .get(…) is supported`);
      steps.push(name[0]);
      continue;
    }
    i++;
    skipSpace();
    const q = expr[i];
    if (q === "'" || q === '"') {
      i++;
      let s = '';
      for (;;) {
        if (i >= expr.length) fail(`Unclosed string: expected ${q}`);
        if (expr[i] === q) {
          if (expr[i + 1] === q) {
            s += q;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        s += expr[i++];
      }
      steps.push(s);
    } else {
      const n = /^-?\d+/.exec(expr.slice(i));
      if (!n) fail("Expected a quoted name such as 'promocode' or an index such as 0");
      i += n[0].length;
      steps.push(Number(n[0]));
    }
    skipSpace();
    expect(')');
  }
  if (formal) expect('}', 'Expected "}" to close ${');
  skipSpace();
  if (i < expr.length) fail('Unexpected text after the expression');
  return { quiet, steps };
}

function step(value: unknown, key: Step): unknown {
  if (Array.isArray(value)) {
    return typeof key === 'number' && key >= 0 && key < value.length ? value[key] : undefined;
  }
  if (value !== null && typeof value === 'object' && typeof key === 'string') {
    return Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  }
  return undefined;
}

function show(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? '';
}

/**
 * Evaluates one expression against `data` (webhook name → parsed JSON response).
 * A syntax error gives ok:false with a message naming the position.
 */
export function evaluateExpression(expr: string, data: Record<string, unknown>): EvaluateResult {
  const text = expr.trim();
  let parsed: { quiet: boolean; steps: Step[] };
  try {
    parsed = parse(text);
  } catch (e) {
    if (e instanceof ExpressionSyntaxError) return { ok: false, value: '', missing: false, error: e.message };
    throw e;
  }
  let value: unknown = data;
  for (const key of parsed.steps) {
    value = step(value, key);
    if (value === undefined) break;
  }
  if (value === undefined || value === null) return { ok: true, value: parsed.quiet ? '' : text, missing: true };
  return { ok: true, value: show(value), missing: false };
}

export type SuggestedPath = {
  path: ResponsePath;
  /** The leaf's value as an expression would render it. */
  value: string;
};

/**
 * Leaf paths of a JSON response, depth first in document order, at most `max`: strings, numbers,
 * booleans, null and empty objects/arrays. A primitive response gives the empty path; null gives none.
 */
export function suggestPaths(json: unknown, max = 20): SuggestedPath[] {
  const out: SuggestedPath[] = [];
  const walk = (value: unknown, path: ResponsePath, depth: number) => {
    if (out.length >= max) return;
    if (value !== null && typeof value === 'object' && depth < 32) {
      const entries: [string | number, unknown][] = Array.isArray(value)
        ? value.map((v, i) => [i, v])
        : Object.entries(value as Record<string, unknown>);
      if (entries.length > 0) {
        for (const [k, v] of entries) walk(v, [...path, k], depth + 1);
        return;
      }
    }
    if (value === undefined || typeof value === 'function') return;
    out.push({ path, value: value === null ? 'null' : show(value) });
  };
  if (json === null || json === undefined) return out; // no response, nothing to suggest
  walk(json, [], 0);
  return out;
}
