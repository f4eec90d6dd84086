// Every route under app/api, found on disk, and the table that says for each route and method how
// another account's caller is kept out (tests/api/isolation.test.ts) — which also gives the fuzz test
// (tests/api/fuzz.test.ts) the route params of an account's own resources.
import fs from 'node:fs';
import path from 'node:path';
import { db } from '@/lib/db';
import { createApiKey } from '@/lib/api-keys/service';
import { contactCreateSchema } from '@/lib/contacts/schema';
import { createContact, createSegment } from '@/lib/contacts/service';
import { createEndpoint } from '@/lib/endpoints/service';
import { endpointCreateSchema } from '@/lib/endpoints/schema';
import { ingestEvents } from '@/lib/events/service';
import { workflowInputSchema } from '@/lib/workflows/schema';
import { activateWorkflow, createWorkflow } from '@/lib/workflows/service';
import { newAccount } from './fixtures';
import type { CallOptions, Handler } from './call';

const API = path.resolve(__dirname, '../../app/api');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Every route file as its URL pattern ("endpoints/[id]/retry") with the methods it exports. */
export async function routes(): Promise<{ route: string; method: string; handler: Handler }[]> {
  const files = fs.readdirSync(API, { recursive: true, encoding: 'utf8' }).filter((f) => path.basename(f) === 'route.ts');
  const found = [];
  for (const file of files.sort()) {
    const mod = (await import(path.join(API, file))) as Record<string, unknown>;
    const route = path.dirname(file).split(path.sep).join('/');
    for (const method of METHODS) if (typeof mod[method] === 'function') found.push({ route, method, handler: mod[method] as Handler });
  }
  return found;
}

export type A = Awaited<ReturnType<typeof accountA>>;
/** B asks for A's resource: 404 (or 403). */
type Cross = { cross: (a: A) => CallOptions; status?: number[] };
/** B's own list, create or action: answered, but nothing of A's may appear in it. */
type Own = { own: (a: A) => CallOptions };
/** Not scoped to an account at all; say why. */
type Outside = { outside: string };
export type Case = Cross | Own | Outside;

const id = (key: string, value: string): CallOptions => ({ params: { [key]: value } });
const json = (body: unknown, rest: CallOptions = {}): CallOptions => ({ ...rest, body });
const webhookBody = (a: A) => ({ name: 'B copy', method: 'GET', url: 'https://example.com/b', authEnabled: true, connectorId: a.connectorId });
const testData = (a: A) => ({ webhook: { name: 'B test', method: 'GET', url: 'https://example.com/b' }, data: { contactId: a.contactId } });
const workflowBody = (a: A) => ({ name: 'B workflow', trigger: { eventTypeKey: 'b-event' }, blocks: [{ id: 'b1', kind: 'webhook', webhookId: a.requestWebhookId, email: '${email}' }] });
const SESSION_ONLY = [401]; // apiKey: false routes ignore a key: B's key gets in nowhere

export const CASES: Record<string, Case> = {
  'account/api-keys GET': { own: () => ({}) },
  'account/api-keys POST': { cross: () => json({ name: 'minted by a key' }), status: SESSION_ONLY },
  'account/api-keys/[id] GET': { cross: (a) => id('id', a.apiKeyId) },
  'account/api-keys/[id] DELETE': { cross: (a) => id('id', a.apiKeyId), status: SESSION_ONLY },
  'audit GET': { own: () => ({}) },
  'audit/export.csv GET': { own: () => ({}) },
  // A user's sessions are the user's, not an account's: session only (withUser), so a key gets 401;
  // another user's session id is a 404 (tests/auth/sessions.test.ts).
  'auth/sessions GET': { cross: () => ({}), status: SESSION_ONLY },
  'auth/sessions DELETE': { cross: () => ({}), status: SESSION_ONLY },
  'auth/sessions/[id] DELETE': { cross: () => id('id', '00000000-0000-4000-8000-000000000000'), status: SESSION_ONLY },
  'auth/login POST': { outside: 'signs a user in by email and password; no account yet' },
  'auth/logout POST': { outside: "ends the caller's own session" },
  'auth/switch-account POST': { outside: 'session only: isMember refuses an account the user is not in (withUser)' },
  'connectors GET': { own: () => ({}) },
  'connectors POST': { own: () => json({ name: 'B connector', type: 'bearer', token: 't' }) },
  'connectors/[id] GET': { cross: (a) => id('id', a.connectorId) },
  'connectors/[id] PATCH': { cross: (a) => json({ name: 'hijacked', type: 'bearer' }, id('id', a.connectorId)) },
  'connectors/[id] DELETE': { cross: (a) => id('id', a.connectorId) },
  'contacts GET': { own: () => ({ path: '/?q=a-' }) },
  'contacts POST': { own: () => json({ email: 'b@example.test' }) },
  'contacts/[id] GET': { cross: (a) => id('id', a.contactId) },
  'contacts/[id] PATCH': { cross: (a) => json({ firstName: 'hijacked' }, id('id', a.contactId)) },
  'cron/deliver GET': { outside: 'CRON_SECRET, not an account (withCron)' },
  'cron/deliver POST': { outside: 'CRON_SECRET, not an account (withCron)' },
  'endpoints GET': { own: () => ({}) },
  'endpoints POST': { own: () => json({ name: 'B export', url: 'https://example.com/b', format: 'object' }) },
  'endpoints/[id] GET': { cross: (a) => id('id', a.exportId) },
  'endpoints/[id] PATCH': { cross: (a) => json({ name: 'hijacked' }, id('id', a.exportId)) },
  'endpoints/[id] DELETE': { cross: (a) => id('id', a.exportId) },
  'endpoints/[id]/retry POST': { cross: (a) => id('id', a.exportId) },
  'endpoints/[id]/rotate-secret POST': { cross: (a) => id('id', a.exportId) },
  'endpoints/[id]/test POST': { cross: (a) => json({ body: '{"x":1}' }, id('id', a.exportId)) },
  'event-webhooks GET': { own: () => ({}) },
  'event-webhooks POST': { own: () => json({ name: 'B events', eventType: 'EmailSends', url: 'http://not-https.example' }) },
  'event-webhooks/[id] GET': { cross: (a) => id('id', a.eventWebhookId) },
  'event-webhooks/[id] PATCH': { cross: (a) => json({ name: 'hijacked' }, id('id', a.eventWebhookId)) },
  'event-webhooks/[id] DELETE': { cross: (a) => id('id', a.eventWebhookId) },
  'event-webhooks/test POST': { own: (a) => json({ name: 'x', eventType: 'EmailSends', url: 'http://not-https.example', exceptId: a.eventWebhookId }) },
  'events GET': { own: () => ({}) },
  'events/[event] GET': { cross: (a) => id('event', a.eventId) },
  'events/types GET': { own: () => ({}) },
  'health GET': { outside: 'liveness probe, no account data' },
  'health/ready GET': { outside: 'readiness probe: database, migrations, in-process worker; no account data' },
  'metrics GET': { outside: 'HOOKLINE_METRICS_TOKEN, not an account: instance-wide counts, no account data (404 while unset)' },
  'laboratory GET': { own: () => ({}) },
  'laboratory PUT': { own: () => json({ enabled: false, url: '' }) },
  'logs GET': { own: () => ({ path: '/?all=true' }) },
  'logs/[attempt] GET': { cross: (a) => id('attempt', a.attemptId) },
  'logs/[attempt]/replay POST': { cross: (a) => id('attempt', a.attemptId) },
  'logs/chart GET': { own: () => ({ path: '/?all=true' }) },
  'logs/export.csv GET': { own: () => ({ path: '/?all=true' }) },
  'logs/replay POST': { own: (a) => json({ endpointId: a.exportId }) },
  'request-webhooks GET': { own: () => ({ path: '/?deleted=true' }) },
  'request-webhooks POST': { cross: (a) => json(webhookBody(a)), status: [404, 409, 422] },
  'request-webhooks/[id] GET': { cross: (a) => id('id', a.requestWebhookId) },
  'request-webhooks/[id] PUT': { cross: (a) => json({ name: 'hijacked', method: 'GET', url: 'https://example.com/h' }, id('id', a.requestWebhookId)) },
  'request-webhooks/[id] DELETE': { cross: (a) => id('id', a.requestWebhookId) },
  'request-webhooks/[id]/restore POST': { cross: (a) => id('id', a.deletedWebhookId) },
  'request-webhooks/resolve POST': { cross: (a) => json(testData(a)) },
  'request-webhooks/send-test POST': { cross: (a) => json(testData(a)) },
  'segments GET': { own: () => ({}) },
  'segments POST': { own: () => json({ name: 'B segment', conditions: [{ field: 'TOWN', op: 'exists' }] }) },
  'segments/[id] DELETE': { cross: (a) => id('id', a.segmentId) },
  'segments/[id]/contacts GET': { cross: (a) => id('id', a.segmentId) },
  'workflow-runs GET': { own: (a) => ({ path: `/?workflowId=${a.workflowId}` }) },
  'workflow-runs/[id] GET': { cross: (a) => id('id', a.runId) },
  // B naming A's webhook in its own workflow: "Choose one of your webhooks".
  'workflows GET': { own: () => ({}) },
  'workflows POST': { cross: (a) => json(workflowBody(a)), status: [422] },
  'workflows/[id] GET': { cross: (a) => id('id', a.workflowId) },
  'workflows/[id] PUT': { cross: (a) => json({ name: 'hijacked', trigger: { eventTypeKey: 'x' } }, id('id', a.workflowId)) },
  'workflows/[id] DELETE': { cross: (a) => id('id', a.workflowId) },
  'workflows/[id]/activate POST': { cross: (a) => id('id', a.workflowId) },
  'workflows/[id]/deactivate POST': { cross: (a) => id('id', a.workflowId) },
  'workflows/[id]/duplicate POST': { cross: (a) => id('id', a.workflowId) },
  'workflows/[id]/runs GET': { cross: (a) => id('id', a.workflowId) },
  'workflow-runs/[id]/rerun POST': { cross: (a) => id('id', a.failedRunId) },
  'workflows/preview POST': { cross: (a) => json({ blocks: [{ id: 'm', kind: 'message', body: 'Hi $contact.firstName' }], blockId: 'm', contactId: a.contactId }) },
  'v1/account GET': { own: () => ({}) },
  'v1/activities GET': { own: () => ({}) },
  'v1/activities POST': { own: () => json({ activityDateTime: '2026-11-20T10:00:00Z', activityStatus: 'SENT', mediaType: 'email', contactId: 1 }) },
  'v1/api-keys GET': { own: () => ({}) },
  'v1/api-keys/[id] GET': { cross: (a) => id('id', a.apiKeyId) },
  'v1/contacts GET': { own: () => ({ path: '/?q=a-' }) },
  'v1/contacts POST': { own: () => json({ email: 'b2@example.test' }) },
  'v1/contacts/[id] GET': { cross: (a) => id('id', a.contactId) },
  'v1/contacts/[id] PATCH': { cross: (a) => json({ firstName: 'hijacked' }, id('id', a.contactId)) },
  'v1/endpoints GET': { own: () => ({}) },
  'v1/endpoints POST': { own: () => json({ name: 'B export 2', url: 'https://example.com/b2', format: 'object' }) },
  'v1/endpoints/[id] GET': { cross: (a) => id('id', a.exportId) },
  'v1/endpoints/[id] PATCH': { cross: (a) => json({ name: 'hijacked' }, id('id', a.exportId)) },
  'v1/endpoints/[id] DELETE': { cross: (a) => id('id', a.exportId) },
  'v1/endpoints/[id]/retry POST': { cross: (a) => id('id', a.exportId) },
  'v1/endpoints/[id]/rotate-secret POST': { cross: (a) => id('id', a.exportId) },
  'v1/events GET': { own: () => ({}) },
  'v1/events POST': { own: () => json({ eventTypeKey: 'b-event' }) },
  'v1/openapi.json GET': { outside: 'the public OpenAPI document: describes the code, holds no account data' },
  'v1/workflows GET': { own: () => ({}) },
  'v1/workflows POST': { cross: (a) => json(workflowBody(a)), status: [422] },
  'v1/workflows/[id] GET': { cross: (a) => id('id', a.workflowId) },
  'v1/workflows/[id] PUT': { cross: (a) => json({ name: 'hijacked', trigger: { eventTypeKey: 'x' } }, id('id', a.workflowId)) },
  'v1/workflows/[id] DELETE': { cross: (a) => id('id', a.workflowId) },
  'v1/workflows/[id]/activate POST': { cross: (a) => id('id', a.workflowId) },
  'v1/workflows/[id]/deactivate POST': { cross: (a) => id('id', a.workflowId) },
  'v1/workflows/[id]/runs GET': { cross: (a) => id('id', a.workflowId) },
  'v1/workflows/[id]/runs/[runId] GET': { cross: (a) => ({ params: { id: a.workflowId, runId: a.runId } }) },
  'v1/list-events POST': { own: () => json({ type: 'subscription', listId: 1, subscriberId: 2, subscriberEmail: 'b@example.test' }) },
};

/** An account with one of everything (A in the isolation test, the caller's own in the fuzz test); `secrets` are strings no answer to B may contain. */
export async function accountA() {
  const { account, apiKey } = await newAccount('Acme');
  const accountId = account.id;
  const tag = `a-${accountId.slice(0, 8)}`;
  const contact = await createContact(accountId, contactCreateSchema.parse({ email: `${tag}@example.test`, firstName: tag, fields: { TOWN: tag } }));
  const segment = await createSegment(accountId, { name: `${tag} segment`, conditions: [{ field: 'TOWN', op: 'eq', value: tag }] });
  const { endpoint } = await createEndpoint(accountId, endpointCreateSchema.parse({ name: `${tag} export`, url: `https://example.com/${tag}`, format: 'object' }));
  const secretEnc = (await db().endpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).signingSecretEnc;
  const eventWebhook = await db().endpoint.create({
    data: { accountId, kind: 'event', name: `${tag} events`, url: `https://example.com/${tag}/events`, eventType: 'EmailSends', statuses: [], signingSecretEnc: secretEnc },
  });
  await db().endpoint.create({ data: { accountId, kind: 'laboratory', name: 'Laboratory', url: `https://example.com/${tag}/lab`, statuses: [], signingSecretEnc: secretEnc } });
  const connector = await db().connector.create({ data: { accountId, name: `${tag} connector`, type: 'bearer', secretEnc } });
  const webhook = await db().requestWebhook.create({ data: { accountId, name: `${tag} webhook`, method: 'GET', url: `https://example.com/${tag}/rw` } });
  const deleted = await db().requestWebhook.create({ data: { accountId, name: `${tag} deleted`, method: 'GET', url: `https://example.com/${tag}/rw2`, deletedAt: new Date() } });
  const key = await createApiKey(accountId, { name: `${tag} key` });
  const { ids } = await ingestEvents(accountId, [{ eventTypeKey: `${tag}-event`, keyValue: undefined, params: { who: tag } }]);
  const attempt = await db().attempt.create({
    data: { accountId, endpointId: endpoint.id, attemptNo: 1, startedAt: new Date(), durationMs: 5, success: false, requestMethod: 'POST', requestUrl: `https://example.com/${tag}`, requestHeaders: {}, responseStatus: 500, errorKind: 'http', error: `${tag} failed` },
  });
  const workflow = await createWorkflow(
    accountId,
    workflowInputSchema.parse({
      name: `${tag} workflow`,
      trigger: { eventTypeKey: `${tag}-event` },
      blocks: [
        { id: 'w1', kind: 'webhook', webhookId: webhook.id, email: '${email}' },
        { id: 'm1', kind: 'message', subject: `Hi ${tag}`, body: `<p>${tag}</p>` },
      ],
    }),
  );
  await activateWorkflow(accountId, workflow.id);
  const run = await db().workflowRun.create({
    data: { accountId, workflowId: workflow.id, version: 1, eventTypeKey: `${tag}-event`, contactId: contact.id, contactEmail: `${tag}@example.test`, status: 'completed', finishedAt: new Date(), dueAt: null },
  });
  await db().workflowRunStep.create({ data: { accountId, runId: run.id, blockId: 'm1', blockIndex: 1, kind: 'message', status: 'completed', message: { channel: 'email', subject: `Hi ${tag}`, body: tag, messageId: tag, messageInstanceId: tag } } });
  const failedRun = await db().workflowRun.create({
    data: { accountId, workflowId: workflow.id, version: 1, eventTypeKey: `${tag}-event`, status: 'failed', reason: `${tag} failed`, dueAt: null, finishedAt: new Date() },
  });
  return {
    accountId,
    apiKey,
    workflowId: workflow.id,
    runId: run.id,
    failedRunId: failedRun.id,
    contactId: contact.id,
    segmentId: segment.id,
    exportId: endpoint.id,
    eventWebhookId: eventWebhook.id,
    connectorId: connector.id,
    requestWebhookId: webhook.id,
    deletedWebhookId: deleted.id,
    apiKeyId: key.apiKey.id,
    eventId: ids[0],
    attemptId: attempt.id.toString(),
    /** Every identifier and name of A's: the tag is in all names, emails and URLs. */
    secrets: [tag, accountId, contact.id, segment.id, endpoint.id, eventWebhook.id, connector.id, webhook.id, deleted.id, key.apiKey.id, workflow.id, run.id, failedRun.id],
  };
}

/** What must still hold for A after B's attempts. */
export async function snapshotA(a: A) {
  const d = db();
  return {
    contact: await d.contact.findUnique({ where: { id: a.contactId }, select: { firstName: true } }),
    segment: await d.segment.count({ where: { id: a.segmentId } }),
    endpoints: await d.endpoint.findMany({ where: { accountId: a.accountId }, select: { id: true, name: true, active: true, signingSecretEnc: true }, orderBy: { id: 'asc' } }),
    connector: await d.connector.findUnique({ where: { id: a.connectorId }, select: { name: true } }),
    webhooks: await d.requestWebhook.findMany({ where: { accountId: a.accountId }, select: { id: true, name: true, deletedAt: true }, orderBy: { id: 'asc' } }),
    workflows: await d.workflow.findMany({ where: { accountId: a.accountId }, select: { id: true, name: true, active: true, version: true, definition: true }, orderBy: { id: 'asc' } }),
    runs: await d.workflowRun.count({ where: { accountId: a.accountId } }),
    keys: await d.apiKey.findMany({ where: { accountId: a.accountId }, select: { id: true, revokedAt: true }, orderBy: { id: 'asc' } }),
    failedRun: await d.workflowRun.findUnique({ where: { id: a.failedRunId }, select: { status: true } }),
  };
}
