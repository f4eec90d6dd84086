// Typed errors, mapped to HTTP in one place. Services throw ApiError (or let zod / Prisma errors
// through); route wrappers turn any of them into a JSON answer. Bad input is a 4xx, never a 500.
import { z } from 'zod';
import '@/lib/validation/messages'; // zod issues a schema did not word become sentences about the field
import { MAX_JSON_BODY_BYTES } from './limits';
import { findTooDeep, findUnstorable, mayBeUnstorable, type JsonProblem } from './json-guard';

const STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable_entity: 422,
  rate_limited: 429,
  internal_error: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof STATUS;
export const ERROR_CODES = Object.keys(STATUS) as [ErrorCode, ...ErrorCode[]];
/** The HTTP status of each error code (the OpenAPI document's error answers are built from it). */
export const errorStatus = (code: ErrorCode): number => STATUS[code];

/** Field path ("headers.2.name", "2.activityStatus"; "_" for the body itself) → messages. */
export const fieldErrorsSchema = z.record(z.string(), z.array(z.string()));
export type FieldErrors = z.infer<typeof fieldErrorsSchema>;

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldErrors,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export const notFound = (what = 'Resource') => new ApiError('not_found', `${what} not found`);

/** A unique constraint refused the write (through Prisma, P2002, or raw SQL, 23505). */
export const isUniqueViolation = (err: unknown) => ['P2002', '23505'].includes((err as { code?: string } | null)?.code ?? '');

/** 409 on the field that must be unique, e.g. nameTaken('webhook', 'CRM feed') on `name`. */
export function nameTaken(what: string, name: string | null | undefined, field = 'name'): ApiError {
  const message = `A ${what} named “${name}” already exists`;
  return new ApiError('conflict', message, { [field]: [message] });
}

export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

/** The JSON error body every route answers with: { error: { code, message, fields? } }. */
export const errorBodySchema = z.object({
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string(), fields: fieldErrorsSchema.optional() }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

const codeOf = (err: unknown) => (typeof err === 'object' && err !== null ? (err as { code?: string }).code : undefined);

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof z.ZodError) {
    return new ApiError('unprocessable_entity', 'Some fields are invalid', zodFieldErrors(err));
  }
  if (codeOf(err) === 'P2025') return notFound();
  // A row this request refers to went away meanwhile (e.g. a connector deleted while being chosen).
  if (codeOf(err) === 'P2003' || codeOf(err) === '23503') return new ApiError('conflict', 'Something this refers to was changed or deleted meanwhile; reload and try again');
  // Logged by the route wrapper (lib/auth/route.ts): this module is shared with the browser's forms.
  return new ApiError('internal_error', 'Something went wrong on our side; the error was logged');
}

export function errorResponse(err: unknown): Response {
  const e = toApiError(err);
  const body: ErrorBody = { error: { code: e.code, message: e.message, ...(e.fields ? { fields: e.fields } : {}) } };
  return Response.json(body, { status: e.status, headers: e.headers });
}

/** application/json or any +json type (application/merge-patch+json …), parameters allowed. */
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * Reads a JSON request body, once for every route, and refuses at the door what would fail deeper:
 * not declared as JSON → 415; more than maxBytes → 413 (without reading the rest); malformed → 400;
 * nested deeper than MAX_JSON_DEPTH, a NUL or lone surrogate in any string or key, a number beyond
 * double range → 422 naming the field (lib/http/json-guard.ts).
 */
export async function readJson(req: Request, maxBytes = MAX_JSON_BODY_BYTES): Promise<unknown> {
  if (!JSON_TYPE.test(req.headers.get('content-type') ?? '')) {
    throw new ApiError('unsupported_media_type', 'Send the body as JSON with Content-Type: application/json');
  }
  const tooLarge = () => new ApiError('payload_too_large', `The request body is larger than ${Math.round(maxBytes / 1024)} KiB`);
  if (Number(req.headers.get('content-length') ?? 0) > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const refuse = (p: JsonProblem) => new ApiError('unprocessable_entity', 'Some fields are invalid', { [p.field]: [p.message] });
  const deep = findTooDeep(text);
  if (deep) throw refuse(deep);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError('bad_request', 'The request body is not valid JSON');
  }
  const unstorable = mayBeUnstorable(text) ? findUnstorable(value) : null;
  if (unstorable) throw refuse(unstorable);
  return value;
}

/** Reads a JSON body and validates it: too large → 413, malformed JSON → 400, schema violations → 422 with field paths. */
export async function parseBody<S extends z.ZodType>(req: Request, schema: S, maxBytes?: number): Promise<z.infer<S>> {
  return schema.parse(await readJson(req, maxBytes));
}

/** Validates the query string; a NUL in a value (`?email=a%00b`), which PostgreSQL cannot take as
 *  text, is a 422 on that field like any other bad value. */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const query = Object.fromEntries(new URL(req.url).searchParams);
  const unstorable = findUnstorable(query);
  if (unstorable) throw new ApiError('unprocessable_entity', 'Some fields are invalid', { [unstorable.field]: [unstorable.message] });
  return schema.parse(query);
}
