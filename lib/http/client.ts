// The browser side of our JSON API: one fetch helper that turns error answers into ClientApiError
// (with the server's field errors, so forms can show them on the right field).
import type { ErrorBody, FieldErrors } from './errors';

export class ClientApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
  }
}

export async function apiFetch<T>(url: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  const res = await fetch(url, {
    ...rest,
    headers: { ...(json !== undefined ? { 'content-type': 'application/json' } : {}), ...rest.headers },
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
  if (res.status === 204) return undefined as T;
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const err = (body as ErrorBody | null)?.error;
    throw new ClientApiError(res.status, err?.message ?? `Request failed (${res.status})`, err?.fields);
  }
  return body as T;
}

/** Puts server field errors on react-hook-form fields; returns true when any matched. */
export function applyFieldErrors(err: unknown, setError: (name: never, e: { message: string }) => void): boolean {
  if (!(err instanceof ClientApiError) || !err.fields) return false;
  for (const [name, messages] of Object.entries(err.fields)) setError(name as never, { message: messages[0] });
  return true;
}
