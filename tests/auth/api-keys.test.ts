import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { authenticateApiKey, createApiKey, hashApiKey, listApiKeys, revokeApiKey } from '@/lib/api-keys/service';
import { newAccount } from '../support/fixtures';

describe('API keys', () => {
  it('are shown once, stored only as a hash, and authenticate their own account', async () => {
    const acme = await newAccount();
    const { key, apiKey } = await createApiKey(acme.account.id, { name: 'Sender' });
    expect(key).toMatch(/^hk_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(apiKey.prefix)).toBe(true);
    const row = await db().apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(row.hash).toBe(hashApiKey(key));
    expect(JSON.stringify(row)).not.toContain(key);
    expect(JSON.stringify(await listApiKeys(acme.account.id))).not.toContain(row.hash);

    expect(await authenticateApiKey(key)).toEqual({ accountId: acme.account.id, keyId: apiKey.id, name: apiKey.name });
    const used = await db().apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(used.lastUsedAt).toBeInstanceOf(Date);
  });

  it('refuses revoked, unknown and malformed keys', async () => {
    const acme = await newAccount();
    const { key, apiKey } = await createApiKey(acme.account.id, { name: 'Temp' });
    await revokeApiKey(acme.account.id, apiKey.id);
    expect(await authenticateApiKey(key)).toBeNull();
    expect(await authenticateApiKey(`${key.slice(0, -2)}xx`)).toBeNull();
    expect(await authenticateApiKey('not-a-key')).toBeNull();
  });

  it('lists active keys first, revoked after', async () => {
    const acme = await newAccount();
    const a = await createApiKey(acme.account.id, { name: 'A' });
    await createApiKey(acme.account.id, { name: 'B' });
    await revokeApiKey(acme.account.id, a.apiKey.id);
    const names = (await listApiKeys(acme.account.id)).map((k) => [k.name, k.revokedAt !== null]);
    expect(names).toEqual([
      ['B', false],
      ['Default key', false],
      ['A', true],
    ]);
  });
});
