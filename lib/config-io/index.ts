// Config as code: an account's webhooks and connectors as one JSON file (`hookline export-config`),
// and that file applied to an account (`hookline import-config`) — created or updated by name, all in
// one transaction, so staging and production can be kept alike. A file that does not pass the
// domains' own schemas and rules gets every field error (path-prefixed: "endpoints.2.url") and
// changes nothing. Deleting is never implied: what the file does not name stays.
//
// The file is a list of sections, each handled by one Section (./sections.ts), applied in SECTIONS'
// order: connectors first so that request webhooks can name one, request webhooks before workflows so
// that a workflow's webhook blocks can name them (and an active workflow passes activation).
import { z } from 'zod';
import { db } from '@/lib/db';
import { ApiError, isUniqueViolation } from '@/lib/http/errors';
import { CONFIG_FORMAT, Issues, SECRETS_MODES, type Counts, type Refs, type SecretsMode, type Section } from './format';
import { connectorsSection, endpointsSection, eventWebhooksSection, requestWebhooksSection, workflowsSection } from './sections';

export { CONFIG_FORMAT, SECRETS_MODES, type SecretsMode };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each section has its own item and plan types
export const SECTIONS: Section<any, any>[] = [connectorsSection, endpointsSection, eventWebhooksSection, requestWebhooksSection, workflowsSection];

export type ConfigFile = { hookline: typeof CONFIG_FORMAT; exportedAt: string; secrets: SecretsMode } & Record<string, unknown>;

const fileSchema = z
  .object({
    hookline: z.literal(CONFIG_FORMAT, { error: `Not a Hookline config file (expected "hookline": "${CONFIG_FORMAT}")` }),
    exportedAt: z.string().optional(),
    secrets: z.enum(SECRETS_MODES).optional(),
    ...Object.fromEntries(SECTIONS.map((s) => [s.key, z.array(s.item).default([])])),
  })
  .strict();

export async function exportConfig(accountId: string, mode: SecretsMode = 'sealed'): Promise<ConfigFile> {
  const file: ConfigFile = { hookline: CONFIG_FORMAT, exportedAt: new Date().toISOString(), secrets: mode };
  for (const section of SECTIONS) file[section.key] = await section.exportItems(db(), accountId, mode);
  return file;
}

export type ImportResult = Record<string, Counts>;

/** Applies a config file to the account; throws a 422 ApiError with every field error, having changed nothing. */
export async function importConfig(accountId: string, raw: unknown): Promise<ImportResult> {
  const issues = new Issues();
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    issues.addZod([], parsed.error);
    throw new ApiError('unprocessable_entity', 'The config file is invalid; nothing was changed', issues.fields);
  }
  const file = parsed.data as unknown as Record<string, unknown[]>;
  const plans: unknown[][] = [];
  for (const section of SECTIONS) plans.push(await section.plan(db(), accountId, file[section.key], issues, file));
  if (!issues.empty) throw new ApiError('unprocessable_entity', 'The config file is invalid; nothing was changed', issues.fields);

  const refs: Refs = { connectors: new Map() };
  const result: ImportResult = {};
  try {
    await db().$transaction(
      async (tx) => {
        for (const [i, section] of SECTIONS.entries()) result[section.key] = await section.apply(tx, accountId, plans[i], refs);
      },
      { timeout: 60_000 },
    );
  } catch (err) {
    // A rule the database enforces (one active event webhook per type, one Laboratory) that an
    // account row outside the file breaks: the whole import was rolled back.
    if (isUniqueViolation(err)) throw new ApiError('conflict', `The file conflicts with what the account has (${(err as Error).message.split('\n').pop()}); nothing was changed`);
    throw err;
  }
  return result;
}

/** An account by id or by (unique) name, for the CLI. */
export async function resolveAccount(idOrName: string): Promise<{ id: string; name: string }> {
  const isId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrName);
  const found = await db().account.findMany({ where: isId ? { id: idOrName } : { name: idOrName }, select: { id: true, name: true } });
  if (found.length !== 1) throw new Error(found.length ? `Several accounts are named ${idOrName}; pass the id` : `No account ${idOrName}`);
  return found[0];
}
