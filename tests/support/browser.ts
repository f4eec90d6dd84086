// Calls route handlers the way a browser on http://localhost would: same-origin headers, and the
// session cookie a sign-in answered with.
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

export type BrowserCall = { method?: string; cookie?: string | null; json?: unknown; params?: Record<string, string>; headers?: Record<string, string> };

export function browserRequest(path: string, { method = 'GET', cookie, json, headers = {} }: BrowserCall = {}): Request {
  return new Request(`http://localhost${path}`, {
    method,
    headers: {
      host: 'localhost',
      ...(method === 'GET' ? {} : { origin: 'http://localhost' }),
      ...(cookie ? { cookie } : {}),
      ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: json !== undefined ? JSON.stringify(json) : undefined,
  });
}

export function call(handler: Handler, path: string, options: BrowserCall = {}): Promise<Response> {
  return handler(browserRequest(path, options), { params: Promise.resolve(options.params ?? {}) });
}

/** The `name=value` part of a Set-Cookie answer, as a browser would send it back. */
export function cookieOf(res: Response): string {
  const setCookie = res.headers.get('set-cookie');
  if (!setCookie) throw new Error(`no Set-Cookie in the answer (status ${res.status})`);
  return setCookie.split(';')[0];
}
