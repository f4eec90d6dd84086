// The wrappers every route handler is written with (after dub's withWorkspace): they authenticate,
// resolve the account, check the request's origin for mutations, and turn thrown errors into JSON.
// A handler receives an `account` it cannot forget to use and returns data (sent as JSON) or a Response.
import { ApiError, errorResponse, notFound } from '@/lib/http/errors';
import { authenticateApiKey } from '@/lib/api-keys/service';
import { config } from '@/lib/config';
import { currentUser, type CurrentUser } from './current';
import { clientIp } from './rate-limit';
import { withActor } from '@/lib/audit/context';

type RouteContext = { params: Promise<Record<string, string | string[]>> };
type Params = Record<string, string>;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function toResponse(result: unknown): Response {
  if (result instanceof Response) return result;
  if (result === undefined) return new Response(null, { status: 204 });
  return Response.json(result);
}

async function run(fn: () => Promise<unknown>): Promise<Response> {
  try {
    return toResponse(await fn());
  } catch (err) {
    return errorResponse(err);
  }
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
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
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
    run(async () => {
      assertSameOrigin(req);
      return handler({ req, params: await readParams(ctx) });
    });
}

/** Browser routes: a signed-in user, scoped to their current account. */
export function withAccount(
  handler: (args: { req: Request; params: Params; account: CurrentUser['account']; user: CurrentUser['user'] }) => Promise<unknown>,
) {
  return (req: Request, ctx?: RouteContext) =>
    run(async () => {
      assertSameOrigin(req);
      const current = await currentUser();
      if (!current) throw new ApiError('unauthorized', 'Sign in first');
      const params = await readParams(ctx);
      // The audit trail's actor for whatever this request changes (lib/audit/context.ts).
      const actor = { kind: 'user' as const, id: current.user.id, name: current.user.email, address: clientIp(req) };
      return withActor(actor, () => handler({ req, params, account: current.account, user: current.user }));
    });
}

/** Machine API (/api/v1/...): `Authorization: Bearer <api key>`, scoped to the key's account. */
export function withApiKey(handler: (args: { req: Request; params: Params; accountId: string }) => Promise<unknown>) {
  return (req: Request, ctx?: RouteContext) =>
    run(async () => {
      const header = req.headers.get('authorization') ?? '';
      const token = header.match(/^Bearer\s+(\S+)$/i)?.[1];
      const auth = token ? await authenticateApiKey(token) : null;
      if (!auth) {
        throw new ApiError('unauthorized', token ? 'Invalid or revoked API key' : 'Send an API key: Authorization: Bearer <key>', undefined, {
          'WWW-Authenticate': 'Bearer',
        });
      }
      const params = await readParams(ctx);
      const actor = { kind: 'api_key' as const, id: auth.keyId, name: auth.name, address: clientIp(req) };
      return withActor(actor, () => handler({ req, params, accountId: auth.accountId }));
    });
}
