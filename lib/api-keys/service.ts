// Account API keys for the machine API (/api/v1/...). A key is 32 random bytes; only its SHA-256 is
// stored (a high-entropy token needs no slow hash), with a short prefix to recognise it in lists.
import { createHash, randomBytes } from 'node:crypto';
import { pool } from '@/lib/db';
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

/** The account a presented key belongs to, or null for an unknown or revoked key. Every machine API
 *  call passes here, so it is one raw statement on the pool (no ORM query building per call), and
 *  last_used_at is written at most once a minute, in the same statement. */
export async function authenticateApiKey(key: string): Promise<{ accountId: string; keyId: string; name: string } | null> {
  if (!key.startsWith(KEY_PREFIX)) return null;
  const { rows } = await pool().query<{ id: string; account_id: string; name: string }>({
    name: 'hl_api_key',
    text: `WITH k AS (SELECT id, account_id, name, last_used_at FROM api_keys WHERE hash = $1 AND revoked_at IS NULL),
       used AS (UPDATE api_keys SET last_used_at = now() FROM k
                 WHERE api_keys.id = k.id AND (k.last_used_at IS NULL OR k.last_used_at < now() - $2 * interval '1 millisecond'))
       SELECT id, account_id, name FROM k`,
    values: [hashApiKey(key), LAST_USED_RESOLUTION_MS],
  });
  const found = rows[0];
  return found ? { accountId: found.account_id, keyId: found.id, name: found.name } : null;
}
