// Issue 13, "The contract": the OpenAPI document (GET /api/v1/openapi.json) against the code.
// - every route.ts under app/api/v1 (found on disk) and each method it exports has an operation, and
//   every operation a route;
// - the document is a valid OpenAPI 3.1 document (@readme/openapi-parser, the OAS 3.1 schema);
// - every example in it (requests, answers, webhooks, error answers, headers) validates against its schema;
// - REAL answers of the route handlers, happy and erroneous, validate against the document's
//   response schemas (Ajv, JSON Schema 2020-12), and every documented answer of every operation is
//   actually produced by some request here.
import { describe, expect, it } from 'vitest';
import { compileErrors, validate } from '@readme/openapi-parser';
import { API_BASE, DOMAINS, buildOpenApiDocument, openApiDocument, toOpenApiPath } from '@/lib/openapi/document';
import { contacts } from '@/lib/openapi/domains/contacts';
import { workflows } from '@/lib/openapi/domains/workflows';
import { WH5_WEBHOOK_ID } from '@/lib/openapi/examples';
import { db } from '@/lib/db';
import { call, type CallOptions, type Handler } from '../support/call';
import { accountA, routes } from '../support/route-table';
import { KNOWN_FORMATS, describeErrors, documentValidator, type Tree } from '../support/openapi';

type Op = { path: string; method: string; op: Tree };
const doc = openApiDocument();
const ops = (d: typeof doc = doc): Op[] =>
  Object.entries(d.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op: op as Tree })));
const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

async function v1Routes(): Promise<Map<string, Handler>> {
  const found = new Map<string, Handler>();
  for (const r of await routes()) if (r.route.startsWith('v1/')) found.set(key(r.method, toOpenApiPath(r.route.slice('v1'.length))), r.handler);
  return found;
}

describe('the OpenAPI document', () => {
  it('has an operation for every route under app/api/v1 and a route for every operation', async () => {
    const onDisk = [...(await v1Routes()).keys()];
    const documented = ops().map((o) => key(o.method, o.path));
    expect(onDisk.length).toBeGreaterThanOrEqual(18);
    expect(onDisk.filter((k) => !documented.includes(k)), 'routes without an operation').toEqual([]);
    expect(documented.filter((k) => !onDisk.includes(k)), 'operations without a route').toEqual([]);
    // The check bites: a document without one domain file misses that domain's routes.
    const without = ops(buildOpenApiDocument(DOMAINS.filter((d) => d !== contacts))).map((o) => key(o.method, o.path));
    expect(onDisk.filter((k) => !without.includes(k)).sort()).toEqual(['GET /contacts', 'GET /contacts/{id}', 'PATCH /contacts/{id}', 'POST /contacts']);
    const withoutWorkflows = ops(buildOpenApiDocument(DOMAINS.filter((d) => d !== workflows))).map((o) => key(o.method, o.path));
    expect(onDisk.filter((k) => !withoutWorkflows.includes(k)).sort()).toEqual([
      'DELETE /workflows/{id}',
      'GET /workflows',
      'GET /workflows/{id}',
      'GET /workflows/{id}/runs',
      'GET /workflows/{id}/runs/{runId}',
      'POST /workflows',
      'POST /workflows/{id}/activate',
      'POST /workflows/{id}/deactivate',
      'PUT /workflows/{id}',
    ]);
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
    const formats = new Set<string>();
    // A string schema's format (examples have a "format" field too: an endpoint's "array" / "object").
    JSON.stringify(doc, (_k, v) => (v && typeof v === 'object' && v.type === 'string' && typeof v.format === 'string' && formats.add(v.format), v));
    expect(formats.size).toBeGreaterThan(0);
    expect([...formats].filter((f) => !KNOWN_FORMATS.includes(f)), 'formats nothing checks').toEqual([]);
  });

  it('declares the bearer API key and every error answer with the field-error shape', () => {
    expect(doc.components.securitySchemes).toMatchObject({ ApiKey: { type: 'http', scheme: 'bearer' } });
    expect(doc.security).toEqual([{ ApiKey: [] }]);
    const responses = doc.components.responses as Tree;
    for (const status of [400, 401, 404, 409, 413, 415, 422, 429]) {
      expect(responses[`Error${status}`]?.content['application/json'].schema, `Error${status}`).toEqual({ $ref: '#/components/schemas/Error' });
    }
    const error = (doc.components.schemas as Tree).Error;
    expect(error.properties.error.properties.fields).toMatchObject({ type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } });
    for (const { path, method, op } of ops()) {
      if (path === '/openapi.json') expect(op.security).toEqual([]);
      else expect(op.responses['401'], `${method} ${path}`).toEqual({ $ref: '#/components/responses/Error401' });
    }
  });

  it('describes what Hookline sends: the activity array, every event object, the Laboratory test and the signature headers', () => {
    const webhooks = doc.webhooks as Tree;
    expect(Object.keys(webhooks).sort()).toEqual(
      ['activities', 'laboratoryTest', 'EmailSends', 'EmailClicks', 'EmailOpens', 'EmailDeliveries', 'EmailBounces', 'EmailComplaints', 'Subscriptions', 'Confirmations', 'Unsubscriptions'].sort(),
    );
    const headers = webhooks.activities.post.parameters.map((p: { name: string }) => p.name);
    expect(headers).toEqual(expect.arrayContaining(['webhook-id', 'webhook-timestamp', 'webhook-signature']));
    expect(webhooks.EmailSends.post.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['webhook-id', 'webhook-timestamp', 'webhook-signature']));
    expect(webhooks.laboratoryTest.get.requestBody).toBeUndefined();
    // Every field of the seeds' parameter tables is a property of the activity.
    const activity = (doc.components.schemas as Tree).Activity;
    for (const field of ['activityDateTime', 'activityStatus', 'broadcastId', 'clickEventLink', 'contactId', 'email', 'externalCustomerId', 'iid', 'mediaType', 'messageId', 'statusData', 'subscriptions', 'workflowInstanceId']) {
      expect(activity.properties, field).toHaveProperty(field);
    }
  });

  it('has examples that validate against their schemas', () => {
    const at = documentValidator(doc);
    const failures: string[] = [];
    let checked = 0;
    const check = (label: string, value: unknown, ...path: string[]) => {
      checked++;
      const v = at(...path);
      if (!v(value)) failures.push(`${label}: ${describeErrors(v)}`);
    };
    const checkOperation = (root: 'paths' | 'webhooks', path: string, method: string, op: Tree) => {
      const label = `${method.toUpperCase()} ${root === 'webhooks' ? `webhook ${path}` : path}`;
      (op.parameters ?? []).forEach((p: Tree, i: number) => {
        if ('example' in p) check(`${label} ${p.name}`, p.example, root, path, method, 'parameters', String(i), 'schema');
      });
      for (const [name, ex] of Object.entries(op.requestBody?.content?.['application/json']?.examples ?? {})) {
        check(`${label} request ${name}`, (ex as { value: unknown }).value, root, path, method, 'requestBody', 'content', 'application/json', 'schema');
      }
      for (const [status, r] of Object.entries(op.responses as Tree)) {
        for (const [name, ex] of Object.entries(r.content?.['application/json']?.examples ?? {})) {
          check(`${label} ${status} ${name}`, (ex as { value: unknown }).value, root, path, method, 'responses', status, 'content', 'application/json', 'schema');
        }
      }
    };
    for (const { path, method, op } of ops()) checkOperation('paths', path, method, op);
    for (const [name, item] of Object.entries(doc.webhooks)) for (const [method, op] of Object.entries(item)) checkOperation('webhooks', name, method, op as Tree);
    for (const [name, r] of Object.entries(doc.components.responses as Tree)) {
      check(name, r.content['application/json'].example, 'components', 'responses', name, 'content', 'application/json', 'schema');
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });
});

describe('real answers of /api/v1 against the document', () => {
  it('validate, for every operation and every documented status', async () => {
    const handlers = await v1Routes();
    const a = await accountA();
    const at = documentValidator(doc);
    const seen = new Set<string>();
    const failures: string[] = [];
    const MISSING_ID = '00000000-0000-4000-8000-000000000000';
    const idFor = (path: string) =>
      path.startsWith('/contacts') ? a.contactId : path.startsWith('/endpoints') ? a.exportId : path.startsWith('/workflows') ? a.workflowId : a.apiKeyId;
    // The workflow examples name the seed's request webhook WH5 by an example id: A gets a WH5 of its own.
    const wh5 = await db().requestWebhook.create({ data: { accountId: a.accountId, name: 'WH5', method: 'GET', url: 'https://promo.example.com/codes' } });
    const withRealIds = (body: unknown) => (body === undefined ? body : (JSON.parse(JSON.stringify(body).replaceAll(WH5_WEBHOOK_ID, wh5.id)) as unknown));
    // A run of A's workflow as the engine writes one: WH5 answered, the message showed its promo code.
    const run = await db().workflowRun.create({
      data: { accountId: a.accountId, workflowId: a.workflowId, version: 1, eventTypeKey: 'subscribeFromApi', eventKey: '1258810400', eventParams: { email: 'test@gmail.com' }, data: { WH5: { promocode: 'WELCOME-5H2K' } }, contactEmail: 'test@gmail.com', status: 'completed', step: 1, finishedAt: new Date(), dueAt: null },
    });
    await db().workflowRunStep.create({
      data: {
        accountId: a.accountId,
        runId: run.id,
        blockId: 'w1',
        blockIndex: 0,
        kind: 'webhook',
        status: 'completed',
        durationMs: 12,
        request: { method: 'GET', url: 'https://promo.example.com/codes?email=test%40gmail.com', headers: { Authorization: '••••••' }, body: null },
        response: { status: 200, headers: { 'content-type': 'application/json' }, body: '{"promocode":"WELCOME-5H2K"}', durationMs: 11 },
        dataAdded: { WH5: { promocode: 'WELCOME-5H2K' } },
      },
    });
    await db().workflowRunStep.create({
      data: { accountId: a.accountId, runId: run.id, blockId: 'm1', blockIndex: 1, kind: 'message', status: 'completed', message: { channel: 'email', subject: 'Your promo code', body: 'WELCOME-5H2K', messageId: '1', messageInstanceId: '2' } },
    });

    async function send(o: Op, options: CallOptions & { key?: string | null }, expected: number) {
      const handler = handlers.get(key(o.method, o.path))!;
      const params: Record<string, string> = o.path.includes('{id}') ? { id: options.params?.id ?? idFor(o.path) } : {};
      if (o.path.includes('{runId}')) params.runId = options.params?.runId ?? run.id;
      const res = await call(handler, options.key === undefined ? a.apiKey : options.key, {
        method: o.method.toUpperCase(),
        ...options,
        params,
        path: API_BASE + o.path.replace('{id}', params.id ?? '').replace('{runId}', params.runId ?? '') + (options.path ?? ''),
      });
      const label = `${key(o.method, o.path)}${options.path ?? ''} → ${res.status}`;
      const text = await res.text();
      if (res.status !== expected) {
        failures.push(`${label}: expected ${expected} (${text.slice(0, 300)})`);
        return null;
      }
      const documented = o.op.responses[String(res.status)];
      if (!documented) {
        failures.push(`${label}: status not in the document`);
        return null;
      }
      seen.add(`${key(o.method, o.path)} ${res.status}`);
      const ref = documented.$ref as string | undefined;
      const schemaPath = ref ? ['components', 'responses', ref.split('/').pop()!] : ['paths', o.path, o.method, 'responses', String(res.status)];
      const hasBody = ref ? true : Boolean(documented.content);
      if (!hasBody) {
        if (text !== '') failures.push(`${label}: documented without a body, answered ${text.slice(0, 100)}`);
        return null;
      }
      expect(res.headers.get('content-type'), label).toMatch(/^application\/json/);
      const body = JSON.parse(text) as unknown;
      const v = at(...schemaPath, 'content', 'application/json', 'schema');
      if (!v(body)) failures.push(`${label}: ${describeErrors(v)} in ${text.slice(0, 300)}`);
      return body;
    }

    const all = ops();
    const byKey = (method: string, path: string) => all.find((o) => o.method === method && o.path === path)!;
    const examples = (o: Op) => Object.values((o.op.requestBody?.content['application/json'].examples ?? {}) as Record<string, { value: unknown }>).map((e) => e.value);

    // Happy paths, every request example included; the ones that change state last.
    const QUERIES: Record<string, string> = {
      'GET /activities': '?dateFrom=2023-09-01T00:00:00Z&dateTo=2023-11-30T00:00:00Z',
      'GET /contacts': '?q=example',
    };
    const order = (o: Op) => (o.method === 'patch' ? 2 : o.method === 'post' && o.path.includes('{id}') ? 1 : 0);
    for (const o of [...all].sort((x, y) => order(x) - order(y))) {
      if (o.method === 'delete') continue; // at the end, on an endpoint of its own
      const success = Object.keys(o.op.responses).map(Number).find((s) => s < 300)!;
      const bodies = examples(o);
      if (bodies.length) for (const body of bodies) await send(o, { body: withRealIds(body) }, success);
      else {
        const answer = (await send(o, { path: QUERIES[key(o.method, o.path)] }, success)) as Record<string, unknown> | null;
        // A list answer must have items, or the item schema would go unchecked.
        for (const [k, v] of Object.entries(answer ?? {})) if (Array.isArray(v) && v.length === 0) failures.push(`${key(o.method, o.path)}: empty ${k}, nothing validated`);
      }
    }

    const WORKFLOW_PUT_EXAMPLE = withRealIds(examples(byKey('put', '/workflows/{id}'))[0]) as Record<string, unknown>;
    // A draft workflow (no trigger, a webhook block without its webhook or contact): activation refuses it.
    const draft = (await (
      await call(handlers.get('POST /workflows')!, a.apiKey, { method: 'POST', body: { name: 'Draft', trigger: { eventTypeKey: '' }, blocks: [{ id: 'w', kind: 'webhook' }] } })
    ).json()) as { workflow: { id: string } };
    const refused = (await send(byKey('post', '/workflows/{id}/activate'), { params: { id: draft.workflow.id } }, 422)) as { error: { fields: Record<string, string[]> } } | null;
    expect(Object.keys(refused?.error.fields ?? {}).sort()).toEqual(['blocks.0.contactId', 'blocks.0.webhookId', 'trigger.eventTypeKey']);

    // Error answers.
    const BAD_INPUT: Record<string, CallOptions> = {
      'POST /activities': { body: [] },
      'GET /activities': { path: '?limit=0' },
      'POST /list-events': { body: { type: 'subscription', listId: 'x' } },
      'POST /events': { body: [{ eventTypeKey: '' }] },
      'GET /events': { path: '?limit=1000' },
      'GET /contacts': { path: '?segmentId=nope' },
      'POST /contacts': { body: { firstName: 'No identifier' } },
      'PATCH /contacts/{id}': { body: { email: 'not an email' } },
      'GET /endpoints': { path: '?kind=bogus' },
      'POST /endpoints': { body: { name: '', url: 'ftp://x' } },
      'PATCH /endpoints/{id}': { body: { statuses: [] } },
      'POST /workflows': { body: { name: ' ', trigger: {}, blocks: [{ id: 'x', kind: 'delay', amount: 400, unit: 'days' }] } },
      'PUT /workflows/{id}': { body: { ...WORKFLOW_PUT_EXAMPLE, blocks: [{ id: 'm', kind: 'message', channel: 'fax' }] } },
      'POST /workflows/{id}/activate': { params: { id: draft.workflow.id } },
      'GET /workflows/{id}/runs': { path: '?status=bogus&from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z' },
    };
    for (const o of all) {
      const k = key(o.method, o.path);
      const errors = Object.keys(o.op.responses).filter((s) => Number(s) >= 400);
      if (errors.includes('401')) {
        await send(o, { key: null, body: examples(o)[0] }, 401);
        await send(o, { key: 'hk_not-a-key', body: examples(o)[0] }, 401);
      }
      if (errors.includes('404')) await send(o, { params: { id: MISSING_ID }, body: examples(o)[0] }, 404);
      if (errors.includes('400')) await send(o, { body: '{"unfinished": ' }, 400);
      if (errors.includes('415')) await send(o, { body: JSON.stringify(examples(o)[0]), contentType: 'text/plain' }, 415);
      if (errors.includes('413')) await send(o, { body: `"${'x'.repeat(1024 * 1024 + 10)}"` }, 413);
      if (errors.includes('422')) {
        const bad = BAD_INPUT[k];
        if (!bad) failures.push(`${k}: no bad input to provoke its 422`);
        else {
          const body = (await send(o, bad, 422)) as { error: { fields?: Record<string, string[]> } } | null;
          if (body && !Object.keys(body.error.fields ?? {}).length) failures.push(`${k}: 422 without field errors`);
        }
      }
    }
    // A batch of 1,001 is refused before validation.
    for (const path of ['/activities', '/events', '/list-events']) await send(byKey('post', path), { body: Array.from({ length: 1001 }, () => ({})) }, 413);
    // Conflicts: the same name or external id again; retry on a paused endpoint; rotating past the limit.
    await send(byKey('post', '/endpoints'), { body: examples(byKey('post', '/endpoints'))[0] }, 409);
    await send(byKey('post', '/contacts'), { body: examples(byKey('post', '/contacts'))[0] }, 409);
    await send(byKey('patch', '/contacts/{id}'), { body: { externalCustomerId: '789456512' } }, 409);
    await send(byKey('patch', '/endpoints/{id}'), { body: { name: 'CRM feed' } }, 409);
    const other = (await call(handlers.get('POST /endpoints')!, a.apiKey, { method: 'POST', body: { name: 'Paused feed', url: 'https://example.com/paused', active: false } })).status;
    expect(other).toBe(201);
    const paused = (await (await call(handlers.get('GET /endpoints')!, a.apiKey)).json()) as { endpoints: { id: string; name: string }[] };
    const pausedId = paused.endpoints.find((e) => e.name === 'Paused feed')!.id;
    await send(byKey('post', '/endpoints/{id}/retry'), { params: { id: pausedId } }, 409);
    for (let i = 0; i < 10; i++) await send(byKey('post', '/endpoints/{id}/rotate-secret'), { params: { id: pausedId } }, 200);
    await send(byKey('post', '/endpoints/{id}/rotate-secret'), { params: { id: pausedId } }, 409);
    await send(byKey('delete', '/endpoints/{id}'), { params: { id: pausedId } }, 204);
    // The example's name again; renaming A's workflow to it.
    const createExample = examples(byKey('post', '/workflows'))[0] as { name: string };
    await send(byKey('post', '/workflows'), { body: withRealIds(createExample) }, 409);
    await send(byKey('put', '/workflows/{id}'), { body: { ...WORKFLOW_PUT_EXAMPLE, name: createExample.name } }, 409);
    await send(byKey('delete', '/workflows/{id}'), { params: { id: draft.workflow.id } }, 204);

    expect(failures).toEqual([]);
    // Every documented answer of every operation was produced (429 is documented, no /api/v1 route limits).
    const documented = all.flatMap((o) => Object.keys(o.op.responses).map((s) => `${key(o.method, o.path)} ${s}`));
    expect(documented.filter((d) => !seen.has(d)), 'documented answers no request produced').toEqual([]);
  });

  it('serves the document publicly and cacheably', async () => {
    const handler = (await v1Routes()).get('GET /openapi.json')!;
    const res = await call(handler, null);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/public/);
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(doc)));
  });
});
