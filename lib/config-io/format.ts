// The config file's shared parts: how a secret is written (sealed: this instance's ciphertext, which
// any instance with the same HOOKLINE_SECRET opens; or left out), the issue list a bad file gets, and
// the section-handler contract every section (connectors, webhooks … workflows next) implements.
import { z } from 'zod';
import { decryptSecret } from '@/lib/crypto/secrets';
import type { Prisma, PrismaClient } from '@/lib/generated/prisma/client';

export const CONFIG_FORMAT = 'hookline.config/1';
export const SECRETS_MODES = ['sealed', 'omit'] as const;
export type SecretsMode = (typeof SECRETS_MODES)[number];

/** A secret in the file: the stored ciphertext. Absent when exported with --secrets omit. */
export const sealedSchema = z.object({ sealed: z.string().min(1) }).strict();
export type Sealed = z.infer<typeof sealedSchema>;
export const sealedOrOmitted = sealedSchema.optional();

export const sealed = (enc: string | null | undefined, mode: SecretsMode): Sealed | undefined => (enc && mode === 'sealed' ? { sealed: enc } : undefined);

/** Field errors by path ("endpoints.2.url"), as the API's 422 answers carry them. */
export class Issues {
  readonly fields: Record<string, string[]> = {};
  add(path: (string | number)[], message: string) {
    (this.fields[path.join('.') || '_'] ??= []).push(message);
  }
  /** The issues of a zod error, under `prefix`. */
  addZod(prefix: (string | number)[], error: z.ZodError) {
    for (const i of error.issues) this.add([...prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))], i.message);
  }
  get empty() {
    return Object.keys(this.fields).length === 0;
  }
}

/** Opens a sealed secret, or records why it cannot be opened. */
export function openSealed(s: Sealed | undefined, path: (string | number)[], issues: Issues): string | undefined {
  if (!s) return undefined;
  try {
    return decryptSecret(s.sealed);
  } catch {
    issues.add(path, 'Sealed with another HOOKLINE_SECRET (or damaged): export it from an instance with the same secret, or use --secrets omit and set it in the UI');
    return undefined;
  }
}

export type Tx = Prisma.TransactionClient;
export type Counts = { created: number; updated: number };

/** What one section of the file needs: its item shape, how to export, check and apply its items. */
export type Section<Item, Plan> = {
  /** The key in the file ("connectors"). */
  key: string;
  /** One item as the file holds it (secrets sealed or left out); the domain's own schema checks the rest in plan(). */
  item: z.ZodType<Item>;
  exportItems: (db: PrismaClient, accountId: string, mode: SecretsMode) => Promise<Item[]>;
  /** Checks every item with the domain's schema and rules against what the account has, without
   *  writing; problems go to `issues` under `[key, index, …]`. */
  plan: (db: PrismaClient, accountId: string, items: Item[], issues: Issues, file: Record<string, unknown[]>) => Promise<Plan[]>;
  /** Writes the plans inside the import's one transaction, creating or updating by name. */
  apply: (tx: Tx, accountId: string, plans: Plan[], refs: Refs) => Promise<Counts>;
};

/** Ids made or found by earlier sections, by name (request webhooks name their connector). */
export type Refs = { connectors: Map<string, string> };
