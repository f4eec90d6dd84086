// zod's own messages ("Invalid input: expected string, received undefined") are for programmers. This
// turns every issue a schema did not word itself into a sentence about the field, once, for the
// forms (imported by app/providers.tsx) and the routes' 422 answers (imported by lib/http/errors.ts).
// Messages written in a schema always win: zod asks this map only when the schema gave none.
import { z } from 'zod';

type Issue = z.core.$ZodRawIssue;

/** "connectorId" → "connector", "headers.2.name" → "header name", none → "this field". */
export function fieldLabel(path: readonly PropertyKey[] | undefined): string {
  const keys = (path ?? []).filter((k): k is string => typeof k === 'string');
  const last = keys.at(-1);
  if (!last) return 'this field';
  const words = last
    .replace(/Id$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .trim();
  const parent = keys.at(-2);
  if (parent && (last === 'name' || last === 'value')) return `${parent.replace(/s$/, '')} ${words}`.toLowerCase();
  return words || 'this field';
}

const KIND: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'on or off (true or false)',
  array: 'a list',
  object: 'an object',
  date: 'a date',
  bigint: 'a whole number',
};

const FORMAT: Record<string, string> = { uuid: 'id', regex: 'value', email: 'email address', url: 'URL', datetime: 'date and time', date: 'date' };

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function fieldMessage(iss: Issue): string | undefined {
  const label = fieldLabel(iss.path);
  switch (iss.code) {
    case 'invalid_type': {
      if (iss.input === undefined || iss.input === null) return iss.expected === 'string' ? `Enter the ${label}` : `${cap(label)} is required`;
      return `${cap(label)} must be ${KIND[iss.expected] ?? iss.expected}`;
    }
    case 'invalid_value':
      return `${cap(label)} must be ${iss.values.length === 1 ? JSON.stringify(iss.values[0]) : `one of ${iss.values.map((v: unknown) => JSON.stringify(v)).join(', ')}`}`;
    case 'too_small':
      if (iss.origin === 'string') return Number(iss.minimum) <= 1 ? `Enter the ${label}` : `${cap(label)}: at least ${iss.minimum} characters`;
      if (iss.origin === 'array' || iss.origin === 'set') return `${cap(label)}: at least ${iss.minimum}`;
      return `${cap(label)} must be at least ${iss.minimum}`;
    case 'too_big':
      if (iss.origin === 'string') return `${cap(label)}: at most ${iss.maximum} characters`;
      if (iss.origin === 'array' || iss.origin === 'set') return `${cap(label)}: at most ${iss.maximum}`;
      return `${cap(label)} must be at most ${iss.maximum}`;
    case 'invalid_format':
      return `${cap(label)} is not a valid ${FORMAT[iss.format] ?? iss.format}`;
    case 'unrecognized_keys':
      return `Unknown ${iss.keys.length === 1 ? 'field' : 'fields'}: ${iss.keys.join(', ')}`;
    case 'invalid_union':
      return `${cap(label)} is not valid`;
    default:
      return undefined;
  }
}

z.config({ customError: fieldMessage });
