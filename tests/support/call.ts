// Calls a route handler the way Next does, with an API key (the wrappers accept one on every
// account route), a JSON body and route params. Tests of route handlers share it.
export type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

export type CallOptions = {
  method?: string;
  path?: string;
  /** An object is sent as JSON; a string as it is. */
  body?: unknown;
  params?: Record<string, string>;
  /** Defaults to application/json when there is a body; null sends none. */
  contentType?: string | null;
  headers?: Record<string, string>;
};

export function call(handler: Handler, key: string | null, { method = 'GET', path = '/', body, params = {}, contentType, headers = {} }: CallOptions = {}) {
  const all: Record<string, string> = { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers };
  const type = contentType === undefined ? (body !== undefined ? 'application/json' : null) : contentType;
  if (type) all['content-type'] = type;
  const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return handler(new Request(`http://localhost${path}`, { method, headers: all, body: text }), { params: Promise.resolve(params) });
}

/** The JSON error body's field keys (empty when the answer has none). */
export async function errorFields(res: Response): Promise<string[]> {
  const body = (await res.clone().json().catch(() => null)) as { error?: { fields?: Record<string, string[]> } } | null;
  return Object.keys(body?.error?.fields ?? {});
}
