// The wrappers every route handler is written with (after dub's withWorkspace): they authenticate,
// resolve the account, check the request's origin for mutations, and turn thrown errors into JSON.
// A handler receives an `accountId` it cannot forget to use and returns data (sent as JSON) or a Response.
import { timingSafeEqual } from 'node:crypto';
import { ApiError, errorResponse, notFound } from '@/lib/http/errors';
import { authenticateApiKey } from '@/lib/api-keys/service';
import { config } from '@/lib/config';
import { clientAddress, requestHost } from '@/lib/http/forwarded';
import { withActor, type Actor as AuditActor } from '@/lib/audit/context';
import { currentUser, type CurrentSession } from './current';
import { logger } from '@/lib/log';
import { requestContext, withRequestContext } from '@/lib/log/context';
import { REQUEST_ID_HEADER, requestIdOf } from '@/lib/http/request-id';

type RouteContext = { params: Promise<Record<string, string | string[]>> };
type Params = Record<string, string>;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function toResponse(result: unknown): Response {
  if (result instanceof Response) return result;
  if (result === undefined) return new Response(null, { status: 204 });
  return Response.json(result);
}

function withHeader(res: Response, name: string, value: string): Response {
  try {
    res.headers.set(name, value);
    return res;
  } catch {
    // Immutable headers (a Response taken from fetch): copy it.
    const copy = new Response(res.body, res);
    copy.headers.set(name, value);
    return copy;
  }
}

/**
 * Every route handler runs through here: errors become JSON, the answer carries x-request-id, and one
 * log line says what was asked and how it went (never a body, a header value or a query string).
 */
async function run(req: Request, fn: () => Promise<unknown>): Promise<Response> {
  const started = performance.now();
  const ctx = { requestId: requestIdOf(req.headers) } as { requestId: string; accountId?: string };
  const res = await withRequestContext(ctx, async () => {
    try {
      return toResponse(await fn());
    } catch (err) {
      const res = errorResponse(err);
      if (res.status >= 500) logger().error({ err }, 'unexpected error');
      return res;
    }
  });
  const route = new URL(req.url).pathname;
  const line = { requestId: ctx.requestId, accountId: ctx.accountId, method: req.method, route, status: res.status, durationMs: Math.round(performance.now() - started) };
  if (res.status >= 500) logger().error(line, 'request');
  else logger().info(line, 'request');
  return withHeader(res, REQUEST_ID_HEADER, ctx.requestId);
}

/** The account the current request acts for, for its log line. */
function noteAccount(accountId: string) {
  const ctx = requestContext();
  if (ctx) ctx.accountId = accountId;
}

/** `Authorization: Bearer <secret>` equals `secret`, compared in constant time. */
function bearerMatches(req: Request, secret: string): boolean {
  const given = Buffer.from(req.headers.get('authorization')?.replace(/^Bearer\s+/i, '') ?? '');
  const wanted = Buffer.from(secret);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** CSRF defence for cookie-authenticated mutations: the browser must say the request comes from our
 *  own origin (SameSite=Lax cookies are the first line; this is the second). */
export function assertSameOrigin(req: Request): void {
  if (SAFE_METHODS.has(req.method)) return;
  const fetchSite = req.headers.get('sec-fetch-site');
  if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') {
    throw new ApiError('forbidden', 'Cross-site request refused');
  }
  const origin = req.headers.get('origin');
  if (!origin) throw new ApiError('forbidden', 'Missing Origin header');
  const allowed = new Set<string>();
  // X-Forwarded-Host only behind HOOKLINE_TRUST_PROXY: otherwise a cross-site page's request could
  // name the host its own Origin carries.
  const host = requestHost(req);
  if (host) {
    allowed.add(`http://${host}`);
    allowed.add(`https://${host}`);
  }
  const publicUrl = config().HOOKLINE_PUBLIC_URL;
  if (publicUrl) allowed.add(new URL(publicUrl).origin);
  if (!allowed.has(origin)) throw new ApiError('forbidden', 'Cross-origin request refused');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Route params; an `id`/`…Id` segment that is not a UUID cannot name a row, so it is a 404. */
async function readParams(ctx?: RouteContext): Promise<Params> {
  const params = ((await ctx?.params) ?? {}) as Params;
  for (const [key, value] of Object.entries(params)) {
    if ((key === 'id' || key.endsWith('Id')) && !UUID.test(value)) throw notFound();
  }
  return params;
}

/** No authentication (login, health), but errors are mapped the same way and mutations are
 *  origin-checked. */
export function withPublic(handler: (args: { req: Request; params: Params }) => Promise<unknown>) {
  return (req: Request, ctx?: RouteContext) =>
    run(req, async () => {
      assertSameOrigin(req);
      return handler({ req, params: await readParams(ctx) });
    });
}

/** Who acts: a signed-in user (screens) or an API key (machines). Both act for exactly one account. */
export type Actor = { kind: 'user'; user: CurrentSession['user']; sessionId: string } | { kind: 'apiKey'; keyId: string; name: string };
export type AccountArgs = { req: Request; params: Params; accountId: string; actor: Actor };

const BEARER = /^Bearer\s+(\S+)$/i;

/** `Authorization: Bearer <api key>` → its account; a missing or revoked key is a 401. */
async function apiKeyActor(req: Request): Promise<{ accountId: string; actor: Actor }> {
  const token = req.headers.get('authorization')?.match(BEARER)?.[1];
  const auth = token ? await authenticateApiKey(token) : null;
  if (!auth) {
    throw new ApiError('unauthorized', token ? 'Invalid or revoked API key' : 'Send an API key: Authorization: Bearer <key>', undefined, {
      'WWW-Authenticate': 'Bearer',
    });
  }
  return { accountId: auth.accountId, actor: { kind: 'apiKey', keyId: auth.keyId, name: auth.name } };
}

/** The session cookie → the user's current account; mutations must come from our own origin. */
async function sessionActor(req: Request): Promise<{ accountId: string; actor: Actor; current: CurrentSession }> {
  // No cookie at all cannot be a session: answer without reading one.
  const current = req.headers.has('cookie') ? await currentUser(req) : null;
  // Neither a key nor a session: say how machines authenticate (the screens redirect to sign-in).
  if (!current) throw new ApiError('unauthorized', 'Sign in first, or send an API key: Authorization: Bearer <key>', undefined, { 'WWW-Authenticate': 'Bearer' });
  assertSameOrigin(req);
  return { accountId: current.account.id, actor: { kind: 'user', user: current.user, sessionId: current.sessionId }, current };
}

function auditActor(req: Request, actor: Actor): AuditActor {
  const address = clientAddress(req);
  return actor.kind === 'user'
    ? { kind: 'user', id: actor.user.id, name: actor.user.email, address }
    : { kind: 'api_key', id: actor.keyId, name: actor.name, address };
}

/**
 * Every account-scoped route (after dub's withWorkspace): an `Authorization: Bearer` header means an
 * API key (no cookie is involved, so no origin check), anything else the session cookie. Either way
 * the handler gets one `accountId`, so the screens' routes and /api/v1/** are the same handlers.
 * `apiKey: false` keeps a route to signed-in users (managing API keys: a leaked key must not be
 * able to mint its successor).
 */
export function withAccount(handler: (args: AccountArgs) => Promise<unknown>, { apiKey = true }: { apiKey?: boolean } = {}) {
  return (req: Request, ctx?: RouteContext) =>
    run(req, async () => {
      // Only a Bearer header means a key: a proxy's Basic auth in front of the screens is not one.
      const viaKey = apiKey && /^Bearer\s/i.test(req.headers.get('authorization') ?? '');
      const { accountId, actor } = viaKey ? await apiKeyActor(req) : await sessionActor(req);
      noteAccount(accountId);
      const params = await readParams(ctx);
      // The audit trail's actor for whatever this request changes (lib/audit/context.ts).
      return withActor(auditActor(req, actor), () => handler({ req, params, accountId, actor }));
    });
}

/** Routes about the signed-in user rather than one account (switching accounts): session only. */
export function withUser(handler: (args: { req: Request; params: Params } & CurrentSession) => Promise<unknown>) {
  return (req: Request, ctx?: RouteContext) =>
    run(req, async () => {
      const { current } = await sessionActor(req);
      noteAccount(current.account.id);
      return handler({ req, params: await readParams(ctx), ...current });
    });
}

/** The cron route: `Authorization: Bearer $CRON_SECRET`, compared in constant time; 503 when unset. */
export function withCron(handler: (args: { req: Request }) => Promise<unknown>) {
  return (req: Request) =>
    run(req, async () => {
      const secret = config().CRON_SECRET;
      if (!secret) throw new ApiError('unavailable', 'Set CRON_SECRET to use this route');
      if (!bearerMatches(req, secret)) throw new ApiError('unauthorized', 'Wrong or missing CRON_SECRET');
      return handler({ req });
    });
}

/** The metrics route: `Authorization: Bearer $HOOKLINE_METRICS_TOKEN`; with the token unset the route
 *  does not exist (404), so an instance that does not opt in shows nothing about itself. */
export function withMetricsToken(handler: (args: { req: Request }) => Promise<unknown>) {
  return (req: Request) =>
    run(req, async () => {
      const token = config().HOOKLINE_METRICS_TOKEN;
      if (!token) throw notFound();
      if (!bearerMatches(req, token)) throw new ApiError('unauthorized', 'Wrong or missing metrics token', undefined, { 'WWW-Authenticate': 'Bearer' });
      return handler({ req });
    });
}
