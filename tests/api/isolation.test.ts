// Issue 11: tenant isolation on every route, found from the filesystem. Every route.ts under app/api
// and every method it exports needs a row in CASES (tests/support/route-table.ts), or this test fails:
// a new route cannot ship without saying how another account's caller is kept out. Account B calls
// with its API key (the account wrapper takes one on every account route) and must get 404/403 for
// A's resources, and no answer to B may contain any of A's identifiers. Afterwards A's rows are unchanged.
import { describe, expect, it } from 'vitest';
import { newAccount } from '../support/fixtures';
import { call } from '../support/call';
import { CASES, accountA, routes, snapshotA } from '../support/route-table';

describe('tenant isolation on every route', () => {
  it('has a cross-account case for every route and method under app/api', async () => {
    const found = (await routes()).map((r) => `${r.route} ${r.method}`);
    expect(found.length).toBeGreaterThan(60);
    expect(found.filter((k) => !(k in CASES)), 'routes without a row in CASES').toEqual([]);
    expect(Object.keys(CASES).filter((k) => !found.includes(k)), 'rows in CASES without a route').toEqual([]);
  });

  it("keeps account B out of account A's resources everywhere", async () => {
    const a = await accountA();
    const b = await newAccount('Globex');
    const before = await snapshotA(a);
    const failures: string[] = [];
    for (const { route, method, handler } of await routes()) {
      const c = CASES[`${route} ${method}`];
      if (!c || 'outside' in c) continue;
      const options = 'cross' in c ? c.cross(a) : c.own(a);
      const res = await call(handler, b.apiKey, { method, ...options, path: `/api/${route}${options.path ?? ''}` });
      const text = await res.text();
      const label = `${method} /api/${route} → ${res.status}`;
      if (res.status >= 500) failures.push(`${label}: ${text.slice(0, 200)}`);
      if ('cross' in c && !(c.status ?? [403, 404]).includes(res.status)) failures.push(`${label}: expected ${c.status ?? [403, 404]} (${text.slice(0, 200)})`);
      if ('own' in c && [401, 403, 404].includes(res.status)) failures.push(`${label}: B's own request was refused (${text.slice(0, 200)})`);
      if (process.env.ISOLATION_VERBOSE) console.log(label);
      const leaked = a.secrets.filter((s) => text.includes(s));
      if (leaked.length) failures.push(`${label}: answer contains A's ${leaked.join(', ')}`);
    }
    expect(failures).toEqual([]);
    expect(await snapshotA(a)).toEqual(before);
  });
});
