// The delivery engine against a real PostgreSQL and real receivers on 127.0.0.1.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { isolatedDatabase } from '../support/isolated-db';
import { startReceiver, type Receiver } from '../support/receiver';
import { newAccount } from '../support/fixtures';

await isolatedDatabase({
  HOOKLINE_ALLOW_PRIVATE_NETWORKS: '1',
  HOOKLINE_RETRY_UNIT_MS: '25',
  HOOKLINE_BATCH_LINGER_MS: '20',
  HOOKLINE_WORKER_POLL_MS: '20',
  HOOKLINE_LEASE_MS: '5000',
  HOOKLINE_HTTP_TIMEOUT_MS: '2000',
});

const { SEED_EXAMPLES } = await import('../support/seed-examples');
const { ingestActivities } = await import('@/lib/activities/service');
const { createEndpoint, setEndpointActive, deleteEndpoint, rotateSigningSecret, getEndpoint, retryEndpointNow } = await import('@/lib/endpoints/service');
const { endpointCreateSchema } = await import('@/lib/endpoints/schema');
const { deliverDue, claimEndpoints, processEndpoint, emptyStats } = await import('@/lib/delivery/engine');
const { pool } = await import('@/lib/db/pool');
const { startWorker } = await import('@/lib/delivery/worker');
const { db } = await import('@/lib/db');
const { encryptSecret } = await import('@/lib/crypto/secrets');
type Activity = import('@/lib/activities/schema').Activity;

const receivers: Receiver[] = [];
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
});
async function receiver(...args: Parameters<typeof startReceiver>) {
  const r = await startReceiver(...args);
  receivers.push(r);
  return r;
}
async function endpoint(accountId: string, input: Record<string, unknown>) {
  return createEndpoint(accountId, endpointCreateSchema.parse({ name: `ep-${Math.random().toString(36).slice(2, 8)}`, ...input }));
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Runs the engine (cron-style) until `done` holds. */
async function drainUntil(done: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('engine did not finish in time');
    await deliverDue({ budgetMs: 500, owner: 'test' });
    await sleep(10);
  }
}
const activity = (n: number, status = 'DELIVERED', extra: Record<string, unknown> = {}): Activity =>
  ({ activityDateTime: `2026-11-25T10:00:${String(n % 60).padStart(2, '0')}`, activityStatus: status, mediaType: 'email', contactId: n, iid: `iid-${n}`, email: `c${n}@example.test`, ...extra }) as Activity;
const receivedActivities = (r: Receiver) => r.requests.filter((q) => q.body).flatMap((q) => JSON.parse(q.body));
/** Runs `fn` with the engine's reads of activity texts (lib/delivery/activity-texts.ts) counted: the ids each asked for. */
async function countingTextReads(fn: () => Promise<unknown>): Promise<number[]> {
  const p = pool();
  const asked: number[] = [];
  const query = p.query.bind(p) as (...a: unknown[]) => unknown;
  const spy = vi.spyOn(p, 'query').mockImplementation(((config: { name?: string; values?: unknown[][] }, ...rest: unknown[]) => {
    if (config?.name === 'hl_activity_texts') asked.push(config.values![0].length);
    return query(config, ...rest);
  }) as never);
  try {
    await fn();
  } finally {
    spy.mockRestore();
  }
  return asked;
}

/** Runs `fn` watching the forms: the deliveries each writes (hl_form_write) and the activity texts each
 *  read brings (with the form read, hl_form_read, or in a chunk, hl_activity_texts). */
async function watchingForms(fn: () => Promise<unknown>): Promise<{ sizes: number[]; texts: number[] }> {
  const p = pool();
  const sizes: number[] = [];
  const texts: number[] = [];
  const query = p.query.bind(p) as (...a: unknown[]) => Promise<{ rows: { item?: string | null }[] }>;
  const spy = vi.spyOn(p, 'query').mockImplementation(((config: { name?: string; values?: unknown[] }, ...rest: unknown[]) => {
    if (config?.name === 'hl_form_write') sizes.push(config.values![2] as number);
    if (config?.name === 'hl_activity_texts') texts.push((config.values![0] as unknown[]).length);
    const result = query(config, ...rest);
    if (config?.name === 'hl_form_read') void result.then((r) => texts.push(r.rows.filter((row) => row.item != null).length));
    return result;
  }) as never);
  try {
    await fn();
  } finally {
    spy.mockRestore();
  }
  return { sizes, texts };
}

describe('delivery engine', () => {
  it('delivers every seed example array to an array endpoint, field for field, in order', async () => {
    const acc = await newAccount();
    const r = await receiver();
    await endpoint(acc.account.id, { url: r.url, format: 'array' });
    const expected: unknown[] = [];
    for (const seed of SEED_EXAMPLES) {
      await ingestActivities(acc.account.id, seed.activities as Activity[]);
      expected.push(...seed.activities);
    }
    await drainUntil(() => receivedActivities(r).length >= expected.length);
    expect(receivedActivities(r)).toEqual(expected);
    for (const req of r.requests) {
      expect(req.method).toBe('POST');
      expect(req.headers['content-type']).toBe('application/json');
      expect(req.headers['user-agent']).toMatch(/^Hookline\/\d+\.\d+\.\d+$/);
      expect(Array.isArray(JSON.parse(req.body))).toBe(true);
    }
  });

  it('sends only the statuses an endpoint tracks; object endpoints get one object per request', async () => {
    const acc = await newAccount();
    const clicks = await receiver();
    const objects = await receiver();
    await endpoint(acc.account.id, { url: clicks.url, statuses: ['CLICKED'] });
    await endpoint(acc.account.id, { url: objects.url, format: 'object' });
    await ingestActivities(acc.account.id, [activity(1, 'DELIVERED'), activity(2, 'CLICKED'), activity(3, 'READ'), activity(4, 'CLICKED')]);
    await drainUntil(() => objects.requests.length >= 4 && clicks.requests.length >= 1);
    expect(receivedActivities(clicks).map((a) => a.contactId)).toEqual([2, 4]);
    expect(objects.requests.map((q) => JSON.parse(q.body).contactId)).toEqual([1, 2, 3, 4]);
  });

  it('batches at most HOOKLINE_BATCH_MAX_ACTIVITIES (100) per request', async () => {
    const acc = await newAccount();
    const r = await receiver();
    await endpoint(acc.account.id, { url: r.url });
    await ingestActivities(acc.account.id, Array.from({ length: 250 }, (_, i) => activity(i)));
    await drainUntil(() => receivedActivities(r).length >= 250);
    expect(r.requests.map((q) => JSON.parse(q.body).length)).toEqual([100, 100, 50]);
    expect(receivedActivities(r).map((a) => a.contactId)).toEqual(Array.from({ length: 250 }, (_, i) => i));
  });

  it('stores array batches of stored activities by reference, not as a second copy; a retry and the log send and show the same bytes', async () => {
    const acc = await newAccount();
    // Each receiver refuses its first request: the retry's body is rebuilt by PostgreSQL (delivery_body).
    const arrays = await receiver((_, i) => (i === 0 ? { status: 503 } : { status: 200 }));
    const objects = await receiver((_, i) => (i === 0 ? { status: 503 } : { status: 200 }));
    const { endpoint: arrayEp } = await endpoint(acc.account.id, { url: arrays.url, statuses: ['DELIVERED', 'CLICKED'] });
    const { endpoint: objectEp } = await endpoint(acc.account.id, { url: objects.url, format: 'object' });
    // Unicode, escapes and the sender's key order must survive the trip through PostgreSQL.
    const sent = [activity(1), activity(2, 'READ'), activity(3, 'CLICKED', { messageName: 'Ünïcødé "quoted" \\ 🎉', statusData: { z: 1, a: [1, 2] } }), activity(4)];
    await ingestActivities(acc.account.id, sent);
    await drainUntil(() => arrays.requests.length >= 2 && objects.requests.length >= 5);

    expect(arrays.requests[1].body).toBe(arrays.requests[0].body);
    expect(arrays.requests[0].body).toBe(JSON.stringify([sent[0], sent[2], sent[3]]));
    expect(objects.requests[1].body).toBe(objects.requests[0].body);
    expect(objects.requests.slice(1).map((q) => q.body)).toEqual(sent.map((a) => JSON.stringify(a)));
    // The retry carries the same webhook-id and a signature over the same bytes.
    expect(arrays.requests[1].headers['webhook-id']).toBe(arrays.requests[0].headers['webhook-id']);

    const { rows } = await pool().query<{ endpoint_id: string; body: string | null; ids: string[] | null; first: string | null; built: string }>(
      `SELECT d.endpoint_id, d.body, d.activity_ids::text[] AS ids, d.first_activity_id::text AS first,
              delivery_body(d.body, d.activity_ids) AS built
         FROM deliveries d WHERE d.account_id = $1 ORDER BY d.endpoint_id, d.seq`,
      [acc.account.id],
    );
    const stored = await pool().query<{ id: string }>(`SELECT id::text FROM activities WHERE account_id = $1 ORDER BY id`, [acc.account.id]);
    const actIds = stored.rows.map((r) => r.id);
    const mine = (id: string) => rows.filter((r) => r.endpoint_id === id);
    expect(mine(arrayEp.id)).toEqual([{ endpoint_id: arrayEp.id, body: null, ids: [actIds[0], actIds[2], actIds[3]], first: actIds[0], built: arrays.requests[0].body }]);
    // Single objects stay in the row (small, inline, nothing to index), sent again as they were.
    expect(mine(objectEp.id).map((r) => [r.body, r.ids, r.first, r.built])).toEqual(actIds.map((_, i) => [objects.requests[i + 1].body, null, null, objects.requests[i + 1].body]));

    // The Webhook log shows the request body as it was sent.
    const { getLog } = await import('@/lib/logs/service');
    const failed = await db().attempt.findFirstOrThrow({ where: { endpointId: arrayEp.id, success: false } });
    expect((await getLog(acc.account.id, String(failed.id))).request.body).toBe(arrays.requests[0].body);
  });

  it('forms up to 16 waiting batches at once, within the bytes of four full batches; texts in hand stay within 400', async () => {
    let texts: number[] = [];
    const formSizes = async (fn: () => Promise<unknown>) => {
      const seen = await watchingForms(fn);
      texts = seen.texts;
      return seen.sizes;
    };
    const acc = await newAccount();
    const r = await receiver();
    await endpoint(acc.account.id, { url: r.url });
    await ingestActivities(acc.account.id, Array.from({ length: 2000 }, (_, i) => activity(i)));
    const small = await formSizes(() => drainUntil(() => receivedActivities(r).length >= 2000));
    expect(small).toEqual([16, 4]); // 20 batches of 100 (~17 KB each)
    // A lone endpoint's texts: each once, at most 400 per read (the first form: 400 with the queue read,
    // the next 1,200 in chunks as the walk needs them; the second form's 400 with its queue read).
    expect(texts.reduce((a, b) => a + b, 0)).toBe(2000);
    expect(Math.max(...texts)).toBe(400);
    expect(receivedActivities(r).map((a) => a.contactId)).toEqual(Array.from({ length: 2000 }, (_, i) => i));

    // Batches bounded by bytes (HOOKLINE_BATCH_MAX_BYTES 2 KiB: ~12 activities each): four per form.
    const { resetConfig } = await import('@/lib/config');
    process.env.HOOKLINE_BATCH_MAX_BYTES = '2048';
    resetConfig();
    try {
      const acc2 = await newAccount();
      const r2 = await receiver();
      await endpoint(acc2.account.id, { url: r2.url });
      await ingestActivities(acc2.account.id, Array.from({ length: 300 }, (_, i) => activity(i)));
      const bound = await formSizes(() => drainUntil(() => receivedActivities(r2).length >= 300));
      expect(Math.max(...bound)).toBe(4);
      for (const q of r2.requests) expect(Buffer.byteLength(q.body)).toBeLessThanOrEqual(2048);
      expect(receivedActivities(r2).map((a) => a.contactId)).toEqual(Array.from({ length: 300 }, (_, i) => i));
    } finally {
      delete process.env.HOOKLINE_BATCH_MAX_BYTES;
      resetConfig();
    }
  });

  it('reads no activity text a form does not use, and no more than the bound, for large activities and sparse event ranges', async () => {
    // ~9 KB activities: four batches of 100 fill a form's bytes; the 401st row ends the walk unread.
    const acc = await newAccount();
    const r = await receiver();
    await endpoint(acc.account.id, { url: r.url });
    const pad = 'p'.repeat(9000);
    await ingestActivities(acc.account.id, Array.from({ length: 900 }, (_, i) => activity(i, 'DELIVERED', { pad })));
    const big = await watchingForms(() => drainUntil(() => receivedActivities(r).length >= 900));
    expect(big.texts.reduce((a, b) => a + b, 0)).toBe(900); // each once, none read in vain
    expect(receivedActivities(r).map((a) => a.contactId)).toEqual(Array.from({ length: 900 }, (_, i) => i));

    // An event webhook alone on its account whose type is sparse (2 opens in every 200 activities): its
    // ranges span more rows than their counts; a read still brings at most 100 texts (object webhook).
    const ev = await newAccount();
    const opens = await receiver();
    await db().endpoint.create({
      data: { accountId: ev.account.id, kind: 'event', name: 'opens', url: opens.url, active: true, statuses: [], format: 'object', eventType: 'EmailOpens', signingSecretEnc: encryptSecret('whsec_b3BlbnM=') },
    });
    for (let k = 0; k < 5; k++) await ingestActivities(ev.account.id, Array.from({ length: 200 }, (_, i) => activity(k * 200 + i, i === 0 || i === 199 ? 'READ' : 'DELIVERED')));
    const sparse = await watchingForms(() => drainUntil(() => opens.requests.length >= 10));
    expect(Math.max(...sparse.texts)).toBeLessThanOrEqual(100);
    expect(opens.requests.length).toBe(10);
  });

  it('endpoints of one account taking the same activities get the same bodies, each text read from PostgreSQL once', async () => {
    const acc = await newAccount();
    const rs = [await receiver(), await receiver(), await receiver()];
    for (const r of rs) await endpoint(acc.account.id, { url: r.url });
    await ingestActivities(acc.account.id, Array.from({ length: 450 }, (_, i) => activity(i))); // more than one form's 400
    const asked = await countingTextReads(() => drainUntil(() => rs.every((r) => receivedActivities(r).length >= 450)));
    const bodies = rs.map((r) => r.requests.map((q) => q.body));
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
    expect(receivedActivities(rs[0]).map((a) => a.contactId)).toEqual(Array.from({ length: 450 }, (_, i) => i));
    expect(asked.reduce((a, b) => a + b, 0)).toBe(450); // not 3 × 450

    // An endpoint alone on its account gets its texts with the queue read: nothing kept in memory.
    const lone = await newAccount();
    const r = await receiver();
    await endpoint(lone.account.id, { url: r.url });
    await ingestActivities(lone.account.id, Array.from({ length: 30 }, (_, i) => activity(i)));
    const lonely = await countingTextReads(() => drainUntil(() => receivedActivities(r).length >= 30));
    expect(receivedActivities(r).map((a) => a.contactId)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(lonely).toEqual([]);
  });

  it('keeps strict order while the receiver fails: later deliveries wait, then follow in sequence', async () => {
    const acc = await newAccount();
    const r = await receiver((_, i) => (i < 3 ? { status: 500, body: 'down' } : { status: 200 }));
    const { endpoint: ep } = await endpoint(acc.account.id, { url: r.url, format: 'object' });
    for (let i = 1; i <= 5; i++) await ingestActivities(acc.account.id, [activity(i)]);
    const worker = startWorker();
    try {
      await r.waitFor(3 + 5);
    } finally {
      await worker.stop();
    }
    const ids = r.requests.map((q) => JSON.parse(q.body).contactId);
    expect(ids).toEqual([1, 1, 1, 1, 2, 3, 4, 5]); // the first, retried, then the rest in order
    const gaps = [1, 2].map((i) => r.requests[i].at - r.requests[i - 1].at);
    expect(gaps[0]).toBeGreaterThanOrEqual(25); // 1 unit
    expect(gaps[1]).toBeGreaterThanOrEqual(50); // 2 units
    const attempts = await db().attempt.findMany({ where: { endpointId: ep.id }, orderBy: { id: 'asc' } });
    expect(attempts.map((a) => [a.attemptNo, a.success, a.responseStatus])).toEqual([
      [1, false, 500],
      [2, false, 500],
      [3, false, 500],
      [4, true, 200],
      [1, true, 200],
      [1, true, 200],
      [1, true, 200],
      [1, true, 200],
    ]);
    expect(attempts[0].responseBody).toBe('down');
    expect(attempts[0].error).toBe('HTTP 500');
    const after = await getEndpoint(acc.account.id, ep.id);
    expect(after.state).toBe('active');
    expect(after.lastSuccessAt).not.toBeNull();
  });

  it('honours Retry-After on 429', async () => {
    const acc = await newAccount();
    const r = await receiver((_, i) => (i === 0 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 }));
    await endpoint(acc.account.id, { url: r.url, format: 'object' });
    await ingestActivities(acc.account.id, [activity(1)]);
    const worker = startWorker();
    try {
      await r.waitFor(2, 5000);
    } finally {
      await worker.stop();
    }
    expect(r.requests[1].at - r.requests[0].at).toBeGreaterThanOrEqual(1000);
  });

  it('logs a timeout as a failed attempt and retries', async () => {
    process.env.HOOKLINE_HTTP_TIMEOUT_MS = '300';
    try {
      const acc = await newAccount();
      const r = await receiver((_, i) => (i === 0 ? { hang: true } : { status: 204 }));
      const { endpoint: ep } = await endpoint(acc.account.id, { url: r.url, format: 'object' });
      await ingestActivities(acc.account.id, [activity(1)]);
      await drainUntil(async () => (await db().attempt.count({ where: { endpointId: ep.id, success: true } })) === 1);
      const attempts = await db().attempt.findMany({ where: { endpointId: ep.id }, orderBy: { id: 'asc' } });
      expect(attempts[0]).toMatchObject({ success: false, responseStatus: null, errorKind: 'timeout' });
      expect(attempts[0].durationMs).toBeGreaterThanOrEqual(290);
      expect(attempts[1]).toMatchObject({ success: true, responseStatus: 204, attemptNo: 2 });
    } finally {
      process.env.HOOKLINE_HTTP_TIMEOUT_MS = '2000';
    }
  });

  it('refuses private targets without the allowlist: a logged failure, not a crash', async () => {
    const acc = await newAccount();
    const r = await receiver();
    const { endpoint: ep } = await endpoint(acc.account.id, { url: r.url, format: 'object' });
    await ingestActivities(acc.account.id, [activity(1)]);
    delete process.env.HOOKLINE_ALLOW_PRIVATE_NETWORKS;
    try {
      await drainUntil(async () => (await db().attempt.count({ where: { endpointId: ep.id } })) >= 1);
    } finally {
      process.env.HOOKLINE_ALLOW_PRIVATE_NETWORKS = '1';
    }
    const [attempt] = await db().attempt.findMany({ where: { endpointId: ep.id } });
    expect(attempt).toMatchObject({ success: false, errorKind: 'ssrf' });
    expect(attempt.error).toMatch(/127\.0\.0\.1.*loopback/);
    expect(r.requests).toHaveLength(0);
    expect((await getEndpoint(acc.account.id, ep.id)).state).toBe('failing');
  });

  it('signs with Standard Webhooks, verifiable by the standardwebhooks package, with Basic auth and custom headers', async () => {
    const acc = await newAccount();
    const r = await receiver();
    const { endpoint: ep, signingSecret } = await endpoint(acc.account.id, {
      url: r.url,
      auth: { login: 'hook', password: 's3cret' },
      headers: [
        { name: 'X-Tenant', value: 'acme' },
        { name: 'X-Api-Token', value: 'tok-123' },
      ],
    });
    expect(signingSecret).toMatch(/^whsec_/);
    await ingestActivities(acc.account.id, [activity(1)]);
    await drainUntil(() => r.requests.length >= 1);
    const req = r.requests[0];
    const headers = { 'webhook-id': String(req.headers['webhook-id']), 'webhook-timestamp': String(req.headers['webhook-timestamp']), 'webhook-signature': String(req.headers['webhook-signature']) };
    expect(new Webhook(signingSecret).verify(req.body, headers)).toEqual(JSON.parse(req.body));
    expect(req.headers.authorization).toBe(`Basic ${Buffer.from('hook:s3cret').toString('base64')}`);
    expect(req.headers['x-tenant']).toBe('acme');
    expect(req.headers['x-api-token']).toBe('tok-123');

    // The log keeps the request with credentials masked.
    const [logged] = await db().attempt.findMany({ where: { endpointId: ep.id } });
    const loggedHeaders = logged.requestHeaders as Record<string, string>;
    expect(loggedHeaders.authorization).toBe('Basic ••••••');
    expect(loggedHeaders['X-Api-Token']).toBe('••••••');
    expect(loggedHeaders['X-Tenant']).toBe('acme');
    expect(JSON.stringify(logged, (_, v) => (typeof v === 'bigint' ? String(v) : v))).not.toContain('s3cret');

    // After a rotation both the new and the previous secret verify (for 24 h).
    const rotated = await rotateSigningSecret(acc.account.id, ep.id);
    await ingestActivities(acc.account.id, [activity(2)]);
    await drainUntil(() => r.requests.length >= 2);
    const second = r.requests[1];
    const h2 = { 'webhook-id': String(second.headers['webhook-id']), 'webhook-timestamp': String(second.headers['webhook-timestamp']), 'webhook-signature': String(second.headers['webhook-signature']) };
    expect(h2['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(rotated.signingSecret).verify(second.body, h2)).not.toThrow();
    expect(() => new Webhook(signingSecret).verify(second.body, h2)).not.toThrow();
    expect(() => new Webhook('whsec_' + Buffer.from('someone else entirely!!').toString('base64')).verify(second.body, h2)).toThrow();
  });

  it('keeps every rotated-out secret valid until its own expiry, however many rotations within 24 h', async () => {
    const acc = await newAccount();
    const r = await receiver();
    const { endpoint: ep, signingSecret: first } = await endpoint(acc.account.id, { url: r.url, format: 'object' });
    const second = (await rotateSigningSecret(acc.account.id, ep.id)).signingSecret;
    const third = (await rotateSigningSecret(acc.account.id, ep.id)).signingSecret;
    await ingestActivities(acc.account.id, [activity(1)]);
    await drainUntil(() => r.requests.length >= 1);
    const sigHeaders = (q: (typeof r.requests)[number]) => ({ 'webhook-id': String(q.headers['webhook-id']), 'webhook-timestamp': String(q.headers['webhook-timestamp']), 'webhook-signature': String(q.headers['webhook-signature']) });
    const h = sigHeaders(r.requests[0]);
    expect(h['webhook-signature'].split(' ')).toHaveLength(3);
    for (const secret of [first, second, third]) expect(new Webhook(secret).verify(r.requests[0].body, h)).toEqual(JSON.parse(r.requests[0].body));

    // The first one's own expiry passes (the second's has not): only it stops signing.
    await db().$executeRaw`UPDATE endpoints SET previous_secrets = jsonb_set(previous_secrets, '{0,until}', to_jsonb('2000-01-01T00:00:00.000Z'::text)) WHERE id = ${ep.id}::uuid`;
    await ingestActivities(acc.account.id, [activity(2)]);
    await drainUntil(() => r.requests.length >= 2);
    const h2 = sigHeaders(r.requests[1]);
    expect(h2['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(first).verify(r.requests[1].body, h2)).toThrow();
    for (const secret of [second, third]) expect(() => new Webhook(secret).verify(r.requests[1].body, h2)).not.toThrow();
    // The stored secrets are encrypted: none of them appears in the row.
    const row = JSON.stringify(await db().endpoint.findUnique({ where: { id: ep.id } }), (_, v) => (typeof v === 'bigint' ? String(v) : v));
    for (const secret of [first, second, third]) expect(row).not.toContain(secret.slice(6));
  });

  it('holds the queue while inactive, drops what arrives meanwhile, resumes in order; deletion drops the queue', async () => {
    const acc = await newAccount();
    // Fails until the test says otherwise (retries may happen before the deactivation lands).
    let failing = true;
    const r = await receiver(() => (failing ? { status: 500 } : { status: 200 }));
    const { endpoint: ep } = await endpoint(acc.account.id, { url: r.url, format: 'object' });
    await ingestActivities(acc.account.id, [activity(1), activity(2)]);
    await drainUntil(() => r.requests.length >= 1); // the first attempt fails: 1 and 2 are held
    await setEndpointActive(acc.account.id, ep.id, false);
    const held = r.requests.length;
    await ingestActivities(acc.account.id, [activity(3)]); // not queued for an inactive endpoint
    await sleep(100);
    await deliverDue({ budgetMs: 300, owner: 'test' });
    expect(r.requests).toHaveLength(held);
    expect((await getEndpoint(acc.account.id, ep.id)).waiting).toBe(2);

    failing = false;
    await setEndpointActive(acc.account.id, ep.id, true);
    await drainUntil(() => r.requests.length >= held + 2);
    expect(r.requests.map((q) => JSON.parse(q.body).contactId)).toEqual([...Array<number>(held).fill(1), 1, 2]);

    await setEndpointActive(acc.account.id, ep.id, false);
    await ingestActivities(acc.account.id, [activity(4)]);
    await setEndpointActive(acc.account.id, ep.id, true);
    await ingestActivities(acc.account.id, [activity(5)]);
    await deleteEndpoint(acc.account.id, ep.id);
    expect(await db().queueRange.count({ where: { endpointId: ep.id } })).toBe(0);
    expect(await db().delivery.count({ where: { endpointId: ep.id } })).toBe(0);
  });

  it('delivers over HTTPS to a receiver with a self-signed certificate the operator trusts', async () => {
    const { setExtraCACertificates } = await import('@/lib/http/outbound');
    const acc = await newAccount();
    const r = await receiver(undefined, { tls: true });
    const { endpoint: ep } = await endpoint(acc.account.id, { url: r.url });
    await ingestActivities(acc.account.id, [activity(1)]);
    await drainUntil(async () => (await db().attempt.count({ where: { endpointId: ep.id } })) >= 1);
    const [untrusted] = await db().attempt.findMany({ where: { endpointId: ep.id } });
    expect(untrusted).toMatchObject({ success: false, errorKind: 'tls' });
    setExtraCACertificates([r.cert!]);
    try {
      await retryEndpointNow(acc.account.id, ep.id);
      await drainUntil(() => r.requests.length >= 1);
      expect(receivedActivities(r).map((a) => a.contactId)).toEqual([1]);
    } finally {
      setExtraCACertificates(null);
    }
  });

  it('never lets two workers deliver one delivery twice', async () => {
    const acc = await newAccount();
    const r = await receiver(() => ({ status: 200, delayMs: 2 }));
    for (let i = 0; i < 10; i++) await endpoint(acc.account.id, { url: `${r.url}/ep${i}`, format: 'object' });
    await ingestActivities(acc.account.id, Array.from({ length: 30 }, (_, i) => activity(i)));
    const workers = [startWorker({ concurrency: 3 }), startWorker({ concurrency: 3 }), startWorker({ concurrency: 3 })];
    try {
      await r.waitFor(300, 20_000);
      await sleep(200);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
    const ids = r.requests.map((q) => q.headers['webhook-id']);
    expect(new Set(ids).size).toBe(300);
    expect(ids).toHaveLength(300);
    expect(workers.filter((w) => w.stats.delivered > 0).length).toBeGreaterThan(1);
    // Each endpoint still got its activities in order.
    for (let i = 0; i < 10; i++) {
      const got = r.requests.filter((q) => q.path === `/ep${i}`).map((q) => JSON.parse(q.body).contactId);
      expect(got).toEqual(Array.from({ length: 30 }, (_, k) => k));
    }
  });

  it('stops when another worker took its lease mid-run: the deliveries behind the ones in hand are not sent', async () => {
    const acc = await newAccount();
    let up = false;
    let upCount = 0;
    const r = await receiver(async () => {
      if (!up) return { status: 500 };
      if (++upCount === 3) {
        // Another worker takes the endpoint while this request is in flight.
        await pool().query(`UPDATE endpoints SET lease_owner = 'thief', lease_until = now() + interval '1 minute' WHERE id = $1`, [ep.id]);
      }
      return { status: 200 };
    });
    const { endpoint: ep } = await endpoint(acc.account.id, { url: r.url, format: 'object' });
    await ingestActivities(acc.account.id, Array.from({ length: 30 }, (_, i) => activity(i)));
    const run = async () => {
      await sleep(50); // past the batch linger
      // Claim it as a worker would (other tests' endpoints may be due too: they are given back untouched).
      const ids = await claimEndpoints(100, 'w1');
      await pool().query(`UPDATE endpoints SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = 'w1' AND id <> $1`, [ep.id]);
      expect(ids).toContain(ep.id);
      await processEndpoint(ep.id, 'w1', emptyStats());
    };
    await run(); // forms all 30, the first fails: 30 pending deliveries
    expect(r.requests).toHaveLength(1);
    up = true;
    await pool().query(`UPDATE endpoints SET next_attempt_at = now() WHERE id = $1`, [ep.id]);
    await run(); // takes 25 pending in hand, loses the lease during the third
    expect(upCount).toBe(25);
    const { rows } = await pool().query(`SELECT lease_owner FROM endpoints WHERE id = $1`, [ep.id]);
    expect(rows[0].lease_owner).toBe('thief');
    const delivered = await db().delivery.count({ where: { endpointId: ep.id, status: 'delivered' } });
    expect(delivered).toBe(25);
  });
});
