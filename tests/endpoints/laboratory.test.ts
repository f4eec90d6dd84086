// Laboratory (the account webhook) against a real PostgreSQL and real receivers on 127.0.0.1.
import { afterAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { AddressInfo } from 'node:net';
import { isolatedDatabase } from '../support/isolated-db';
import { startReceiver, type Receiver } from '../support/receiver';
import { newAccount } from '../support/fixtures';

await isolatedDatabase({
  HOOKLINE_ALLOW_PRIVATE_NETWORKS: '1',
  HOOKLINE_HTTP_TIMEOUT_MS: '2000',
  HOOKLINE_BATCH_LINGER_MS: '20',
  HOOKLINE_RETRY_UNIT_MS: '25',
});

const { getLaboratory, saveLaboratory } = await import('@/lib/endpoints/laboratory');
const { laboratorySchema } = await import('@/lib/endpoints/laboratory-schema');
const { createEndpoint, getEndpoint, listEndpoints, rotateSigningSecret } = await import('@/lib/endpoints/service');
const { endpointCreateSchema } = await import('@/lib/endpoints/schema');
const { toApiError } = await import('@/lib/http/errors');
const { ingestActivities } = await import('@/lib/activities/service');
const { deliverDue } = await import('@/lib/delivery/engine');
const { ACTIVITY_STATUSES } = await import('@/lib/activities/schema');
type Activity = import('@/lib/activities/schema').Activity;

const receivers: Receiver[] = [];
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
});
async function receiver(status: number) {
  const r = await startReceiver(() => ({ status }));
  receivers.push(r);
  return r;
}
/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const save = (accountId: string, input: { enabled: boolean; url: string }) => saveLaboratory(accountId, laboratorySchema.parse(input));
const activity = (n: number): Activity =>
  ({ activityDateTime: '2026-11-25T10:00:00', activityStatus: 'DELIVERED', mediaType: 'email', contactId: n, iid: `iid-${n}` }) as Activity;

describe('laboratory', () => {
  it('starts disabled, without an address', async () => {
    const acc = await newAccount();
    expect(await getLaboratory(acc.account.id)).toEqual({
      enabled: false,
      url: null,
      endpointId: null,
      state: 'inactive',
      blockedSince: null,
      lastSuccessAt: null,
      waiting: 0,
    });
  });

  it('a 200 to the test GET saves an active endpoint for all 8 statuses, as arrays', async () => {
    const acc = await newAccount();
    const r = await receiver(200);
    const result = await save(acc.account.id, { enabled: true, url: `${r.url}/hooks` });

    expect(result.saved).toBe(true);
    expect(result.test).toMatchObject({ ok: true, status: 200, durationMs: expect.any(Number) });
    expect(r.requests).toHaveLength(1);
    expect(r.requests[0]).toMatchObject({ method: 'GET', path: '/hooks', body: '' });
    expect(r.requests[0].headers['user-agent']).toMatch(/^Hookline\//);

    expect(result.laboratory).toMatchObject({ enabled: true, url: `${r.url}/hooks`, state: 'active', endpointId: expect.any(String) });
    const ep = await getEndpoint(acc.account.id, result.laboratory.endpointId!);
    expect(ep).toMatchObject({ kind: 'laboratory', name: 'Laboratory', active: true, format: 'array', url: `${r.url}/hooks` });
    expect(ep.statuses).toEqual([...ACTIVITY_STATUSES]);
    expect(ep.statuses).toHaveLength(8);
    expect(await getLaboratory(acc.account.id)).toEqual(result.laboratory);
  });

  it('a 403 saves nothing and reports the status', async () => {
    const acc = await newAccount();
    const r = await receiver(403);
    const result = await save(acc.account.id, { enabled: true, url: r.url });

    expect(result.saved).toBe(false);
    expect(result.test).toMatchObject({ ok: false, status: 403, error: { kind: 'http' } });
    expect(r.requests.map((q) => q.method)).toEqual(['GET']);
    expect(result.laboratory).toMatchObject({ enabled: false, url: null, endpointId: null });
    expect(await listEndpoints(acc.account.id, 'laboratory')).toHaveLength(0);
  });

  it('a refused connection saves nothing and says so', async () => {
    const acc = await newAccount();
    const url = `http://127.0.0.1:${await closedPort()}/`;
    const result = await save(acc.account.id, { enabled: true, url });

    expect(result.saved).toBe(false);
    expect(result.test).toMatchObject({ ok: false, status: null, error: { kind: 'refused', message: expect.stringContaining('refused') } });
    expect(await listEndpoints(acc.account.id, 'laboratory')).toHaveLength(0);
  });

  it('a failed test leaves the saved address and its activation untouched', async () => {
    const acc = await newAccount();
    const good = await receiver(200);
    const bad = await receiver(500);
    const first = await save(acc.account.id, { enabled: true, url: good.url });
    const result = await save(acc.account.id, { enabled: true, url: bad.url });

    expect(result.saved).toBe(false);
    expect(result.test).toMatchObject({ ok: false, status: 500 });
    expect(result.laboratory).toEqual(first.laboratory);
    expect(await getLaboratory(acc.account.id)).toMatchObject({ enabled: true, url: good.url });
  });

  it('disabling sends no test and keeps the address; enabling again reuses the endpoint', async () => {
    const acc = await newAccount();
    const r = await receiver(200);
    await save(acc.account.id, { enabled: true, url: r.url });
    const disabled = await save(acc.account.id, { enabled: false, url: '' });

    expect(disabled).toMatchObject({ saved: true, test: null, laboratory: { enabled: false, url: r.url, state: 'inactive' } });
    expect(r.requests).toHaveLength(1); // only the GET of the first save
    expect((await save(acc.account.id, { enabled: false, url: 'not a url' })).saved).toBe(true); // twice is harmless

    const again = await save(acc.account.id, { enabled: true, url: r.url });
    expect(again).toMatchObject({ saved: true, laboratory: { enabled: true, endpointId: disabled.laboratory.endpointId } });
    expect(r.requests.map((q) => q.method)).toEqual(['GET', 'GET']);
  });

  it('disabling holds the waiting activities; enabling again delivers them', async () => {
    const acc = await newAccount();
    const r = await receiver(200);
    await save(acc.account.id, { enabled: true, url: r.url });
    await ingestActivities(acc.account.id, [activity(1), activity(2)]);
    const disabled = await save(acc.account.id, { enabled: false, url: r.url });
    expect(disabled.laboratory).toMatchObject({ enabled: false, state: 'inactive', waiting: 2 });

    await sleep(100);
    await deliverDue({ budgetMs: 500, owner: 'test' });
    expect(r.requests.map((q) => q.method)).toEqual(['GET']); // held: nothing POSTed while disabled

    await save(acc.account.id, { enabled: true, url: r.url });
    const deadline = Date.now() + 10_000;
    while (r.requests.filter((q) => q.method === 'POST').length === 0 && Date.now() < deadline) {
      await deliverDue({ budgetMs: 500, owner: 'test' });
      await sleep(20);
    }
    const posted = r.requests.filter((q) => q.method === 'POST').flatMap((q) => JSON.parse(q.body));
    expect(posted.map((a: Activity) => a.contactId)).toEqual([1, 2]);
    expect(await getLaboratory(acc.account.id)).toMatchObject({ enabled: true, waiting: 0, lastSuccessAt: expect.any(String) });
  });

  it('disabling before anything was saved is a no-op', async () => {
    const acc = await newAccount();
    expect(await save(acc.account.id, { enabled: false, url: '' })).toMatchObject({ saved: true, test: null, laboratory: { enabled: false, url: null } });
    expect(await listEndpoints(acc.account.id, 'laboratory')).toHaveLength(0);
  });

  it('a second save updates the same endpoint: still exactly one laboratory endpoint', async () => {
    const acc = await newAccount();
    const a = await receiver(200);
    const b = await receiver(204);
    const first = await save(acc.account.id, { enabled: true, url: a.url });
    const second = await save(acc.account.id, { enabled: true, url: `  ${b.url}/new  ` });

    expect(second).toMatchObject({ saved: true, test: { ok: true, status: 204 } });
    expect(second.laboratory).toMatchObject({ endpointId: first.laboratory.endpointId, url: `${b.url}/new`, enabled: true });
    const all = await listEndpoints(acc.account.id, 'laboratory');
    expect(all).toHaveLength(1);
    expect(all[0].url).toBe(`${b.url}/new`);
  });

  it('concurrent first saves make exactly one laboratory endpoint and all succeed (database index)', async () => {
    const acc = await newAccount();
    const a = await receiver(200);
    const results = await Promise.all([1, 2, 3, 4].map((n) => save(acc.account.id, { enabled: true, url: `${a.url}/${n}` })));
    for (const r of results) expect(r).toMatchObject({ saved: true, laboratory: { enabled: true } });
    const all = await listEndpoints(acc.account.id, 'laboratory');
    expect(all).toHaveLength(1);
    expect(new Set(results.map((r) => r.laboratory.endpointId))).toEqual(new Set([all[0].id]));

    // Through /api/v1/endpoints (any name): one is created, the others get a 409, never a 500.
    const other = await newAccount();
    const created = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((n) =>
        createEndpoint(other.account.id, endpointCreateSchema.parse({ kind: 'laboratory', name: `Lab ${n}`, url: `${a.url}/${n}` })).then(
          () => null,
          (e) => toApiError(e),
        ),
      ),
    );
    expect(await listEndpoints(other.account.id, 'laboratory')).toHaveLength(1);
    expect(created.filter((e) => e === null)).toHaveLength(1);
    for (const e of created.filter((e) => e !== null)) expect(e).toMatchObject({ status: 409, message: expect.stringContaining('already has its Laboratory webhook') });
  });

  it('the first save returns the signing secret once; deliveries verify with it and, after Rotate, with both', async () => {
    const acc = await newAccount();
    const a = await receiver(200);
    const first = await save(acc.account.id, { enabled: true, url: a.url });
    expect(first.signingSecret).toMatch(/^whsec_/);
    expect((await save(acc.account.id, { enabled: true, url: a.url })).signingSecret).toBeUndefined();
    const { signingSecret: rotated } = await rotateSigningSecret(acc.account.id, first.laboratory.endpointId!);
    await ingestActivities(acc.account.id, [{ activityDateTime: '2026-11-25T10:00:00', activityStatus: 'SENT', mediaType: 'email', contactId: 7 } as Activity]);
    for (let i = 0; i < 100 && !a.requests.some((q) => q.method === 'POST'); i++) {
      await deliverDue({ budgetMs: 300, owner: 'test' });
      await new Promise((r) => setTimeout(r, 20));
    }
    const post = a.requests.find((q) => q.method === 'POST')!;
    const h = { 'webhook-id': String(post.headers['webhook-id']), 'webhook-timestamp': String(post.headers['webhook-timestamp']), 'webhook-signature': String(post.headers['webhook-signature']) };
    for (const secret of [first.signingSecret!, rotated]) expect(() => new Webhook(secret).verify(post.body, h)).not.toThrow();
  });

  it('the schema requires a valid address only when enabling', () => {
    expect(laboratorySchema.safeParse({ enabled: true, url: '' }).error?.issues[0]).toMatchObject({ path: ['url'], message: 'Enter the webhook URL' });
    expect(laboratorySchema.safeParse({ enabled: true, url: 'ftp://x' }).error?.issues[0]).toMatchObject({ path: ['url'] });
    expect(laboratorySchema.safeParse({ enabled: false, url: '' }).success).toBe(true);
  });
});
