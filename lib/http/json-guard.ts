// Checks on a JSON request body that JSON.parse does not make, done once at the door (readJson) so
// every route is covered and each refusal names the field:
// - nesting deeper than MAX_JSON_DEPTH, found by scanning the raw text without recursion (so a body
//   nested 20,000 levels never reaches a recursive parser or validator);
// - strings PostgreSQL or the outbound request cannot hold: NUL, lone UTF-16 surrogates ("a\ud800b",
//   which JSON allows as escapes but UTF-8 cannot encode), in values and in keys;
// - numbers JSON.parse turns into Infinity (1e400).
import { MAX_JSON_DEPTH } from './limits';

export type JsonProblem = { field: string; message: string };

/** An object frame remembers where its current key's text is (start, end of the quoted string): it is
 *  parsed only when a problem is found, not for every key of every body. */
type Frame = { kind: 'object'; keyStart: number; keyEnd: number; expectKey: boolean } | { kind: 'array'; index: number };

/** The field a too-deep value sits in: the path down to its first object key ("params",
 *  "0.statusData"), which is what a sender can find in what they sent; arrays all the way down
 *  name only the top index. */
function fieldOf(text: string, stack: Frame[]): string {
  const path: string[] = [];
  for (const f of stack) {
    if (f.kind === 'array') path.push(String(f.index));
    else {
      if (f.keyStart >= 0) {
        let key: string;
        try {
          key = JSON.parse(text.slice(f.keyStart, f.keyEnd + 1)) as string;
        } catch {
          key = '?';
        }
        return [...path, key].join('.');
      }
      break;
    }
  }
  return path[0] ?? '_';
}

/** Scans JSON text once, iteratively; answers the field whose value nests deeper than `max`. Meant
 *  for text that may be malformed: it stops at the first excess and leaves syntax to JSON.parse. */
export function findTooDeep(text: string, max = MAX_JSON_DEPTH): JsonProblem | null {
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22 /* " */) {
      // A string: jump to its closing quote (one not escaped by an odd run of backslashes) with the
      // native search rather than stepping through it (strings are most of an activity batch).
      const start = i;
      let end = text.indexOf('"', i + 1);
      for (;;) {
        if (end < 0) return null; // unterminated: JSON.parse says so
        let k = end - 1;
        while (text.charCodeAt(k) === 0x5c /* \ */) k--;
        if ((end - 1 - k) % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
      const top = stack.at(-1);
      if (top?.kind === 'object' && top.expectKey) {
        top.keyStart = start;
        top.keyEnd = end;
        top.expectKey = false;
      }
      i = end;
      continue;
    }
    switch (ch) {
      case 0x7b /* { */:
      case 0x5b /* [ */:
        if (stack.length >= max) return { field: fieldOf(text, stack), message: `Nested more than ${max} levels deep` };
        stack.push(ch === 0x7b ? { kind: 'object', keyStart: -1, keyEnd: -1, expectKey: true } : { kind: 'array', index: 0 });
        break;
      case 0x7d /* } */:
      case 0x5d /* ] */:
        stack.pop();
        break;
      case 0x2c /* , */: {
        const top = stack.at(-1);
        if (top?.kind === 'array') top.index++;
        else if (top) top.expectKey = true;
        break;
      }
    }
  }
  return null;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function stringProblem(s: string): string | null {
  if (s.includes('\0')) return 'Text may not contain NUL (\\u0000) characters';
  if (LONE_SURROGATE.test(s)) return 'Text may not contain a lone UTF-16 surrogate (\\ud800–\\udfff without its pair)';
  return null;
}

const UNSTORABLE_ESCAPE = /\\u(?:0000|[dD][89a-fA-F])/;
const UNSTORABLE_NUMBER = /[0-9.][eE]\+?\d{3}|\d{200}/;

/**
 * Whether JSON text can hold anything findUnstorable refuses, decided on the text by native regex
 * passes (the walk below allocates per value, which adds up on 1,000-activity batches). NUL and lone
 * surrogates can only come as \u escapes (JSON forbids raw control characters, and UTF-8 decoding turns
 * stray bytes into U+FFFD); a number JSON.parse makes infinite (integer digits + exponent ≥ 309) has an
 * exponent of 3+ digits or, with at most 99, 200+ digits in a row. False positives (an "e123" inside a
 * string) only mean the walk runs.
 */
export function mayBeUnstorable(text: string): boolean {
  // Two passes, the first only when there is an escape at all: half the time of one alternation,
  // which tried all three branches at every character.
  return (text.includes('\\u') && UNSTORABLE_ESCAPE.test(text)) || UNSTORABLE_NUMBER.test(text);
}

type Node = { value: unknown; key: string | null; parent: Node | null };

/** The dotted path of a node, built only when a problem is found (the walk allocates no paths). */
function pathOf(node: Node, last?: string): string {
  const parts: string[] = last === undefined ? [] : [last];
  for (let n: Node | null = node; n && n.key !== null; n = n.parent) parts.unshift(n.key);
  return parts.join('.') || '_';
}

/** Walks a parsed body (iteratively; its depth is already bounded) for the first value no store or
 *  request can hold, and names its field ("fields.TOWN", "headers.0.value", "_" for the body). */
export function findUnstorable(root: unknown): JsonProblem | null {
  const todo: Node[] = [{ value: root, key: null, parent: null }];
  while (todo.length) {
    const node = todo.pop()!;
    const { value } = node;
    if (typeof value === 'string') {
      const message = stringProblem(value);
      if (message) return { field: pathOf(node), message };
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) return { field: pathOf(node), message: 'Number out of range' };
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) todo.push({ value: value[i], key: String(i), parent: node });
    } else if (value && typeof value === 'object') {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, v] = entries[i];
        const message = stringProblem(key);
        if (message) return { field: pathOf(node, key.replace(/\0/g, '').replace(new RegExp(LONE_SURROGATE.source, 'g'), '\uFFFD')), message: `Field name: ${message}` };
        todo.push({ value: v, key, parent: node });
      }
    }
  }
  return null;
}
