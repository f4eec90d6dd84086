// Audit → Webhook logs, the read side, against a real PostgreSQL, real receivers and the real engine:
// failures as they were logged, filters, keyset pagination, the detail, the chart, the CSV export,
// and another account seeing none of it.
import { beforeAll, describe, expect, it } from 'vitest';
import { isolatedDatabase } from '../support/isolated-db';
import { newAccount } from '../support/fixtures';

await isolatedDatabase({
  HOOKLINE_ALLOW_PRIVATE_NETWORKS: '1',
  HOOKLINE_RETRY_UNIT_MS: '600000', // a failure stays failed until the test retries it
  HOOKLINE_BATCH_LINGER_MS: '20',
  HOOKLINE_LEASE_MS: '5000',
  HOOKLINE_HTTP_TIMEOUT_MS: '2000',
});

const { receiver, endpoint, activity, drain, parseCsv } = await import('./helpers');
const { ingestActivities } = await import('@/lib/activities/service');
const { sendTest } = await import('@/lib/endpoints/send-test');
const { listLogs, getLog, logChart } = await import('@/lib/logs/service');
const { replayAttempt, replayMatching } = await import('@/lib/logs/replay');
const { logsCsvStream, CSV_HEADER } = await import('@/lib/logs/export');
const { logListQuerySchema, logFilterSchema } = await import('@/lib/logs/schema');
const { pool } = await import('@/lib/db');
type LogRow = import('@/lib/logs/schema').LogRow;

const list = (accountId: string, q: Record<string, unknown> = {}) => listLogs(accountId, logListQuerySchema.parse(q));
const csvText = async (accountId: string, f: Record<string, unknown> = {}, max?: number) =>
  new Response(logsCsvStream(accountId, logFilterSchema.parse(f), max)).text();

type Acc = Awaited<ReturnType<typeof newAccount>>;
let acc: Acc;
let other: Acc;
const eps: Record<'crm' | 'gone' | 'missing' | 'ok' | 'quirky', { id: string; name: string; url: string }> = {} as never;
let crmRows: LogRow[];

beforeAll(async () => {
  acc = await newAccount();
  other = await newAccount('Other');
  const crm = await receiver(() => ({ status: 500, body: '{"error":"boom"}' }));
  const gone = await receiver(() => ({ status: 503, body: 'maintenance' }));
  const missing = await receiver(() => ({ status: 404, body: 'no such hook' }));
  const ok = await receiver(() => ({ status: 200 }));
  const quirky = await receiver(() => ({ status: 422, body: 'He said "no", then\r\nleft, =1+2' }));
  const closed = await receiver();
  await closed.close(); // connection refused from now on
  eps.crm = await endpoint(acc.account.id, crm.url, { name: 'CRM feed' });
  eps.gone = await endpoint(acc.account.id, gone.url, { name: 'Warehouse' });
  eps.missing = await endpoint(acc.account.id, missing.url, { name: 'Old hook', statuses: ['CLICKED'] });
  eps.ok = await endpoint(acc.account.id, ok.url, { name: 'Happy', statuses: ['DELIVERED'] });
  eps.quirky = await endpoint(acc.account.id, quirky.url, { name: 'Quirky, "quoted"', statuses: ['READ'] });
  const refused = await endpoint(acc.account.id, closed.url, { name: 'Offline', statuses: ['READ'] });
  Object.assign(eps, { refused });
  await ingestActivities(acc.account.id, [activity(1), activity(2, { activityStatus: 'CLICKED' }), activity(3, { activityStatus: 'READ' })]);
  await drain();
  await sendTest(acc.account.id, eps.ok.id, { body: '[{"test":true}]' });
  crmRows = (await list(acc.account.id, { endpointId: eps.crm.id })).rows;
});

describe('webhook logs: listing', () => {
  it('shows a failure from a receiver answering 500 with its status, error, response and payload', async () => {
    expect(crmRows).toHaveLength(1); // three deliveries: the head failed, the other two wait behind it unsent
    const [row] = crmRows;
    expect(row).toMatchObject({
      endpointId: eps.crm.id,
      endpointName: 'CRM feed',
      kind: 'export',
      responseStatus: 500,
      error: 'HTTP 500',
      responseSnippet: '{"error":"boom"}',
      success: false,
      isTest: false,
      deliveryStatus: 'pending',
    });
    const detail = await getLog(acc.account.id, row.id);
    expect(detail.request.method).toBe('POST');
    expect(detail.request.url).toBe(eps.crm.url);
    expect(JSON.parse(detail.request.body!)).toMatchObject({ contactId: 1, activityStatus: 'DELIVERED' });
    expect(detail.request.headers['webhook-signature']).toMatch(/^v1,••••••$/);
    expect(detail.response).toMatchObject({ status: 500, body: '{"error":"boom"}' });
    expect(detail.response!.headers['content-type']).toBe('application/json');
  });

  it('lists failed delivery attempts only by default; "all" adds successes and tests', async () => {
    const failed = (await list(acc.account.id)).rows;
    expect(failed.every((r) => !r.success && !r.isTest)).toBe(true);
    expect(new Set(failed.map((r) => r.endpointName))).toEqual(new Set(['CRM feed', 'Warehouse', 'Old hook', 'Quirky, "quoted"', 'Offline']));
    const all = (await list(acc.account.id, { all: 'true' })).rows;
    expect(all.some((r) => r.success && r.endpointId === eps.ok.id && !r.isTest)).toBe(true);
    const test = all.find((r) => r.isTest)!;
    expect(test).toMatchObject({ endpointId: eps.ok.id, deliveryStatus: null, responseStatus: 200 });
    expect((await getLog(acc.account.id, test.id)).request.body).toBe('[{"test":true}]'); // a test's body lives on the attempt
    const times = all.map((r) => r.startedAt);
    expect([...times].sort().reverse()).toEqual(times); // newest first
  });

  it('filters by status class, exact code, network errors, endpoint, date range and text', async () => {
    const names = async (q: Record<string, unknown>) => (await list(acc.account.id, q)).rows.map((r) => r.endpointName).sort();
    expect(await names({ status: '5xx' })).toEqual(['CRM feed', 'Warehouse']);
    expect(await names({ status: '4xx' })).toEqual(['Old hook', 'Quirky, "quoted"']);
    expect(await names({ status: '503' })).toEqual(['Warehouse']);
    expect(await names({ status: 'network' })).toEqual(['Offline']);
    expect((await list(acc.account.id, { status: 'network' })).rows[0]).toMatchObject({ responseStatus: null, errorKind: 'refused' });
    expect(await names({ status: '2xx' })).toEqual([]); // successes are not failures…
    expect(await names({ status: '2xx', all: true })).toEqual(['Happy', 'Happy']); // …unless all attempts are shown (delivery + test)
    expect(await names({ endpointId: eps.gone.id })).toEqual(['Warehouse']);
    expect(await names({ endpointId: eps.crm.id, status: '4xx' })).toEqual([]);
    expect(await names({ q: 'boom' })).toEqual(['CRM feed']); // the response body
    expect(await names({ q: 'http 404' })).toEqual(['Old hook']); // the error, case-insensitively
    expect(await names({ q: '%' })).toEqual([]); // wildcards match literally
    expect(await names({ q: 'said "no"' })).toEqual(['Quirky, "quoted"']);

    // Move Warehouse's failure two days back: a range of the last day leaves it out.
    await pool().query(`UPDATE attempts SET started_at = now() - interval '2 days' WHERE endpoint_id = $1`, [eps.gone.id]);
    const dayAgo = new Date(Date.now() - 86_400_000).toISOString();
    expect(await names({ status: '5xx', from: dayAgo })).toEqual(['CRM feed']);
    expect(await names({ status: '5xx', to: dayAgo })).toEqual(['Warehouse']);
    expect(await names({ from: new Date(Date.now() - 3 * 86_400_000).toISOString(), to: dayAgo })).toEqual(['Warehouse']);
  });

  it('refuses invalid filters field by field', () => {
    const issues = (q: Record<string, unknown>) => logListQuerySchema.safeParse(q).error?.issues.map((i) => i.path.join('.'));
    expect(issues({ status: '600' })).toEqual(['status']);
    expect(issues({ status: '5x' })).toEqual(['status']);
    expect(issues({ endpointId: 'nope' })).toEqual(['endpointId']);
    expect(issues({ from: '2026-11-02T00:00:00Z', to: '2026-11-01T00:00:00Z' })).toEqual(['to']);
    expect(issues({ limit: '201' })).toEqual(['limit']);
    expect(logListQuerySchema.parse({ status: '', endpointId: '', all: 'false' })).toMatchObject({ status: undefined, endpointId: undefined, all: false, limit: 50 });
  });

  it('pages by keyset with neither duplicates nor gaps, also through rows of the same instant', async () => {
    const acc2 = await newAccount('Pages');
    const r = await receiver(() => ({ status: 500 }));
    const ep = await endpoint(acc2.account.id, r.url);
    await ingestActivities(acc2.account.id, [activity(1)]);
    await drain();
    // 137 more failed attempts, many sharing a started_at (ties are ordered by id).
    await pool().query(
      `INSERT INTO attempts (account_id, endpoint_id, delivery_id, attempt_no, started_at, duration_ms, success, request_method, request_url, request_headers, response_status, error)
       SELECT account_id, endpoint_id, delivery_id, g + 1, started_at - (g / 4) * interval '1 second', 5, false, 'POST', request_url, '{}', 500, 'HTTP 500'
         FROM attempts, generate_series(1, 137) g WHERE endpoint_id = $1`,
      [ep.id],
    );
    const expected = (
      await pool().query<{ id: string }>(`SELECT a.id::text FROM attempts a WHERE a.account_id = $1 ORDER BY a.started_at DESC, a.id DESC`, [acc2.account.id])
    ).rows.map((x) => x.id);
    expect(expected).toHaveLength(138);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await list(acc2.account.id, { limit: '20', cursor });
      seen.push(...page.rows.map((x) => x.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(7);
    expect(seen).toEqual(expected);
    await expect(list(acc2.account.id, { cursor: 'garbage' })).rejects.toMatchObject({ code: 'unprocessable_entity' });
  });

  it('counts successes and failures per hour for the chart (default: the last 24 hours)', async () => {
    const chart = await logChart(acc.account.id, logFilterSchema.parse({}));
    expect(chart.bucket).toBe('hour');
    expect(chart.points.length).toBeGreaterThanOrEqual(24);
    expect(chart.points.length).toBeLessThanOrEqual(25);
    const total = chart.points.reduce((s, p) => ({ success: s.success + p.success, failure: s.failure + p.failure }), { success: 0, failure: 0 });
    expect(total).toEqual({ success: 1, failure: 4 }); // Happy's delivery; CRM, Old hook, Quirky, Offline (Warehouse is 2 days back); no tests
    const withTests = await logChart(acc.account.id, logFilterSchema.parse({ all: true }));
    expect(withTests.points.reduce((s, p) => s + p.success, 0)).toBe(2);
    const week = await logChart(acc.account.id, logFilterSchema.parse({ from: new Date(Date.now() - 30 * 86_400_000).toISOString(), status: '5xx' }));
    expect(week.bucket).toBe('day');
    expect(week.points.reduce((s, p) => s + p.failure, 0)).toBe(2);
  });

  it('exports the filtered rows as RFC 4180 CSV', async () => {
    const rows = parseCsv(await csvText(acc.account.id, { all: true }));
    expect(rows[0]).toEqual(CSV_HEADER);
    expect(rows).toHaveLength(1 + (await list(acc.account.id, { all: true })).rows.length);
    const quirky = rows.find((r) => r[2] === eps.quirky.id)!;
    const col = (name: string) => quirky[CSV_HEADER.indexOf(name)];
    expect(col('Webhook name')).toBe('Quirky, "quoted"');
    expect(col('Status')).toBe('422');
    expect(col('Response body')).toBe('He said "no", then\r\nleft, =1+2');
    expect(JSON.parse(col('Payload'))).toMatchObject({ contactId: 3, activityStatus: 'READ' });
    expect(rows.find((r) => r[1] === 'Offline')![CSV_HEADER.indexOf('Status')]).toBe('refused');
    const only5xx = parseCsv(await csvText(acc.account.id, { status: '5xx' }));
    expect(only5xx.slice(1).map((r) => r[4])).toEqual(['500', '503']);
    expect(parseCsv(await csvText(acc.account.id, { all: true }, 2))).toHaveLength(3); // the row cap
  });
});

describe('webhook logs: another account', () => {
  it('sees no rows, no detail, no chart, no CSV and cannot replay', async () => {
    const id = crmRows[0].id;
    expect((await list(other.account.id, { all: true })).rows).toEqual([]);
    expect((await list(other.account.id, { endpointId: eps.crm.id, all: true })).rows).toEqual([]);
    await expect(getLog(other.account.id, id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(replayAttempt(other.account.id, id)).rejects.toMatchObject({ code: 'not_found' });
    expect(await replayMatching(other.account.id, logFilterSchema.parse({}))).toEqual({ endpoints: 0, deliveries: 0, inactiveEndpoints: 0 });
    expect(await replayMatching(other.account.id, logFilterSchema.parse({ endpointId: eps.crm.id }))).toMatchObject({ endpoints: 0 });
    const chart = await logChart(other.account.id, logFilterSchema.parse({ all: true }));
    expect(chart.points.every((p) => p.success === 0 && p.failure === 0)).toBe(true);
    expect(parseCsv(await csvText(other.account.id, { all: true }))).toEqual([CSV_HEADER]);
    await expect(getLog(acc.account.id, 'abc')).rejects.toMatchObject({ code: 'not_found' });
    await expect(getLog(acc.account.id, '99999999')).rejects.toMatchObject({ code: 'not_found' });
  });
});
