// Audit → Account activity: an entry for each kind of change, written in the change's transaction
// (a rolled-back change leaves none), the actor from the request (user or API key), never a secret,
// filters and keyset pages, and one account never seeing another's.
import { afterAll, describe, expect, it } from 'vitest';
import { isolatedDatabase } from '../support/isolated-db';
import { newAccount } from '../support/fixtures';
import { startReceiver } from '../support/receiver';

await isolatedDatabase({ HOOKLINE_ALLOW_PRIVATE_NETWORKS: '1', HOOKLINE_BATCH_LINGER_MS: '0' });
const { withActor } = await import('@/lib/audit/context');
const { queryAuditPage, recordAudit, auditCsvStream } = await import('@/lib/audit/service');
const { recordSignIn } = await import('@/lib/audit/sign-in');
const { auditFilterSchema, auditListQuerySchema } = await import('@/lib/audit/schema');
const endpoints = await import('@/lib/endpoints/service');
const { endpointCreateSchema } = await import('@/lib/endpoints/schema');
const { sendTest } = await import('@/lib/endpoints/send-test');
const connectors = await import('@/lib/connectors/service');
const requestWebhooks = await import('@/lib/request-webhooks/service');
const { requestWebhookSchema } = await import('@/lib/templates/schema');
const { createApiKey } = await import('@/lib/api-keys/service');
const { ingestActivities } = await import('@/lib/activities/service');
const { deliverDue } = await import('@/lib/delivery/engine');
const { listLogs } = await import('@/lib/logs/service');
const { logListQuerySchema } = await import('@/lib/logs/schema');
const { replayAttempt } = await import('@/lib/logs/replay');
const { db } = await import('@/lib/db');
const v1Endpoint = await import('@/app/api/v1/endpoints/[id]/route');
type Activity = import('@/lib/activities/schema').Activity;

const receiver = await startReceiver(() => ({ status: 200 }));
afterAll(() => receiver.close());

const alice = { kind: 'user' as const, id: null, name: 'alice@example.test', address: '203.0.113.7' };
const entries = async (accountId: string, q: Record<string, unknown> = {}) => (await queryAuditPage(accountId, auditFilterSchema.parse(q), { limit: 200 })).rows;
const summary = (rows: Awaited<ReturnType<typeof entries>>) => rows.map((r) => `${r.action} ${r.targetKind} ${r.targetName}`).reverse();

describe('account activity', () => {
  it('records every kind of change with its actor and address, and never a secret', async () => {
    const acc = await newAccount();
    const id = acc.account.id;
    const secrets: string[] = [];
    await withActor(alice, async () => {
      const { endpoint: ep, signingSecret } = await endpoints.createEndpoint(
        id,
        endpointCreateSchema.parse({ name: 'CRM', url: receiver.url, format: 'object', auth: { login: 'u', password: 'basic-pass-123' }, headers: [{ name: 'X-Api-Key', value: 'header-secret-456' }] }),
      );
      secrets.push(signingSecret, 'basic-pass-123', 'header-secret-456');
      await endpoints.updateEndpoint(id, ep.id, { name: 'CRM feed', url: `${receiver.url}/v2` });
      await endpoints.setEndpointActive(id, ep.id, false);
      await endpoints.setEndpointActive(id, ep.id, true);
      secrets.push((await endpoints.rotateSigningSecret(id, ep.id)).signingSecret);
      await sendTest(id, ep.id, { body: '[]' });
      await ingestActivities(id, [{ activityDateTime: '2026-11-25T10:00:00', activityStatus: 'SENT', mediaType: 'email', contactId: 1 } as Activity]);
      for (let i = 0; i < 50 && receiver.requests.filter((r) => r.path === '/v2').length < 2; i++) await deliverDue({ budgetMs: 300, owner: 'audit-test' });
      const [delivered] = (await listLogs(id, logListQuerySchema.parse({ all: 'true' }))).rows.filter((r) => !r.isTest);
      await replayAttempt(id, delivered.id);
      await endpoints.deleteEndpoint(id, ep.id);

      const c = await connectors.createConnector(id, { name: 'Auth', type: 'bearer', token: 'bearer-token-789' });
      await connectors.updateConnector(id, c.id, { name: 'Auth 2', type: 'bearer', token: 'bearer-token-000' });
      secrets.push('bearer-token-789', 'bearer-token-000');
      const w = await requestWebhooks.createRequestWebhook(id, requestWebhookSchema.parse({ name: 'Lookup', method: 'GET', url: 'https://example.com/lookup', authEnabled: true, connectorId: c.id }));
      await requestWebhooks.updateRequestWebhook(id, w.id, requestWebhookSchema.parse({ name: 'Lookup 2', method: 'GET', url: 'https://example.com/lookup' }));
      await requestWebhooks.deleteRequestWebhook(id, w.id);
      await requestWebhooks.restoreRequestWebhook(id, w.id);
      await requestWebhooks.deleteRequestWebhook(id, w.id);
      await connectors.deleteConnector(id, c.id); // the webhook's edit dropped it
    });
    const user = await db().user.findUniqueOrThrow({ where: { email: acc.email } });
    secrets.push(acc.apiKey);
    await recordSignIn(new Request('http://x/'), acc.email, { userId: user.id, accountId: id });
    await recordSignIn(new Request('http://x/'), acc.email, null);

    const rows = await entries(id);
    expect(summary(rows)).toEqual([
      'created export CRM',
      'changed export CRM feed',
      'deactivated export CRM feed',
      'activated export CRM feed',
      'rotated_secret export CRM feed',
      'tested export CRM feed',
      'replayed export CRM feed',
      'deleted export CRM feed',
      'created connector Auth',
      'changed connector Auth 2',
      'created request_webhook Lookup',
      'changed request_webhook Lookup 2',
      'deleted request_webhook Lookup 2',
      'restored request_webhook Lookup 2',
      'deleted request_webhook Lookup 2',
      'deleted connector Auth 2',
      `signed_in user ${acc.email}`,
      `sign_in_failed user ${acc.email}`,
    ]);
    expect(rows.find((r) => r.action === 'changed' && r.targetKind === 'export')?.fields.sort()).toEqual(['name', 'url']);
    expect(rows.find((r) => r.action === 'changed' && r.targetKind === 'connector')?.fields).toEqual(['name', 'secret']);
    for (const r of rows.filter((r) => r.targetKind !== 'user')) expect(r).toMatchObject({ actorKind: 'user', actorName: 'alice@example.test', address: '203.0.113.7' });

    const stored = JSON.stringify(await db().auditEntry.findMany({ where: { accountId: id } }), (_, v) => (typeof v === 'bigint' ? String(v) : v));
    const csv = await new Response(auditCsvStream(id, auditFilterSchema.parse({}))).text();
    for (const secret of secrets) {
      expect(stored).not.toContain(secret);
      expect(csv).not.toContain(secret);
    }
    expect(csv.split('\r\n')[0]).toBe('Date,Actor kind,Actor,Address,Action,Target kind,Target,Target ID,Changed fields');
    expect(csv).toContain('Rotated the signing secret');
  });

  it('names the API key that made a change through /api/v1', async () => {
    const acc = await newAccount();
    const { key } = await createApiKey(acc.account.id, { name: 'Deploy bot' });
    const { endpoint: ep } = await endpoints.createEndpoint(acc.account.id, endpointCreateSchema.parse({ name: 'Feed', url: receiver.url }));
    const res = await v1Endpoint.PATCH(
      new Request(`http://localhost/api/v1/endpoints/${ep.id}`, { method: 'PATCH', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ active: false }) }),
      { params: Promise.resolve({ id: ep.id }) },
    );
    expect(res.status).toBe(200);
    const [last] = await entries(acc.account.id);
    expect(last).toMatchObject({ action: 'deactivated', actorKind: 'api_key', actorName: 'Deploy bot', targetName: 'Feed' });
    expect(JSON.stringify(last)).not.toContain(key);
  });

  it('leaves no entry when the change rolls back', async () => {
    const acc = await newAccount();
    const id = acc.account.id;
    await expect(
      db().$transaction(async (tx) => {
        await recordAudit(tx, { accountId: id, action: 'changed', target: { kind: 'export', name: 'x' } });
        throw new Error('the change failed after the entry was written');
      }),
    ).rejects.toThrow();
    // A real change refused by the database after its first entry was written: "deactivate and rename"
    // deactivates (entry written), then the rename collides with another export's name.
    const a = await endpoints.createEndpoint(id, endpointCreateSchema.parse({ name: 'A', url: receiver.url }));
    await endpoints.createEndpoint(id, endpointCreateSchema.parse({ name: 'B', url: receiver.url }));
    await expect(endpoints.updateEndpoint(id, a.endpoint.id, { name: 'B', active: false })).rejects.toMatchObject({ status: 409 });
    expect((await endpoints.getEndpoint(id, a.endpoint.id)).active).toBe(true);
    expect(summary(await entries(id))).toEqual(['created export A', 'created export B']);
  });

  it('filters by actor, action, kind and dates, pages by keyset, and stays within its account', async () => {
    const acc = await newAccount();
    const other = await newAccount('Other');
    const id = acc.account.id;
    const bob = { ...alice, name: 'bob@example.test' };
    for (const n of [1, 2, 3, 4, 5]) {
      await withActor(n % 2 ? alice : bob, () => endpoints.createEndpoint(id, endpointCreateSchema.parse({ name: `E${n}`, url: receiver.url })));
    }
    await withActor(bob, () => connectors.createConnector(id, { name: 'C', type: 'bearer', token: 't0ken' }));
    expect(summary(await entries(id, { actor: 'bob' }))).toEqual(['created export E2', 'created export E4', 'created connector C']);
    expect(summary(await entries(id, { targetKind: 'connector' }))).toEqual(['created connector C']);
    expect(await entries(id, { action: 'deleted' })).toEqual([]);
    expect(await entries(id, { to: '2000-01-01T00:00:00Z' })).toEqual([]);
    expect((await entries(id, { from: new Date(Date.now() - 60_000).toISOString() })).length).toBe(6);
    expect(auditListQuerySchema.safeParse({ action: 'nope' }).error?.issues[0].path).toEqual(['action']);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await queryAuditPage(id, {}, { limit: 4, cursor });
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual((await entries(id)).map((r) => r.id));
    expect(seen).toHaveLength(6);

    expect(await entries(other.account.id)).toEqual([]);
  });
});
