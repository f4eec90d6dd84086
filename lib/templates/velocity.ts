// Velocity templates, as the messages of eSputnik workflows write them (seed 001: the answer of a
// workflow webhook is read as `$data.get('WH5').get('promocode')`, or
// `$!mathTool.toInteger($data.contacts_get_by_email.get(0).id)`). One module for every place that
// renders one: the Manage Webhook dialog's $data preview today, workflow messages next. Pure and
// browser-safe, on velocityjs.
//
// The context:
//   $data      webhook name → its parsed response; Java-style maps and lists: .get('key'), .get(0),
//              .size(), .keySet(), and property access ($data.WH5.promocode)
//   $contact   the contact's fields ($contact.email, $contact.TOWN)
//   $event     the triggering event's params ($event.productId)
//   $mathTool  toInteger, toDouble, add, sub, mul, div, roundTo, round, abs, max, min (null when not a number)
//   $dateTool  get('yyyy-MM-dd'), format('dd.MM.yyyy', date), getYear(), getMonth(), getDay() — UTC
// A reference with no value renders as typed (`$data.get('x')`), the quiet form (`$!data…`) as ''.
// #if/#elseif/#else, #foreach, #set, #break work as in Velocity.
//
// Limits, so a template typed by anyone cannot stall a worker or a browser tab: its size, the number
// of evaluation steps, the render time, the size of a range ([1..n]) and of the output.
import { Compile, Helper, parse } from 'velocityjs';

export const MAX_TEMPLATE_LENGTH = 65_536;
export const MAX_STEPS = 100_000;
export const MAX_RENDER_MS = 250;
export const MAX_RANGE = 10_000;
export const MAX_OUTPUT_LENGTH = 1_048_576;

export type VelocityContext = {
  /** Webhook name → its parsed JSON response. */
  data?: Record<string, unknown>;
  contact?: Record<string, unknown> | null;
  event?: Record<string, unknown> | null;
  /** "Now" for $dateTool (tests, or a run's own time). */
  now?: Date;
};

export type VelocityErrorKind = 'syntax' | 'too_large' | 'too_many_steps' | 'too_slow' | 'output_too_large' | 'range_too_large';

export class VelocityError extends Error {
  constructor(
    readonly kind: VelocityErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'VelocityError';
  }
}

// ---- tools ------------------------------------------------------------------------------------------

const toNumber = (v: unknown): number | null => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
};
const both = (a: unknown, b: unknown, f: (x: number, y: number) => number) => {
  const x = toNumber(a);
  const y = toNumber(b);
  if (x === null || y === null) return null;
  const r = f(x, y);
  return Number.isFinite(r) ? r : null;
};

/** Velocity's MathTool: numbers in, numbers out, null (no value) for what is not a number. */
function mathTool() {
  return {
    toInteger: (v: unknown) => {
      const n = toNumber(v);
      return n === null ? null : Math.trunc(n);
    },
    toDouble: (v: unknown) => toNumber(v),
    add: (a: unknown, b: unknown) => both(a, b, (x, y) => x + y),
    sub: (a: unknown, b: unknown) => both(a, b, (x, y) => x - y),
    mul: (a: unknown, b: unknown) => both(a, b, (x, y) => x * y),
    div: (a: unknown, b: unknown) => both(a, b, (x, y) => (y === 0 ? NaN : x / y)),
    max: (a: unknown, b: unknown) => both(a, b, Math.max),
    min: (a: unknown, b: unknown) => both(a, b, Math.min),
    abs: (v: unknown) => {
      const n = toNumber(v);
      return n === null ? null : Math.abs(n);
    },
    round: (v: unknown) => {
      const n = toNumber(v);
      return n === null ? null : Math.round(n);
    },
    roundTo: (decimals: unknown, v: unknown) => {
      const d = toNumber(decimals);
      const n = toNumber(v);
      if (d === null || n === null || d < 0 || d > 15) return null;
      const f = 10 ** Math.trunc(d);
      return Math.round(n * f) / f;
    },
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** The common SimpleDateFormat letters, in UTC: yyyy yy MM dd HH mm ss SSS, 'quoted text'. */
function formatDate(pattern: string, date: Date): string {
  return pattern.replace(/'([^']*)'|yyyy|yy|MM|dd|HH|mm|ss|SSS/g, (m, quoted: string | undefined) => {
    if (quoted !== undefined) return quoted === '' ? "'" : quoted;
    switch (m) {
      case 'yyyy':
        return String(date.getUTCFullYear());
      case 'yy':
        return pad(date.getUTCFullYear() % 100);
      case 'MM':
        return pad(date.getUTCMonth() + 1);
      case 'dd':
        return pad(date.getUTCDate());
      case 'HH':
        return pad(date.getUTCHours());
      case 'mm':
        return pad(date.getUTCMinutes());
      case 'ss':
        return pad(date.getUTCSeconds());
      default:
        return pad(date.getUTCMilliseconds(), 3);
    }
  });
}
const toDate = (v: unknown): Date | null => {
  const d = v instanceof Date ? v : typeof v === 'string' || typeof v === 'number' ? new Date(v) : null;
  return d && !Number.isNaN(d.getTime()) ? d : null;
};

/** Velocity's DateTool, the basics, in UTC. */
function dateTool(now: Date) {
  return {
    get: (pattern?: unknown) => (typeof pattern === 'string' ? formatDate(pattern, now) : now.toISOString()),
    format: (pattern: unknown, date: unknown) => {
      const d = toDate(date);
      return typeof pattern === 'string' && d ? formatDate(pattern, d) : null;
    },
    getYear: () => now.getUTCFullYear(),
    getMonth: () => now.getUTCMonth(), // 0-based, as java.util.Calendar
    getDay: () => now.getUTCDate(),
    toString: () => now.toISOString(),
  };
}

// ---- the renderer -------------------------------------------------------------------------------------

const baseGetArray = (Compile.prototype as unknown as { getArray: (literal: unknown) => unknown[] }).getArray;

/** A Compile that counts its steps against the limits. */
class LimitedCompile extends Compile {
  html = false;
  private steps = 0;
  private readonly deadline = Date.now() + MAX_RENDER_MS;

  private tick() {
    this.steps++;
    if (this.steps > MAX_STEPS) throw new VelocityError('too_many_steps', `The template takes more than ${MAX_STEPS.toLocaleString('en')} steps`);
    if ((this.steps & 255) === 0 && Date.now() > this.deadline) throw new VelocityError('too_slow', `The template takes longer than ${MAX_RENDER_MS} ms to render`);
  }
  /**
   * velocityjs's own loop (compile/base-compile), changed where a reference is output: null is no
   * value (Velocity's rule: the reference as typed, or '' when quiet), and with `html` the value is
   * escaped — the value, not the template's own markup.
   */
  override renderAstList(asts?: VelocityAst[], contextId?: string): string {
    let str = '';
    const list = asts || (this as unknown as { asts: VelocityAst[] }).asts;
    if (contextId) {
      if (contextId !== this.contextId && this.conditions.indexOf(contextId) === -1) this.conditions.unshift(contextId);
      this.contextId = contextId;
    } else this.contextId = '';
    for (const ast of list) {
      if (this.runState.stop === true) break;
      if (typeof ast === 'string') {
        str += ast;
        continue;
      }
      switch (ast.type) {
        case 'references': {
          const ref = ast as Parameters<typeof Helper.getRefText>[0] & { leader?: string };
          let value: unknown = this.getReferences(ref as never, true);
          if (value === null) value = ref.leader === '$!' || this.silence ? '' : Helper.getRefText(ref);
          const text = show(value);
          str += this.html ? escapeHtml(text) : text;
          break;
        }
        case 'set':
          this.setValue(ast as never);
          break;
        case 'break':
          this.runState.break = true;
          break;
        case 'macro_call':
          str += this.getMacro(ast as never);
          break;
        case 'comment':
          break;
        case 'raw':
          str += (ast as { value: string }).value;
          break;
        default:
          str += this.getBlock(ast as never);
      }
      if (str.length > MAX_OUTPUT_LENGTH) throw outputTooLarge();
    }
    return str;
  }

  // The places every evaluation goes through: output of a reference, #set, blocks (#if, #foreach…).
  override getReferences(...args: Parameters<Compile['getReferences']>) {
    this.tick();
    const value = super.getReferences(...args);
    if (typeof value === 'string' && value.length > MAX_OUTPUT_LENGTH) throw outputTooLarge();
    return value;
  }
  override setValue(...args: Parameters<Compile['setValue']>) {
    this.tick();
    return super.setValue(...args);
  }
  override getBlock(...args: Parameters<Compile['getBlock']>) {
    this.tick();
    const out = super.getBlock(...args);
    if (out.length > MAX_OUTPUT_LENGTH) throw outputTooLarge();
    return out;
  }
  // A mixin method of velocityjs (not in its types): ranges are arrays built in full, so check first.
  getArray(literal: { isRange?: boolean; value: unknown[] }): unknown[] {
    if (literal.isRange) {
      const [a, b] = literal.value.map((exp) => (typeof exp === 'string' ? parseInt(exp, 10) : typeof exp === 'number' ? exp : Number(this.getReferences(exp as never))));
      if (Math.abs(b - a) + 1 > MAX_RANGE) throw new VelocityError('range_too_large', `A range holds at most ${MAX_RANGE.toLocaleString('en')} numbers`);
    }
    return baseGetArray.call(this, literal);
  }
}
type VelocityAst = ReturnType<typeof parse>[number] | string;

/** A value as Velocity prints it: lists as [a, b], maps as {k=v}. */
function show(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    if (Object.prototype.hasOwnProperty.call(value, 'toString')) return String(value);
    return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}=${show(v)}`).join(', ')}}`;
  }
  return String(value);
}

const outputTooLarge = () => new VelocityError('output_too_large', `The result is larger than ${MAX_OUTPUT_LENGTH.toLocaleString('en')} characters`);

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

/** A copy the template may change (#set, .put) without touching the caller's objects. */
const copy = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

/** Parsed templates by their text: a workflow renders the same few templates for every run. Rendering
 *  reads the tree and never changes it (velocityjs changes a node only with its `unescape` option,
 *  which is not used here). */
const parsed = new Map<string, ReturnType<typeof parse>>();
let parsedChars = 0;

/**
 * Renders a Velocity template. With `html`, every value a reference outputs is HTML-escaped (the
 * template's own text is not): for HTML message bodies. Throws VelocityError for a syntax error or a
 * broken limit.
 */
export function render(template: string, context: VelocityContext = {}, options: { html?: boolean } = {}): string {
  if (template.length > MAX_TEMPLATE_LENGTH) throw new VelocityError('too_large', `A template has at most ${MAX_TEMPLATE_LENGTH.toLocaleString('en')} characters`);
  let asts = parsed.get(template);
  if (!asts) {
    try {
      asts = parse(template);
    } catch (err) {
      throw new VelocityError('syntax', syntaxMessage(err, template));
    }
    // Small templates only, within a budget: a parsed tree is ~50× its text, and previews render drafts.
    if (template.length <= 8_192) {
      if (parsedChars + template.length > 262_144) {
        parsed.clear();
        parsedChars = 0;
      }
      parsed.set(template, asts);
      parsedChars += template.length;
    }
  }
  const compile = new LimitedCompile(asts, { escape: false });
  compile.html = options.html === true;
  const vars = {
    data: copy(context.data ?? {}),
    contact: copy(context.contact ?? {}),
    event: copy(context.event ?? {}),
    mathTool: mathTool(),
    dateTool: dateTool(context.now ?? new Date()),
  };
  try {
    return compile.render(vars);
  } catch (err) {
    if (err instanceof VelocityError) throw err;
    if (err instanceof RangeError) throw new VelocityError('too_many_steps', 'The template nests too deeply');
    throw new VelocityError('syntax', syntaxMessage(err));
  }
}

function syntaxMessage(err: unknown, template?: string): string {
  const at = template === undefined ? null : locateSyntaxError(template, err);
  if (at) return `The template cannot be read (line ${at.line}, column ${at.column}): ${at.message}`;
  const text = err instanceof Error ? err.message : String(err);
  const line = /line (\d+)/i.exec(text)?.[1];
  return `The template cannot be read${line ? ` (line ${line})` : ''}: ${text.split('\n')[0]}`;
}

export type VelocitySyntaxProblem = { line: number; column: number; message: string };

/** Whether a template parses as Velocity; if not, where (1-based line and column) and why. For
 *  checks before anything renders (activating a workflow). */
export function velocitySyntaxProblem(template: string): VelocitySyntaxProblem | null {
  try {
    parse(template);
    return null;
  } catch (err) {
    return locateSyntaxError(template, err) ?? { line: 1, column: 1, message: syntaxMessage(err) };
  }
}

type JisonHash = { text?: string; token?: string | number; loc?: { first_line: number; first_column: number } };

/**
 * The parser (jison) names the line but its column is off (its lexer skips text); its message shows
 * up to 20 characters before and after the failing token, line breaks removed, with a caret between
 * them. Find the place in the template that has exactly that text around it, on that line.
 */
function locateSyntaxError(template: string, err: unknown): VelocitySyntaxProblem | null {
  if (!(err instanceof Error)) return null;
  const lines = err.message.split('\n');
  const line = Number(/line (\d+)/i.exec(lines[0])?.[1]);
  const caret = lines[2]?.indexOf('^') ?? -1;
  if (!line || caret < 0 || lines[1] === undefined) return null;
  const hash = (err as Error & { hash?: JisonHash }).hash;
  const got = hash?.token === 'EOF' || hash?.token === 1 ? null : (hash?.text ?? null);
  const message = got ? `unexpected “${got}”` : /^Lexical/i.test(lines[0]) ? 'unrecognised text' : 'the template ends before the expression is closed';

  let before = lines[1].slice(0, caret);
  let after = lines[1].slice(caret);
  const clipped = before.startsWith('...');
  if (clipped) before = before.slice(3);
  if (after.endsWith('...')) after = after.slice(0, -3);
  // Template offsets, and the same text without line breaks (as the message shows it).
  const starts = [0];
  for (let i = 0; i < template.length; i++) if (template[i] === '\n') starts.push(i + 1);
  const flat = template.replace(/\n/g, '');
  let fallback: VelocitySyntaxProblem | null = null;
  for (let row = 0, p = 0, f = 0; p <= template.length; p++) {
    while (row + 1 < starts.length && starts[row + 1] <= p) row++;
    f = p - row; // characters before p, line breaks not counted
    const fits = (clipped ? f >= before.length : f === before.length) && flat.slice(f - before.length, f) === before && flat.startsWith(after, f);
    if (fits) {
      const found = { line: row + 1, column: p - starts[row] + 1, message };
      if (row + 1 === line) return found;
      fallback ??= found;
    }
    if (!clipped && f > before.length) break;
  }
  if (fallback) return fallback;
  return hash?.loc ? { line: hash.loc.first_line, column: hash.loc.first_column + 1, message } : { line, column: 1, message };
}

/** For previews: the rendered text, or the error as a sentence. */
export function preview(template: string, context: VelocityContext = {}, options: { html?: boolean } = {}): { ok: true; value: string } | { ok: false; error: string } {
  try {
    return { ok: true, value: render(template, context, options) };
  } catch (err) {
    if (err instanceof VelocityError) return { ok: false, error: err.message };
    throw err;
  }
}
