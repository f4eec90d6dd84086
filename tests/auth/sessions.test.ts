// Server-side sessions: a sealed cookie is only as good as its row in `sessions`.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { config } from '@/lib/config';
import { resetPassword } from '@/lib/accounts/service';
import { TOUCH_INTERVAL_MS } from '@/lib/auth/sessions';
import { describeUserAgent } from '@/lib/auth/user-agent';
import { POST as loginRoute } from '@/app/api/auth/login/route';
import { POST as logoutRoute } from '@/app/api/auth/logout/route';
import { POST as switchRoute } from '@/app/api/auth/switch-account/route';
import { GET as listSessionsRoute, DELETE as signOutEverywhereRoute } from '@/app/api/auth/sessions/route';
import { DELETE as signOutOneRoute } from '@/app/api/auth/sessions/[id]/route';
import { GET as apiKeysRoute } from '@/app/api/account/api-keys/route';
import { addMember } from '@/lib/accounts/service';
import { newAccount } from '../support/fixtures';
import { call, cookieOf } from '../support/browser';

const CHROME_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const FIREFOX_WIN = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';

async function signIn(who: { email: string; password: string | null }, userAgent = CHROME_MAC): Promise<string> {
  const res = await call(loginRoute, '/api/auth/login', {
    method: 'POST',
    json: { email: who.email, password: who.password },
    headers: { 'user-agent': userAgent, 'x-forwarded-for': '192.0.2.7' },
  });
  expect(res.status).toBe(200);
  return cookieOf(res);
}
const whoAmI = (cookie: string) => call(apiKeysRoute, '/api/account/api-keys', { cookie });

afterEach(() => {
  vi.useRealTimers();
});

describe('sessions', () => {
  it('a cookie replayed after logout gets 401', async () => {
    const acme = await newAccount();
    const cookie = await signIn(acme);
    expect((await whoAmI(cookie)).status).toBe(200);
    const out = await call(logoutRoute, '/api/auth/logout', { method: 'POST', cookie });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/^hookline_session=; .*Max-Age=0/);
    expect((await whoAmI(cookie)).status).toBe(401);
  });

  it('a cookie issued before reset-password gets 401, as do all the user’s other sessions', async () => {
    const acme = await newAccount();
    const first = await signIn(acme);
    const second = await signIn(acme, FIREFOX_WIN);
    const password = await resetPassword(acme.email);
    expect((await whoAmI(first)).status).toBe(401);
    expect((await whoAmI(second)).status).toBe(401);
    expect((await whoAmI(await signIn({ email: acme.email, password }))).status).toBe(200);
  });

  it('ends after the idle timeout, and is kept alive by use (last seen written at most once a minute)', async () => {
    const acme = await newAccount();
    const cookie = await signIn(acme);
    const idle = config().HOOKLINE_SESSION_IDLE_SECONDS * 1000;
    const start = Date.now();
    vi.useFakeTimers({ toFake: ['Date'] });

    vi.setSystemTime(start + TOUCH_INTERVAL_MS / 2);
    expect((await whoAmI(cookie)).status).toBe(200);
    const row = () => db().session.findFirstOrThrow({ where: { user: { email: acme.email } } });
    // Within the minute: no write.
    expect((await row()).lastSeenAt.getTime()).toBeLessThan(start + 1000);

    // Used just before its idle end: the idle end moves on.
    vi.setSystemTime(start + idle - 1000);
    expect((await whoAmI(cookie)).status).toBe(200);
    expect((await row()).lastSeenAt.getTime()).toBe(start + idle - 1000);
    vi.setSystemTime(start + idle + 1000);
    expect((await whoAmI(cookie)).status).toBe(200);

    // Then left alone for longer than the idle timeout.
    vi.setSystemTime(start + 2 * idle);
    expect((await whoAmI(cookie)).status).toBe(401);
  });

  it('ends at its absolute lifetime however much it is used', async () => {
    const acme = await newAccount();
    const cookie = await signIn(acme);
    const { HOOKLINE_SESSION_IDLE_SECONDS: idle, HOOKLINE_SESSION_MAX_AGE_SECONDS: maxAge } = config();
    const start = Date.now();
    vi.useFakeTimers({ toFake: ['Date'] });
    // Used every (idle − 1 min) so the idle timeout never strikes …
    let t = start;
    while (t + (idle - 60) * 1000 < start + maxAge * 1000) {
      t += (idle - 60) * 1000;
      vi.setSystemTime(t);
      expect((await whoAmI(cookie)).status).toBe(200);
    }
    // … but past the lifetime it is over.
    vi.setSystemTime(start + maxAge * 1000 + 1000);
    expect((await whoAmI(cookie)).status).toBe(401);
  });

  it('lists the user’s sessions with device, address and this device; signs out one, then everywhere', async () => {
    const acme = await newAccount();
    const mine = await signIn(acme);
    const other = await signIn(acme, FIREFOX_WIN);
    const stranger = await signIn(await newAccount('Globex'));

    const list = await (await call(listSessionsRoute, '/api/auth/sessions', { cookie: mine })).json();
    expect(list.sessions).toHaveLength(2);
    const here = list.sessions.find((s: { current: boolean }) => s.current);
    const there = list.sessions.find((s: { current: boolean }) => !s.current);
    expect(here).toMatchObject({ device: 'Chrome on macOS', ip: '192.0.2.7' });
    expect(there).toMatchObject({ device: 'Firefox on Windows' });

    // Another user's session id is not found, and stays alive.
    const theirs = (await (await call(listSessionsRoute, '/api/auth/sessions', { cookie: stranger })).json()).sessions[0];
    expect((await call(signOutOneRoute, `/api/auth/sessions/${theirs.id}`, { method: 'DELETE', cookie: mine, params: { id: theirs.id } })).status).toBe(404);
    expect((await whoAmI(stranger)).status).toBe(200);

    const one = await call(signOutOneRoute, `/api/auth/sessions/${there.id}`, { method: 'DELETE', cookie: mine, params: { id: there.id } });
    expect(one.status).toBe(200);
    expect((await whoAmI(other)).status).toBe(401);
    expect((await whoAmI(mine)).status).toBe(200);

    const third = await signIn(acme);
    const everywhere = await call(signOutEverywhereRoute, '/api/auth/sessions', { method: 'DELETE', cookie: mine });
    expect(everywhere.status).toBe(200);
    expect((await whoAmI(mine)).status).toBe(401);
    expect((await whoAmI(third)).status).toBe(401);
    expect((await whoAmI(stranger)).status).toBe(200);
  });

  it('keeps the switched account in the session row, not the cookie', async () => {
    const acme = await newAccount('Acme');
    const globex = await newAccount('Globex');
    const user = await db().user.findUniqueOrThrow({ where: { email: acme.email } });
    await addMember(globex.account.id, user.id);
    const cookie = await signIn(acme);
    const res = await call(switchRoute, '/api/auth/switch-account', { method: 'POST', cookie, json: { accountId: globex.account.id } });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
    const keys = await (await whoAmI(cookie)).json();
    expect(keys.apiKeys.map((k: { name: string }) => k.name)).toEqual(['Default key']);
    expect((await db().session.findFirstOrThrow({ where: { userId: user.id } })).accountId).toBe(globex.account.id);
  });

  it('refuses a forged or tampered cookie', async () => {
    expect((await whoAmI('hookline_session=Fe26.2**forged')).status).toBe(401);
    const acme = await newAccount();
    const cookie = await signIn(acme);
    expect((await whoAmI(cookie.slice(0, -4) + 'AAAA')).status).toBe(401);
  });

  it('names devices from user agents', () => {
    expect(describeUserAgent(CHROME_MAC)).toBe('Chrome on macOS');
    expect(describeUserAgent(FIREFOX_WIN)).toBe('Firefox on Windows');
    expect(describeUserAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1')).toBe('Safari on iOS');
    expect(describeUserAgent('Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/131.0 Safari/537.36 Edg/131.0')).toBe('Edge on Windows');
    expect(describeUserAgent(null)).toBe('Unknown device');
  });
});
