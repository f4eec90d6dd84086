// Request templates for webhooks in workflows: variables in the URL, header values and body of a
// GET/POST request, filled from the triggering event and the contact, each value escaped for where
// it lands. Pure and browser-safe (no DB, no network, no node: imports) so the Manage Webhook form
// can preview exactly what the worker will send.
//
// Syntax
//   ${name}           a parameter of the triggering event          (ctx.event[name])
//   ${contact.FIELD}  a field of the contact, incl. custom fields  (ctx.contact[FIELD])
//   $${               a literal "${" — e.g. `$${email}` renders as the text `${email}`
// Names: letters, digits, `_`, `-` and `.`; whitespace inside the braces is ignored (`${ email }`).
// Look-up: an exact key wins; otherwise the first key equal ignoring case (`${contact.EMAIL}` finds
// `email`). A missing variable renders as '' and is listed in `missing` ("email", "contact.TOWN").
// A `${` that is not a well-formed variable is left as typed and reported by parseTemplate().
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { headerNameProblem, headerValueFault, urlProblem, type OwnHeaders } from '@/lib/http/rules';

export type RenderContext = 'url' | 'json' | 'xml' | 'header' | 'text';
export type BodyFormat = 'json' | 'xml' | 'text';
export type HttpMethod = 'GET' | 'POST';

export type TemplateData = {
  /** Parameters of the event that triggered the workflow. */
  event?: Record<string, string>;
  /** The contact: email, phone, externalCustomerId, firstName, lastName, id and custom fields (TOWN…). */
  contact?: Record<string, string>;
};

export type TemplateVariable = {
  source: 'event' | 'contact';
  /** Event parameter or contact field name, without the `contact.` prefix. */
  name: string;
  /** How it is named in `missing` and in messages: `email`, `contact.TOWN`. */
  label: string;
  /** Offset of the `$` in the template. */
  index: number;
};

export type TemplateToken = { kind: 'text'; text: string } | ({ kind: 'variable'; raw: string } & TemplateVariable);
export type TemplateProblem = { index: number; message: string };

export type RenderResult = { value: string; missing: string[] };

export type FieldError = { field: string; message: string };

export type RequestSpec = {
  method: HttpMethod;
  url: string;
  headers: { name: string; value: string }[];
  bodyFormat?: BodyFormat | null;
  body?: string | null;
};

export type RenderedRequest = {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body: string | null;
  contentType: string | null;
  missing: string[];
  errors: FieldError[];
};

/** A value that cannot be placed where the template puts it (e.g. a line break in a header). */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
  /** The variable's label (`contact.TOWN`), or null when the template's own text is at fault. */
  readonly variable: string | null;
  readonly context: RenderContext;

  constructor(message: string, variable: string | null, context: RenderContext) {
    super(message);
    this.variable = variable;
    this.context = context;
  }
}

// ---------------------------------------------------------------------------------------------------
// Parsing

const NAME = /^[A-Za-z0-9_.-]+$/;
const CONTACT_PREFIX = 'contact.';

function toVariable(name: string, index: number): TemplateVariable | null {
  if (!NAME.test(name)) return null;
  if (name.startsWith(CONTACT_PREFIX)) {
    const field = name.slice(CONTACT_PREFIX.length);
    if (field.length === 0) return null;
    return { source: 'contact', name: field, label: name, index };
  }
  return { source: 'event', name, label: name, index };
}

/** Splits a template into text and variables; malformed `${…}` stay text and are reported. */
export function parseTemplate(template: string): { tokens: TemplateToken[]; problems: TemplateProblem[] } {
  const tokens: TemplateToken[] = [];
  const problems: TemplateProblem[] = [];
  let text = '';
  let i = 0;
  const flush = () => {
    if (text) tokens.push({ kind: 'text', text });
    text = '';
  };
  while (i < template.length) {
    const j = template.indexOf('$', i);
    if (j < 0) {
      text += template.slice(i);
      break;
    }
    text += template.slice(i, j);
    if (template.startsWith('$${', j)) {
      text += '${';
      i = j + 3;
      continue;
    }
    if (!template.startsWith('${', j)) {
      text += '$';
      i = j + 1;
      continue;
    }
    const close = template.indexOf('}', j + 2);
    if (close < 0) {
      problems.push({ index: j, message: `Unclosed variable at position ${j + 1}: add "}" or write $\${ for a literal \${` });
      text += template.slice(j);
      break;
    }
    const raw = template.slice(j, close + 1);
    const variable = toVariable(template.slice(j + 2, close).trim(), j);
    if (!variable) {
      problems.push({
        index: j,
        message: `"${raw}" at position ${j + 1} is not a valid variable: use \${name} or \${contact.FIELD} (letters, digits, _ - .), or $\${ for a literal \${`,
      });
      text += raw;
    } else {
      flush();
      tokens.push({ kind: 'variable', raw, ...variable });
    }
    i = close + 1;
  }
  flush();
  return { tokens, problems };
}

/** Distinct variables in order of first use: event parameter names and contact field names. */
export function listVariables(template: string): { event: string[]; contact: string[] } {
  const event: string[] = [];
  const contact: string[] = [];
  for (const t of parseTemplate(template).tokens) {
    if (t.kind !== 'variable') continue;
    const list = t.source === 'event' ? event : contact;
    if (!list.includes(t.name)) list.push(t.name);
  }
  return { event, contact };
}

/** The variables of a whole request (URL, header values, then the POST body). */
export function listRequestVariables(spec: RequestSpec): { event: string[]; contact: string[] } {
  const parts = [spec.url, ...spec.headers.map((h) => h.value)];
  if (spec.method === 'POST' && spec.bodyFormat && spec.body) parts.push(spec.body);
  const event: string[] = [];
  const contact: string[] = [];
  for (const part of parts) {
    const vars = listVariables(part);
    for (const n of vars.event) if (!event.includes(n)) event.push(n);
    for (const n of vars.contact) if (!contact.includes(n)) contact.push(n);
  }
  return { event, contact };
}

// ---------------------------------------------------------------------------------------------------
// Escaping

function lookup(record: Record<string, string> | undefined, name: string): string | undefined {
  if (!record) return undefined;
  if (Object.hasOwn(record, name)) return record[name];
  const lower = name.toLowerCase();
  const key = Object.keys(record).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : record[key];
}

/** Replaces lone surrogates (which encodeURIComponent throws on) with U+FFFD. No lookbehind: old Safari. */
function toWellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDFFF]/g, (m) => (m.length === 2 ? m : '\uFFFD'));
}

function escapeJson(value: string): string {
  return JSON.stringify(value)
    .slice(1, -1)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

// XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

function escapeXml(value: string, label: string | null): string {
  if (XML_FORBIDDEN.test(value) || toWellFormed(value) !== value) {
    throw new TemplateError(`${describe(label)} contains a control character that XML cannot represent`, label, 'xml');
  }
  // Tab, LF and CR as character references keep them intact inside attribute values too.
  return value.replace(/[&<>"'\t\n\r]/g, (c) => XML_ESCAPES[c]);
}

/** A header value must be sendable (lib/http/rules.ts): no line break, control character or character above U+00FF. */
function checkHeader(value: string, label: string | null): string {
  const fault = headerValueFault(value);
  if (fault) throw new TemplateError(`${describe(label)} contains ${fault}, which a header cannot carry`, label, 'header');
  return value;
}

function describe(label: string | null): string {
  return label === null ? 'The header value' : `The value of \${${label}}`;
}

function escapeValue(value: string, context: RenderContext, label: string): string {
  switch (context) {
    case 'url':
      return encodeURIComponent(toWellFormed(value));
    case 'json':
      return escapeJson(value);
    case 'xml':
      return escapeXml(value, label);
    case 'header':
      return checkHeader(value, label);
    case 'text':
      return value;
  }
}

// ---------------------------------------------------------------------------------------------------
// Rendering

/**
 * Fills a template. Values are escaped for `context`; the template's own text is left as typed
 * (for `header`, a line break in the template's own text is refused too).
 * @throws TemplateError when a value cannot be placed in a header or in XML.
 */
export function render(template: string, ctx: TemplateData, context: RenderContext): RenderResult {
  const missing: string[] = [];
  const spans: ValueSpan[] = [];
  let value = '';
  for (const token of parseTemplate(template).tokens) {
    if (token.kind === 'text') {
      value += token.text;
      continue;
    }
    const found = lookup(token.source === 'event' ? ctx.event : ctx.contact, token.name);
    if (found === undefined) {
      if (!missing.includes(token.label)) missing.push(token.label);
      continue;
    }
    const start = value.length;
    value += escapeValue(found, context, token.label);
    spans.push({ start, end: value.length, label: token.label });
  }
  if (context === 'header') checkHeader(value, null);
  if (context === 'url') checkPathSegments(value, spans);
  return { value, missing };
}

type ValueSpan = { start: number; end: number; label: string };

/** `.` and `..` in any spelling the URL parser treats as one (RFC 3986 §5.2.4, WHATWG URL "single/double-dot segment"). */
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

/**
 * A value placed in a path segment stays that one segment. Values are percent-encoded, so they cannot
 * add a `/`, `?` or `#`; but a segment that is `.` or `..` is removed by the URL parser (and by every
 * server), so `/users/${id}/profile` with id `..` would reach `/profile`, with the connector's
 * credentials. Encoding as %2E does not help: the WHATWG parser (undici's) treats `%2e%2e` as `..`
 * too. So such a value is refused. Dot segments typed in the template itself are left as typed.
 */
function checkPathSegments(url: string, spans: ValueSpan[]): void {
  if (spans.length === 0) return;
  const scheme = url.indexOf('://');
  const afterAuthority = url.slice(scheme < 0 ? 0 : scheme + 3).search(/[/?#]/);
  if (afterAuthority < 0) return;
  const pathStart = (scheme < 0 ? 0 : scheme + 3) + afterAuthority;
  const rest = url.slice(pathStart).search(/[?#]/);
  const pathEnd = rest < 0 ? url.length : pathStart + rest;
  let segStart = pathStart;
  while (segStart < pathEnd) {
    if (url[segStart] === '/') segStart++;
    let segEnd = url.indexOf('/', segStart);
    if (segEnd < 0 || segEnd > pathEnd) segEnd = pathEnd;
    const segment = url.slice(segStart, segEnd);
    const span = spans.find((s) => s.start <= segEnd && s.end >= segStart);
    if (span && DOT_SEGMENT.test(segment)) {
      throw new TemplateError(
        `The value of \${${span.label}} makes the path segment “${segment}”, which would change the request path: a value in a path segment cannot be “.” or “..”`,
        span.label,
        'url',
      );
    }
    segStart = segEnd;
    if (segEnd === pathEnd) break;
  }
}

/** Headers a request webhook sets from its own settings; the rest are reserved for every request (lib/http/rules.ts). */
export const REQUEST_OWN_HEADERS: OwnHeaders = { 'content-type': 'Content-Type is set from the body format' };

export const CONTENT_TYPES: Record<BodyFormat, string> = {
  json: 'application/json',
  xml: 'application/xml',
  text: 'text/plain',
};

export type XmlCheck = { ok: true } | { ok: false; message: string; line: number | null; column: number | null };

/** Well-formedness: fast-xml-parser's validator, plus exactly one root element and no text outside it. */
export function checkXml(xml: string): XmlCheck {
  const result = XMLValidator.validate(xml);
  if (result !== true) {
    const { msg, line, col } = result.err;
    return { ok: false, message: msg, line: line ?? null, column: col ?? null };
  }
  const nodes: unknown = new XMLParser({ preserveOrder: true, trimValues: false, processEntities: false }).parse(xml);
  let roots = 0;
  let strayText = false;
  for (const node of Array.isArray(nodes) ? (nodes as Record<string, unknown>[]) : []) {
    for (const [key, v] of Object.entries(node)) {
      if (key === '#text') strayText ||= typeof v === 'string' && v.trim() !== '';
      else if (!key.startsWith('?') && !key.startsWith('#') && key !== ':@') roots++;
    }
  }
  strayText ||= xml.slice(xml.lastIndexOf('>') + 1).trim() !== '';
  if (roots !== 1) return { ok: false, message: `Expected exactly one root element, found ${roots}.`, line: null, column: null };
  if (strayText) return { ok: false, message: 'Text outside the root element.', line: null, column: null };
  return { ok: true };
}

function addDistinct(into: string[], from: string[]) {
  for (const m of from) if (!into.includes(m)) into.push(m);
}

/**
 * Renders a whole request: the URL (values percent-encoded, none may turn a path segment into `.` or
 * `..`), the header values (only what lib/http/rules.ts allows in a header) and,
 * for POST, the body in its format. Never throws: problems come back in `errors`, keyed by form field
 * (`url`, `headers.0.name`, `headers.0.value`, `body`); `missing` lists variables that had no value.
 */
export function renderRequest(spec: RequestSpec, ctx: TemplateData): RenderedRequest {
  const errors: FieldError[] = [];
  const missing: string[] = [];

  const problemsOf = (field: string, template: string) => {
    for (const p of parseTemplate(template).problems) errors.push({ field, message: p.message });
  };
  const safeRender = (field: string, template: string, context: RenderContext): string => {
    problemsOf(field, template);
    try {
      const r = render(template, ctx, context);
      addDistinct(missing, r.missing);
      return r.value;
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e;
      // Collect the missing variables all the same.
      addDistinct(missing, render(template, ctx, 'text').missing);
      errors.push({ field, message: e.message });
      return '';
    }
  };

  const url = safeRender('url', spec.url.trim(), 'url');
  if (!errors.some((e) => e.field === 'url')) {
    const problem = urlProblem(url, { https: true });
    if (problem) errors.push({ field: 'url', message: `After substitution: ${problem}` });
  }

  const headers: Record<string, string> = {};
  const seen = new Set<string>();
  spec.headers.forEach((h, i) => {
    const name = h.name.trim();
    const nameField = `headers.${i}.name`;
    const nameProblem = headerNameProblem(name, REQUEST_OWN_HEADERS) ?? (seen.has(name.toLowerCase()) ? 'This header is already set' : null);
    if (nameProblem) errors.push({ field: nameField, message: `Header “${name}”: ${nameProblem}` });
    seen.add(name.toLowerCase());
    const valueField = `headers.${i}.value`;
    const before = errors.length;
    const value = safeRender(valueField, h.value, 'header');
    // Name the header in value errors too: the test banner joins every message into one line.
    for (const e of errors.slice(before)) e.message = `Header “${name}”: ${e.message}`;
    // Only headers with a valid, distinct, non-reserved name are sent.
    if (!nameProblem) headers[name] = value;
  });

  let body: string | null = null;
  let contentType: string | null = null;
  if (spec.method === 'POST' && spec.bodyFormat && spec.body != null) {
    const format = spec.bodyFormat;
    contentType = CONTENT_TYPES[format];
    const before = errors.length;
    body = safeRender('body', spec.body, format);
    if (errors.length === before && format === 'json') {
      try {
        JSON.parse(body);
      } catch (e) {
        errors.push({ field: 'body', message: `The body is not valid JSON after substitution: ${(e as Error).message}` });
      }
    } else if (errors.length === before && format === 'xml') {
      const check = checkXml(body);
      if (!check.ok) errors.push({ field: 'body', message: `The body is not well-formed XML after substitution: ${xmlMessage(check)}` });
    }
  }

  return { method: spec.method, url, headers, body, contentType, missing, errors };
}

export function xmlMessage(check: Extract<XmlCheck, { ok: false }>): string {
  if (check.line === null) return check.message;
  return check.column === null ? `${check.message} (line ${check.line})` : `${check.message} (line ${check.line}, column ${check.column})`;
}
