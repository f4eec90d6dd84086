// The sections of a config file, one handler each (lib/config-io/format.ts has the contract). Each
// checks its items with its domain's own zod schema and rules, and writes with the domain's storage
// helpers (sealed header values, activation), creating or updating by name.
import { z } from 'zod';
import { pool } from '@/lib/db/pool';
import { connectorSchema, connectorUpdateSchema, CONNECTOR_TYPES } from '@/lib/connectors/schema';
import { endpointCreateSchema } from '@/lib/endpoints/schema';
import { eventWebhookSchema } from '@/lib/event-webhooks/schema';
import { assertEventWebhookChange } from '@/lib/event-webhooks/rules';
import { requestWebhookSchema, toRequestSpec } from '@/lib/templates/schema';
import { activateEndpoint, deactivateEndpoint } from '@/lib/endpoints/activate';
import { auditKind } from '@/lib/endpoints/service';
import { sealHeaders, type SealedHeader } from '@/lib/crypto/headers';
import { encryptSecret } from '@/lib/crypto/secrets';
import { generateSigningSecret } from '@/lib/delivery/signing';
import { recordAudit } from '@/lib/audit/service';
import { ApiError } from '@/lib/http/errors';
import type { Endpoint } from '@/lib/generated/prisma/client';
import { workflowDefinitionSchema, workflowInputSchema, type WorkflowInput } from '@/lib/workflows/schema';
import { workflowProblems } from '@/lib/workflows/validate';
import { saveWorkflowByName } from '@/lib/workflows/service';
import { Issues, openSealed, sealed, sealedOrOmitted, type Counts, type Section, type Tx } from './format';

const storedHeaders = (json: unknown): SealedHeader[] => (Array.isArray(json) ? (json as SealedHeader[]) : []);
const fileHeaders = z.array(z.object({ name: z.string(), value: sealedOrOmitted }).strict()).default([]);

/** Header values: opened from the file, else the stored value of the same header name; a new header
 *  left out of the file is an issue. Returns the plaintext list (for the domain schema) and the sealed one. */
function resolveHeaders(given: { name: string; value?: { sealed: string } }[], stored: SealedHeader[], path: (string | number)[], issues: Issues) {
  const plain: { name: string; value: string }[] = [];
  const enc: SealedHeader[] = [];
  given.forEach((h, j) => {
    const opened = openSealed(h.value, [...path, j, 'value'], issues);
    const kept = stored.find((s) => s.name.toLowerCase() === h.name.toLowerCase());
    if (opened !== undefined) {
      plain.push({ name: h.name, value: opened });
      enc.push({ name: h.name, valueEnc: h.value!.sealed });
    } else if (!h.value && kept) {
      plain.push({ name: h.name, value: openSealed({ sealed: kept.valueEnc }, [...path, j, 'value'], issues) ?? '' });
      enc.push(kept);
    } else if (!h.value) {
      issues.add([...path, j, 'value'], 'Left out of this file and not stored yet: export with --secrets sealed, or set it in the UI');
    }
  });
  return { plain, enc };
}

function noDuplicates<T>(key: string, items: T[], id: (item: T) => string, issues: Issues) {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const k = id(item);
    if (seen.has(k)) issues.add([key, i, 'name'], `Named twice in this file (also item ${seen.get(k)})`);
    else seen.set(k, i);
  });
}

/** A domain error thrown by a shared rule, as field issues under the item's path. */
function addApiError(issues: Issues, path: (string | number)[], err: unknown) {
  if (!(err instanceof ApiError)) throw err;
  if (err.fields) for (const [f, msgs] of Object.entries(err.fields)) for (const m of msgs) issues.add([...path, ...f.split('.')], m);
  else issues.add(path, err.message);
}

async function upsertAudited(tx: Tx, accountId: string, kind: Parameters<typeof auditKind>[0] | 'connector' | 'request_webhook', id: string, name: string, created: boolean, counts: Counts) {
  const target = kind === 'connector' || kind === 'request_webhook' ? kind : auditKind(kind);
  await recordAudit(tx, { accountId, action: created ? 'created' : 'changed', target: { kind: target, id, name } });
  if (created) counts.created++;
  else counts.updated++;
}

// ── Connectors ─────────────────────────────────────────────────────────────────────────────────────

const connectorItem = z
  .object({
    name: z.string(),
    type: z.enum(CONNECTOR_TYPES.map((t) => t.key) as ['basic', 'bearer', 'api_key']),
    login: z.string().nullish(),
    headerName: z.string().nullish(),
    secret: sealedOrOmitted,
  })
  .strict();
type ConnectorItem = z.infer<typeof connectorItem>;
type ConnectorPlan = { name: string; data: { type: string; login: string | null; headerName: string | null; secretEnc?: string } };
const SECRET_FIELD = { basic: 'password', bearer: 'token', api_key: 'key' } as const;

export const connectorsSection: Section<ConnectorItem, ConnectorPlan> = {
  key: 'connectors',
  item: connectorItem,
  async exportItems(db, accountId, mode) {
    const rows = await db.connector.findMany({ where: { accountId }, orderBy: { name: 'asc' } });
    return rows.map((c) => ({ name: c.name, type: c.type as ConnectorItem['type'], login: c.login, headerName: c.headerName, secret: sealed(c.secretEnc, mode) }));
  },
  async plan(db, accountId, items, issues) {
    noDuplicates('connectors', items, (c) => c.name.trim(), issues);
    const existing = new Map((await db.connector.findMany({ where: { accountId } })).map((c) => [c.name, c]));
    return items.flatMap((item, i): ConnectorPlan[] => {
      const path = ['connectors', i];
      const secret = openSealed(item.secret, [...path, 'secret'], issues);
      const current = existing.get(item.name.trim());
      const input = { name: item.name, type: item.type, login: item.login ?? undefined, headerName: item.headerName ?? undefined, [SECRET_FIELD[item.type]]: secret };
      if (!item.secret && (!current || current.type !== item.type)) {
        issues.add([...path, 'secret'], current ? 'The type changes: the file must carry the new secret' : 'Left out of this file: a new connector needs its secret (export with --secrets sealed, or create it in the UI)');
        return [];
      }
      const parsed = (item.secret ? connectorSchema : connectorUpdateSchema).safeParse(input);
      if (!parsed.success) {
        // The domain names the secret password/token/key; the file calls it secret.
        const remapped = new z.ZodError(parsed.error.issues.map((is) => ({ ...is, path: is.path[0] === SECRET_FIELD[item.type] ? ['secret'] : is.path })));
        issues.addZod(path, remapped);
        return [];
      }
      const v = parsed.data;
      return [{ name: v.name, data: { type: v.type, login: v.type === 'basic' ? v.login : null, headerName: v.type === 'api_key' ? v.headerName : null, secretEnc: item.secret?.sealed } }];
    });
  },
  async apply(tx, accountId, plans, refs) {
    const counts = { created: 0, updated: 0 };
    for (const p of plans) {
      const current = await tx.connector.findFirst({ where: { accountId, name: p.name } });
      const data = { ...p.data, ...(p.data.secretEnc ? {} : { secretEnc: undefined }) };
      const row = current
        ? await tx.connector.update({ where: { id: current.id }, data })
        : await tx.connector.create({ data: { accountId, name: p.name, ...data, secretEnc: p.data.secretEnc! } });
      refs.connectors.set(p.name, row.id);
      await upsertAudited(tx, accountId, 'connector', row.id, row.name, !current, counts);
    }
    return counts;
  },
};

// ── Endpoints: Laboratory and data exports ─────────────────────────────────────────────────────────

const endpointItem = z
  .object({
    kind: z.enum(['export', 'laboratory']),
    name: z.string(),
    url: z.string(),
    active: z.boolean().default(true),
    statuses: z.array(z.string()).optional(),
    format: z.string().optional(),
    auth: z.object({ login: z.string(), password: sealedOrOmitted }).strict().nullable().default(null),
    headers: fileHeaders,
    signingSecret: sealedOrOmitted,
  })
  .strict();
type EndpointItem = z.infer<typeof endpointItem>;
type EndpointPlan = {
  kind: string;
  name: string;
  active: boolean;
  data: { url: string; statuses: string[]; format: string; authLogin: string | null; authPasswordEnc: string | null; headers: SealedHeader[]; signingSecretEnc?: string };
};

export const endpointsSection: Section<EndpointItem, EndpointPlan> = {
  key: 'endpoints',
  item: endpointItem,
  async exportItems(db, accountId, mode) {
    const rows = await db.endpoint.findMany({ where: { accountId, kind: { in: ['laboratory', 'export'] } }, orderBy: [{ kind: 'asc' }, { name: 'asc' }] });
    return rows.map((e) => ({
      kind: e.kind as EndpointItem['kind'],
      name: e.name,
      url: e.url,
      active: e.active,
      statuses: e.statuses,
      format: e.format,
      auth: e.authLogin ? { login: e.authLogin, password: sealed(e.authPasswordEnc, mode) } : null,
      headers: storedHeaders(e.headers).map((h) => ({ name: h.name, value: sealed(h.valueEnc, mode) })),
      signingSecret: sealed(e.signingSecretEnc, mode),
    }));
  },
  async plan(db, accountId, items, issues) {
    noDuplicates('endpoints', items, (e) => `${e.kind}/${e.name.trim()}`, issues);
    const rows = await db.endpoint.findMany({ where: { accountId, kind: { in: ['laboratory', 'export'] } } });
    const labs = items.map((e, i) => [e, i] as const).filter(([e]) => e.kind === 'laboratory');
    for (const [e, i] of labs.slice(1)) issues.add(['endpoints', i, 'kind'], `An account has one Laboratory webhook; the file names ${labs[0][0].name} already (${e.name} here)`);
    const lab = rows.find((r) => r.kind === 'laboratory');
    if (lab && labs[0] && labs[0][0].name.trim() !== lab.name) {
      issues.add(['endpoints', labs[0][1], 'name'], `This account's Laboratory webhook is named ${lab.name}: use that name to update it`);
    }
    return items.flatMap((item, i): EndpointPlan[] => {
      const path = ['endpoints', i];
      const current: Endpoint | undefined = rows.find((r) => r.kind === item.kind && r.name === item.name.trim());
      const headers = resolveHeaders(item.headers, storedHeaders(current?.headers), [...path, 'headers'], issues);
      const password = item.auth ? openSealed(item.auth.password, [...path, 'auth', 'password'], issues) : undefined;
      const keptPassword = item.auth && !item.auth.password && current?.authLogin ? current.authPasswordEnc : null;
      if (item.auth && !item.auth.password && !keptPassword) issues.add([...path, 'auth', 'password'], 'Left out of this file and not stored yet: export with --secrets sealed, or set it in the UI');
      openSealed(item.signingSecret, [...path, 'signingSecret'], issues);
      const parsed = endpointCreateSchema.safeParse({
        kind: item.kind,
        name: item.name,
        url: item.url,
        active: item.active,
        statuses: item.statuses,
        format: item.format,
        auth: item.auth ? { login: item.auth.login, password } : null,
        headers: headers.plain,
      });
      if (!parsed.success) {
        issues.addZod(path, parsed.error);
        return [];
      }
      const v = parsed.data;
      return [
        {
          kind: v.kind,
          name: v.name,
          active: v.active,
          data: {
            url: v.url,
            statuses: v.statuses,
            format: v.format,
            authLogin: v.auth?.login ?? null,
            authPasswordEnc: v.auth ? (item.auth?.password?.sealed ?? keptPassword) : null,
            headers: headers.enc,
            signingSecretEnc: item.signingSecret?.sealed,
          },
        },
      ];
    });
  },
  async apply(tx, accountId, plans) {
    const counts = { created: 0, updated: 0 };
    for (const p of plans) {
      const current = await tx.endpoint.findFirst({ where: { accountId, kind: p.kind, name: p.name } });
      const { signingSecretEnc, ...data } = p.data;
      let id: string;
      if (current) {
        id = current.id;
        await tx.endpoint.update({ where: { id }, data: { ...data, ...(signingSecretEnc ? { signingSecretEnc } : {}) } });
        if (p.active) await activateEndpoint(tx, accountId, id);
        else await deactivateEndpoint(tx, accountId, id);
      } else {
        id = (await tx.endpoint.create({ data: { accountId, kind: p.kind, name: p.name, active: p.active, ...data, signingSecretEnc: signingSecretEnc ?? encryptSecret(generateSigningSecret()) } })).id;
      }
      await upsertAudited(tx, accountId, p.kind, id, p.name, !current, counts);
    }
    return counts;
  },
};

// ── Event webhooks ─────────────────────────────────────────────────────────────────────────────────

const eventItem = z.object({ name: z.string(), eventType: z.string(), url: z.string(), active: z.boolean().default(true), signingSecret: sealedOrOmitted }).strict();
type EventItem = z.infer<typeof eventItem>;
type EventPlan = { name: string; eventType: string; url: string; active: boolean; signingSecretEnc?: string };

export const eventWebhooksSection: Section<EventItem, EventPlan> = {
  key: 'eventWebhooks',
  item: eventItem,
  async exportItems(db, accountId, mode) {
    const rows = await db.endpoint.findMany({ where: { accountId, kind: 'event' }, orderBy: { name: 'asc' } });
    return rows.map((e) => ({ name: e.name, eventType: e.eventType ?? '', url: e.url, active: e.active, signingSecret: sealed(e.signingSecretEnc, mode) }));
  },
  async plan(db, accountId, items, issues) {
    noDuplicates('eventWebhooks', items, (e) => e.name.trim(), issues);
    const rows = await db.endpoint.findMany({ where: { accountId, kind: 'event' } });
    const activeType = new Map<string, number>();
    const plans: EventPlan[] = [];
    for (const [i, item] of items.entries()) {
      const path = ['eventWebhooks', i];
      const parsed = eventWebhookSchema.safeParse(item);
      openSealed(item.signingSecret, [...path, 'signingSecret'], issues);
      if (!parsed.success) {
        issues.addZod(path, parsed.error);
        continue;
      }
      const v = parsed.data;
      // One active webhook per event type, in the file (the database's unique index covers the rest).
      if (item.active) {
        if (activeType.has(v.eventType)) issues.add([...path, 'active'], `Only one active webhook per event type: item ${activeType.get(v.eventType)} is active for ${v.eventType} too`);
        else activeType.set(v.eventType, i);
      }
      const current = rows.find((r) => r.name === v.name);
      if (current && (current.url !== v.url || current.eventType !== v.eventType)) {
        // Editable only while inactive (the seeds' rule), unless this file also switches it off.
        try {
          await assertEventWebhookChange(pool(), { accountId, id: current.id, active: current.active, eventType: current.eventType }, { url: v.url, eventType: v.eventType, active: item.active });
        } catch (err) {
          addApiError(issues, path, err);
          continue;
        }
      }
      plans.push({ ...v, active: item.active, signingSecretEnc: item.signingSecret?.sealed });
    }
    return plans;
  },
  async apply(tx, accountId, plans) {
    const counts = { created: 0, updated: 0 };
    // Switch off first, so a file that moves "active" from one webhook of a type to another applies.
    const sorted = [...plans].sort((a, b) => Number(a.active) - Number(b.active));
    for (const p of sorted) {
      const current = await tx.endpoint.findFirst({ where: { accountId, kind: 'event', name: p.name } });
      let id: string;
      if (current) {
        id = current.id;
        if (!p.active) await deactivateEndpoint(tx, accountId, id);
        await tx.endpoint.update({ where: { id }, data: { url: p.url, eventType: p.eventType, ...(p.signingSecretEnc ? { signingSecretEnc: p.signingSecretEnc } : {}) } });
        if (p.active) await activateEndpoint(tx, accountId, id);
      } else {
        const secret = p.signingSecretEnc ?? encryptSecret(generateSigningSecret());
        id = (await tx.endpoint.create({ data: { accountId, kind: 'event', name: p.name, url: p.url, active: p.active, statuses: [], format: 'object', eventType: p.eventType, signingSecretEnc: secret } })).id;
      }
      await upsertAudited(tx, accountId, 'event', id, p.name, !current, counts);
    }
    return counts;
  },
};

// ── Request webhooks (workflows) ───────────────────────────────────────────────────────────────────

const requestItem = z
  .object({
    name: z.string(),
    description: z.string().nullish(),
    method: z.string(),
    url: z.string(),
    passHeaders: z.boolean().default(false),
    headers: fileHeaders,
    connector: z.string().nullable().default(null),
    bodyEnabled: z.boolean().default(false),
    bodyFormat: z.string().default('json'),
    body: z.string().default(''),
  })
  .strict();
type RequestItem = z.infer<typeof requestItem>;
type RequestPlan = { name: string; connector: string | null; data: { description: string | null; method: string; url: string; headers: SealedHeader[]; bodyFormat: string | null; body: string | null } };
/** Stands for the connector during the schema check; the real id is known once connectors are applied. */
const SOME_CONNECTOR = '00000000-0000-4000-8000-000000000000';

export const requestWebhooksSection: Section<RequestItem, RequestPlan> = {
  key: 'requestWebhooks',
  item: requestItem,
  async exportItems(db, accountId, mode) {
    const rows = await db.requestWebhook.findMany({ where: { accountId, deletedAt: null }, include: { connector: { select: { name: true } } }, orderBy: { name: 'asc' } });
    return rows.map((w) => {
      const headers = storedHeaders(w.headers);
      return {
        name: w.name,
        description: w.description,
        method: w.method,
        url: w.url,
        passHeaders: headers.length > 0,
        headers: headers.map((h) => ({ name: h.name, value: sealed(h.valueEnc, mode) })),
        connector: w.connector?.name ?? null,
        bodyEnabled: w.body !== null,
        bodyFormat: w.bodyFormat ?? 'json',
        body: w.body ?? '',
      };
    });
  },
  async plan(db, accountId, items, issues, file) {
    noDuplicates('requestWebhooks', items, (w) => w.name.trim(), issues);
    const rows = await db.requestWebhook.findMany({ where: { accountId, deletedAt: null } });
    const connectorNames = new Set([
      ...(await db.connector.findMany({ where: { accountId }, select: { name: true } })).map((c) => c.name),
      ...((file.connectors ?? []) as { name: string }[]).map((c) => c.name.trim()),
    ]);
    return items.flatMap((item, i): RequestPlan[] => {
      const path = ['requestWebhooks', i];
      const current = rows.find((r) => r.name === item.name.trim());
      const headers = item.passHeaders ? resolveHeaders(item.headers, storedHeaders(current?.headers), [...path, 'headers'], issues) : { plain: [], enc: [] };
      if (item.connector !== null && !connectorNames.has(item.connector)) issues.add([...path, 'connector'], `No connector named ${item.connector} in this file or the account`);
      const parsed = requestWebhookSchema.safeParse({ ...item, headers: headers.plain, authEnabled: item.connector !== null, connectorId: item.connector !== null ? SOME_CONNECTOR : null, connector: undefined });
      if (!parsed.success) {
        issues.addZod(path, parsed.error);
        return [];
      }
      const spec = toRequestSpec(parsed.data);
      return [
        {
          name: parsed.data.name,
          connector: item.connector,
          data: { description: parsed.data.description || null, method: spec.method, url: spec.url, headers: spec.headers.length ? sealHeaders(spec.headers) : [], bodyFormat: spec.bodyFormat ?? null, body: spec.body ?? null },
        },
      ];
    });
  },
  async apply(tx, accountId, plans, refs) {
    const counts = { created: 0, updated: 0 };
    for (const p of plans) {
      const connectorId = p.connector === null ? null : (refs.connectors.get(p.connector) ?? (await tx.connector.findFirst({ where: { accountId, name: p.connector } }))!.id);
      const current = await tx.requestWebhook.findFirst({ where: { accountId, name: p.name, deletedAt: null } });
      const row = current
        ? await tx.requestWebhook.update({ where: { id: current.id }, data: { ...p.data, connectorId } })
        : await tx.requestWebhook.create({ data: { accountId, name: p.name, ...p.data, connectorId } });
      await upsertAudited(tx, accountId, 'request_webhook', row.id, row.name, !current, counts);
    }
    return counts;
  },
};


// ── Workflows ──────────────────────────────────────────────────────────────────────────────────────

// A webhook block names its request webhook (ids differ between instances); the rest of a block, the
// trigger and the name are lib/workflows/schema.ts's, checked there. Written through
// lib/workflows/service.ts, so a changed definition is a new version and an active one must pass activation.
const workflowItem = z
  .object({
    name: z.string(),
    active: z.boolean().default(false),
    trigger: z.unknown(),
    blocks: z.array(z.record(z.string(), z.unknown())).default([]),
  })
  .strict();
type WorkflowItem = z.infer<typeof workflowItem>;
type WorkflowPlan = { index: number; active: boolean; input: WorkflowInput; webhooks: (string | null)[] };
/** Stands for a request webhook the file creates, during the checks; the real id is known once it is applied. */
const SOME_WEBHOOK = (j: number) => `00000000-0000-4000-8000-${String(j).padStart(12, '0')}`;

/** Block field paths of the domain (webhookId) as the file names them (webhook). */
const filePath = (path: (string | number)[]) => path.map((p, k) => (p === 'webhookId' && path[k - 2] === 'blocks' ? 'webhook' : p));

export const workflowsSection: Section<WorkflowItem, WorkflowPlan> = {
  key: 'workflows',
  item: workflowItem,
  async exportItems(db, accountId) {
    const hooks = new Map((await db.requestWebhook.findMany({ where: { accountId }, select: { id: true, name: true } })).map((w) => [w.id, w.name]));
    const rows = await db.workflow.findMany({ where: { accountId }, orderBy: { name: 'asc' } });
    return rows.map((w) => {
      const def = workflowDefinitionSchema.parse(w.definition);
      return {
        name: w.name,
        active: w.active,
        trigger: def.trigger,
        blocks: def.blocks.map((b) => {
          if (b.kind !== 'webhook') return b;
          const { webhookId, ...rest } = b;
          return { ...rest, webhook: webhookId ? (hooks.get(webhookId) ?? null) : null };
        }),
      };
    });
  },
  async plan(db, accountId, items, issues, file) {
    noDuplicates('workflows', items, (w) => w.name.trim(), issues);
    // Request webhooks by name: the account's (not deleted) and the ones this file creates.
    const stored = await db.requestWebhook.findMany({ where: { accountId, deletedAt: null }, select: { id: true, name: true } });
    const byName = new Map(stored.map((w) => [w.name, w.id]));
    ((file.requestWebhooks ?? []) as { name: string }[]).forEach((w, j) => {
      if (!byName.has(w.name.trim())) byName.set(w.name.trim(), SOME_WEBHOOK(j));
    });
    const states = new Map([...byName].map(([name, id]) => [id, { name, deleted: false }]));
    return items.flatMap((item, i): WorkflowPlan[] => {
      const path = ['workflows', i];
      const webhooks: (string | null)[] = [];
      let named = true;
      const blocks = item.blocks.map((b, j) => {
        if (b.kind !== 'webhook') return b;
        const { webhook, ...rest } = b;
        const name = typeof webhook === 'string' ? webhook.trim() : null;
        webhooks[j] = name;
        if (webhook !== undefined && webhook !== null && typeof webhook !== 'string') {
          issues.add([...path, 'blocks', j, 'webhook'], 'Name a request webhook');
          named = false;
        } else if (name !== null && !byName.has(name)) {
          issues.add([...path, 'blocks', j, 'webhook'], `No request webhook named ${name} in this file or the account`);
          named = false;
        }
        return { ...rest, webhookId: name === null ? null : (byName.get(name) ?? null) };
      });
      const parsed = workflowInputSchema.safeParse({ name: item.name, trigger: item.trigger, blocks });
      if (!parsed.success) {
        for (const is of parsed.error.issues) issues.add(filePath([...path, ...is.path.map((p) => (typeof p === 'symbol' ? String(p) : p))]), is.message);
        return [];
      }
      if (!named) return [];
      if (item.active) {
        const problems = workflowProblems(workflowDefinitionSchema.parse({ trigger: parsed.data.trigger, blocks: parsed.data.blocks }), states);
        for (const p of problems) issues.add(filePath([...path, ...p.field.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s))]), p.message);
        if (problems.length) return [];
      }
      return [{ index: i, active: item.active, input: parsed.data, webhooks }];
    });
  },
  async apply(tx, accountId, plans) {
    const counts = { created: 0, updated: 0 };
    const hooks = new Map((await tx.requestWebhook.findMany({ where: { accountId, deletedAt: null }, select: { id: true, name: true } })).map((w) => [w.name, w.id]));
    for (const p of plans) {
      const blocks = p.input.blocks.map((b, j) => (b.kind === 'webhook' ? { ...b, webhookId: p.webhooks[j] ? hooks.get(p.webhooks[j]!)! : null } : b));
      try {
        const { created } = await saveWorkflowByName(tx, accountId, { ...p.input, blocks }, { active: p.active });
        if (created) counts.created++;
        else counts.updated++;
      } catch (err) {
        // Checked in plan(); a rule only the write can see still answers by the file's paths.
        if (!(err instanceof ApiError) || !err.fields) throw err;
        const issues = new Issues();
        addApiError(issues, ['workflows', p.index], err);
        const fields = Object.fromEntries(Object.entries(issues.fields).map(([k, v]) => [filePath(k.split('.')).join('.'), v]));
        throw new ApiError('unprocessable_entity', 'The config file is invalid; nothing was changed', fields);
      }
    }
    return counts;
  },
};
