// Tenant isolation: one account's API key or user can never see or change another account's rows.
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { tenantDb } from '@/lib/db/tenant';
import { createApiKey, getApiKey, listApiKeys, revokeApiKey } from '@/lib/api-keys/service';
import { toApiError } from '@/lib/http/errors';
import { GET as getKeyRoute } from '@/app/api/v1/api-keys/[id]/route';
import { GET as listKeysRoute } from '@/app/api/v1/api-keys/route';
import { newAccount } from '../support/fixtures';

const call = (handler: typeof getKeyRoute, url: string, key: string | null, params: Record<string, string> = {}) =>
  handler(new Request(`http://localhost${url}`, { headers: key ? { authorization: `Bearer ${key}` } : {} }), {
    params: Promise.resolve(params),
  });

describe('tenant isolation', () => {
  it('scopes reads, updates and creates made through tenantDb to the account', async () => {
    const acme = await newAccount('Acme');
    const globex = await newAccount('Globex');
    const theirs = await createApiKey(globex.account.id, { name: 'Theirs' });

    const scoped = tenantDb(acme.account.id);
    expect(await scoped.apiKey.findUnique({ where: { id: theirs.apiKey.id } })).toBeNull();
    expect(await scoped.apiKey.findMany({ where: { id: theirs.apiKey.id } })).toEqual([]);
    expect((await scoped.apiKey.updateMany({ where: { id: theirs.apiKey.id }, data: { name: 'hijacked' } })).count).toBe(0);
    // A create that names another account is stamped with the scoped one.
    const made = await scoped.apiKey.create({ data: { accountId: globex.account.id, name: 'x', prefix: 'hk_x', hash: `h-${Date.now()}` } });
    expect(made.accountId).toBe(acme.account.id);

    expect((await listApiKeys(acme.account.id)).map((k) => k.id)).not.toContain(theirs.apiKey.id);
    await expect(getApiKey(acme.account.id, theirs.apiKey.id).catch((e) => Promise.reject(toApiError(e)))).rejects.toMatchObject({ status: 404 });
    await expect(revokeApiKey(acme.account.id, theirs.apiKey.id).catch((e) => Promise.reject(toApiError(e)))).rejects.toMatchObject({ status: 404 });
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: theirs.apiKey.id } })).revokedAt).toBeNull();
  });

  it('answers 404 to an API key asking for another account’s id, 401 without a valid key', async () => {
    const acme = await newAccount('Acme');
    const globex = await newAccount('Globex');
    const theirs = await createApiKey(globex.account.id, { name: 'Theirs' });
    const mine = await createApiKey(acme.account.id, { name: 'Mine' });

    const own = await call(getKeyRoute, `/api/v1/api-keys/${mine.apiKey.id}`, acme.apiKey, { id: mine.apiKey.id });
    expect(own.status).toBe(200);
    expect((await own.json()).apiKey.name).toBe('Mine');

    const cross = await call(getKeyRoute, `/api/v1/api-keys/${theirs.apiKey.id}`, acme.apiKey, { id: theirs.apiKey.id });
    expect(cross.status).toBe(404);
    expect(await cross.json()).toEqual({ error: { code: 'not_found', message: 'Resource not found' } });

    const notUuid = await call(getKeyRoute, '/api/v1/api-keys/abc', acme.apiKey, { id: 'abc' });
    expect(notUuid.status).toBe(404);

    const list = await (await call(listKeysRoute, '/api/v1/api-keys', acme.apiKey)).json();
    expect(list.apiKeys.map((k: { id: string }) => k.id)).not.toContain(theirs.apiKey.id);

    const none = await call(listKeysRoute, '/api/v1/api-keys', null);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    await revokeApiKey(acme.account.id, mine.apiKey.id);
    expect((await call(listKeysRoute, '/api/v1/api-keys', mine.key)).status).toBe(401);
  });
});
