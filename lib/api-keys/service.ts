// Account API keys for the machine API (/api/v1/...). A key is 32 random bytes; only its SHA-256 is
// stored (a high-entropy token needs no slow hash), with a short prefix to recognise it in lists.
import { createHash, randomBytes } from 'node:crypto';
import { db } from '@/lib/db';
import { tenantDb } from '@/lib/db/tenant';
import type { ApiKey } from '@/lib/generated/prisma/client';
import type { ApiKeyView, CreateApiKeyInput } from './schema';

const KEY_PREFIX = 'hk_';
const LAST_USED_RESOLUTION_MS = 60_000;

export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex');

export function toView(k: ApiKey): ApiKeyView {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
  };
}

export async function createApiKey(accountId: string, input: CreateApiKeyInput): Promise<{ key: string; apiKey: ApiKeyView }> {
  const key = KEY_PREFIX + randomBytes(32).toString('base64url');
  const created = await tenantDb(accountId).apiKey.create({
    data: { accountId, name: input.name, prefix: key.slice(0, KEY_PREFIX.length + 6), hash: hashApiKey(key) },
  });
  return { key, apiKey: toView(created) };
}

export async function listApiKeys(accountId: string): Promise<ApiKeyView[]> {
  const keys = await tenantDb(accountId).apiKey.findMany({ orderBy: [{ revokedAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'desc' }] });
  return keys.map(toView);
}

export async function getApiKey(accountId: string, id: string): Promise<ApiKeyView> {
  return toView(await tenantDb(accountId).apiKey.findUniqueOrThrow({ where: { id } }));
}

export async function revokeApiKey(accountId: string, id: string): Promise<ApiKeyView> {
  const t = tenantDb(accountId);
  const key = await t.apiKey.findUniqueOrThrow({ where: { id } });
  if (key.revokedAt) return toView(key);
  return toView(await t.apiKey.update({ where: { id }, data: { revokedAt: new Date() } }));
}

/** The account a presented key belongs to, or null for an unknown or revoked key. */
export async function authenticateApiKey(key: string): Promise<{ accountId: string; keyId: string; name: string } | null> {
  if (!key.startsWith(KEY_PREFIX)) return null;
  const found = await db().apiKey.findUnique({ where: { hash: hashApiKey(key) } });
  if (!found || found.revokedAt) return null;
  if (!found.lastUsedAt || Date.now() - found.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db().apiKey.update({ where: { id: found.id }, data: { lastUsedAt: new Date() } });
  }
  return { accountId: found.accountId, keyId: found.id, name: found.name };
}
