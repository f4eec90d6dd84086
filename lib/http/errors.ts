// Typed errors, mapped to HTTP in one place. Services throw ApiError (or let zod / Prisma errors
// through); route wrappers turn any of them into a JSON answer. Bad input is a 4xx, never a 500.
import { z } from 'zod';

const STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unprocessable_entity: 422,
  rate_limited: 429,
  internal_error: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof STATUS;
/** Field path ("headers.2.name") → messages. */
export type FieldErrors = Record<string, string[]>;

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

export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

/** The JSON error body every route answers with: { error: { code, message, fields? } }. */
export type ErrorBody = { error: { code: ErrorCode; message: string; fields?: FieldErrors } };

function isPrismaNotFound(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === 'P2025';
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof z.ZodError) {
    return new ApiError('unprocessable_entity', 'Some fields are invalid', zodFieldErrors(err));
  }
  if (isPrismaNotFound(err)) return notFound();
  console.error('[api] unexpected error:', err);
  return new ApiError('internal_error', 'Something went wrong on our side; the error was logged');
}

export function errorResponse(err: unknown): Response {
  const e = toApiError(err);
  const body: ErrorBody = { error: { code: e.code, message: e.message, ...(e.fields ? { fields: e.fields } : {}) } };
  return Response.json(body, { status: e.status, headers: e.headers });
}

/** Reads a JSON body and validates it: malformed JSON → 400, schema violations → 422 with field paths. */
export async function parseBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = await req.json();
  } catch {
    throw new ApiError('bad_request', 'The request body is not valid JSON');
  }
  return schema.parse(raw);
}

export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  return schema.parse(Object.fromEntries(new URL(req.url).searchParams));
}
