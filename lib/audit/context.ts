// Who is acting, for the audit trail: set once per request by the route wrappers (lib/auth/route.ts)
// and read by recordAudit, so services record the actor without every signature carrying it.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ActorKind } from './schema';

export type Actor = { kind: ActorKind; id: string | null; name: string; address: string | null };

const storage = new AsyncLocalStorage<Actor>();

/** Work done outside a request (CLI, worker, tests that set none). */
export const SYSTEM_ACTOR: Actor = { kind: 'system', id: null, name: 'Hookline', address: null };

export function withActor<T>(actor: Actor, fn: () => T): T {
  return storage.run(actor, fn);
}

export const currentActor = (): Actor => storage.getStore() ?? SYSTEM_ACTOR;
