// Deleting a webhook keeps its attempt logs (issue 11, item 16): they stay in Audit → Webhook logs
// with the webhook's name as it was, filters still find them, and only retention removes them.
import { describe, expect, it } from 'vitest';
import { isolatedDatabase } from '../support/isolated-db';
import { newAccount } from '../support/fixtures';

await isolatedDatabase({ HOOKLINE_ALLOW_PRIVATE_NETWORKS: '1', HOOKLINE_RETRY_UNIT_MS: '600000', HOOKLINE_BATCH_LINGER_MS: '20', HOOKLINE_HTTP_TIMEOUT_MS: '2000' });

const { receiver, endpoint, activity, drain } = await import('./helpers');
const { ingestActivities } = await import('@/lib/activities/service');
const { sendTest } = await import('@/lib/endpoints/send-test');
const { deleteEndpoint, updateEndpoint } = await import('@/lib/endpoints/service');
const { listLogs, getLog } = await import('@/lib/logs/service');
const { replayAttempt } = await import('@/lib/logs/replay');
const { logsCsvStream } = await import('@/lib/logs/export');
const { logListQuerySchema, logFilterSchema } = await import('@/lib/logs/schema');
const { purgeExpired } = await import('@/lib/delivery/retention');
const { toApiError } = await import('@/lib/http/errors');

const list = (accountId: string, q: Record<string, unknown> = {}) => listLogs(accountId, logListQuerySchema.parse(q));

describe('attempt logs of a deleted webhook', () => {
  it('stay listed under the name it had, filterable, readable, not replayable, until retention', async () => {
    const acc = await newAccount();
    const other = await newAccount('Other');
    const failing = await receiver(() => ({ status: 500, body: 'boom' }));
    const ep = await endpoint(acc.account.id, failing.url, { name: 'CRM feed' });
    await ingestActivities(acc.account.id, [activity(1), activity(2)]);
    await drain();
    await sendTest(acc.account.id, ep.id, { body: '[{"test":true}]' });
    const before = (await list(acc.account.id, { all: 'true' })).rows;
    expect(before.length).toBeGreaterThanOrEqual(2);

    await updateEndpoint(acc.account.id, ep.id, { name: 'CRM feed (old)' });
    await deleteEndpoint(acc.account.id, ep.id);

    const after = (await list(acc.account.id, { all: 'true' })).rows;
    expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
    for (const r of after) expect(r).toMatchObject({ endpointId: ep.id, endpointName: 'CRM feed (old)', kind: 'export', endpointDeleted: true });
    // The default view (failed deliveries), the webhook filter and the status filter still find them.
    const failed = (await list(acc.account.id)).rows;
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect((await list(acc.account.id, { endpointId: ep.id })).rows.map((r) => r.id)).toEqual(failed.map((r) => r.id));
    expect((await list(acc.account.id, { status: '5xx' })).rows.map((r) => r.id)).toEqual(failed.map((r) => r.id));
    expect(await getLog(acc.account.id, failed[0].id)).toMatchObject({ endpointName: 'CRM feed (old)', endpointDeleted: true, responseStatus: 500 });
    const csv = await new Response(logsCsvStream(acc.account.id, logFilterSchema.parse({}))).text();
    expect(csv).toContain('CRM feed (old)');
    expect(await replayAttempt(acc.account.id, failed[0].id).then(() => null, (e) => toApiError(e))).toMatchObject({ status: 409 });
    // Still another account's business only.
    expect((await list(other.account.id, { all: 'true' })).rows).toEqual([]);

    await purgeExpired({ days: 0, now: Date.now() + 1000 });
    expect((await list(acc.account.id, { all: 'true' })).rows).toEqual([]);
  });
});
