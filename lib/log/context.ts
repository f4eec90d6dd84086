// The request a log line belongs to: set once per API request by the route wrappers (lib/auth/route.ts),
// added to every line logged while it runs (the logger's mixin), so an error logged deep in a service
// carries the request id and account of the request that caused it.
import { AsyncLocalStorage } from 'node:async_hooks';

export type RequestContext = { requestId: string; accountId?: string };

const storage = new AsyncLocalStorage<RequestContext>();

export function withRequestContext<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

export const requestContext = (): RequestContext | undefined => storage.getStore();
