// Tenant isolation, enforced in one place: every query on an account-owned model made through
// tenantDb(accountId) is narrowed to that account (reads, updates, deletes) or stamped with it
// (creates). A row of another account is simply not found, which the route wrappers answer as 404.
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';

/** Models whose rows belong to an account (they have an accountId column). */
export const TENANT_MODELS: ReadonlySet<Prisma.ModelName> = new Set<Prisma.ModelName>([
  'ApiKey',
  'Endpoint',
  'Activity',
  'Delivery',
  'Attempt',
  'Contact',
  'Segment',
  'Event',
  'Connector',
  'RequestWebhook',
  'Workflow',
  'WorkflowRun',
  'WorkflowRunStep',
]);

type Args = Record<string, unknown>;

function scopeArgs(operation: string, args: Args, accountId: string): Args {
  const stamp = (data: unknown) => ({ ...(data as Args), accountId });
  switch (operation) {
    case 'create':
      return { ...args, data: stamp(args.data) };
    case 'createMany':
    case 'createManyAndReturn':
      return { ...args, data: (Array.isArray(args.data) ? args.data : [args.data]).map(stamp) };
    case 'upsert':
      return { ...args, where: stamp(args.where), create: stamp(args.create) };
    default: // find*, update*, delete*, count, aggregate, groupBy
      return { ...args, where: stamp(args.where) };
  }
}

export function tenantDb(accountId: string) {
  return db().$extends({
    name: 'tenant',
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          if (!TENANT_MODELS.has(model as Prisma.ModelName)) return query(args);
          return query(scopeArgs(operation, (args ?? {}) as Args, accountId) as typeof args);
        },
      },
    },
  });
}

export type TenantDb = ReturnType<typeof tenantDb>;
