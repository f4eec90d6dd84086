// Switching an endpoint on or off, in one place for every route: the screens (event webhooks,
// exports, Laboratory) and /api/v1/endpoints. "One active event webhook per type" is checked early for
// a friendly answer (lib/event-webhooks/rules.ts) and enforced by the partial unique index
// endpoints_one_active_event_type, so no race can create two; a race lost to it gets the same 409.
import { pool } from '@/lib/db';
import { isUniqueViolation, type ApiError } from '@/lib/http/errors';
import { activeOfType, oneActiveConflict } from '@/lib/event-webhooks/rules';
import type { Prisma } from '@/lib/generated/prisma/client';

type Tx = Prisma.TransactionClient;

/**
 * Activates an inactive endpoint inside the caller's transaction. Its held queue resumes in order:
 * next_attempt_at wakes a worker and work_version tells a worker just letting go of the inactive
 * endpoint not to park it. Returns false when it was already active.
 */
export async function activateEndpoint(tx: Tx, accountId: string, id: string): Promise<boolean> {
  const { count } = await tx.endpoint.updateMany({
    where: { id, accountId, active: false },
    data: { active: true, nextAttemptAt: new Date(), workVersion: { increment: 1 } },
  });
  return count > 0;
}

/** Deactivates an endpoint: its queue is held, nothing is dropped. Returns false when it was inactive. */
export async function deactivateEndpoint(tx: Tx, accountId: string, id: string): Promise<boolean> {
  const { count } = await tx.endpoint.updateMany({ where: { id, accountId, active: true }, data: { active: false } });
  return count > 0;
}

/**
 * The 409 for a write that lost the race for "one active per type" (the partial unique index refused
 * it), naming the webhook that won; null when the error is something else.
 */
export async function activationConflict(err: unknown, accountId: string, eventType: string | null | undefined): Promise<ApiError | null> {
  if (!eventType || !isUniqueViolation(err)) return null;
  const other = await activeOfType(pool(), accountId, eventType);
  return other ? oneActiveConflict(eventType, other) : null;
}
