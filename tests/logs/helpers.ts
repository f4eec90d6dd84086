// Shared by the webhook-log tests: receivers that are closed after the file, endpoints with random
// names, activities, and a cron-style drain of the engine. Import after isolatedDatabase().
import { afterAll } from 'vitest';
import { startReceiver, type Receiver } from '../support/receiver';

const { createEndpoint } = await import('@/lib/endpoints/service');
const { endpointCreateSchema } = await import('@/lib/endpoints/schema');
const { deliverDue } = await import('@/lib/delivery/engine');
type Activity = import('@/lib/activities/schema').Activity;

const receivers: Receiver[] = [];
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close().catch(() => undefined)));
});

export async function receiver(...args: Parameters<typeof startReceiver>) {
  const r = await startReceiver(...args);
  receivers.push(r);
  return r;
}

/** An object-format endpoint (one activity per request, sent at once). */
export async function endpoint(accountId: string, url: string, input: Record<string, unknown> = {}) {
  const { endpoint: ep } = await createEndpoint(
    accountId,
    endpointCreateSchema.parse({ name: `ep-${Math.random().toString(36).slice(2, 8)}`, url, format: 'object', ...input }),
  );
  return ep;
}

export const activity = (n: number, extra: Record<string, unknown> = {}): Activity =>
  ({ activityDateTime: '2026-11-25T10:00:00', activityStatus: 'DELIVERED', mediaType: 'email', contactId: n, email: `c${n}@example.test`, ...extra }) as Activity;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs the engine until nothing is due (failures wait HOOKLINE_RETRY_UNIT_MS, long in these tests). */
export async function drain(timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  let idle = 0;
  while (idle < 3) {
    if (Date.now() > deadline) throw new Error('engine did not settle in time');
    const stats = await deliverDue({ budgetMs: 1000, owner: 'logs-test' });
    idle = stats.claimed === 0 ? idle + 1 : 0;
    await sleep(25);
  }
}

export { parseCsv } from './csv-parse';
