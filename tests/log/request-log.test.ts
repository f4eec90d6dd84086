// Every API request is one JSON log line (level, time, request id, account, route, status, duration),
// answered with x-request-id; nothing secret — a password, an API key, a header value, a body — is
// ever in the log. The real route handlers, the real pino logger writing to memory.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { call } from '../support/call';
import { newAccount } from '../support/fixtures';
import { captureLogs, type Captured } from '../support/log-capture';
import { setLogger, createLogger, type Logger } from '@/lib/log';
import * as endpoints from '@/app/api/endpoints/route';
import * as login from '@/app/api/auth/login/route';

let logs: Captured;
let previous: Logger | undefined;
beforeAll(() => {
  logs = captureLogs('info');
  previous = setLogger(logs.logger);
});
afterAll(() => {
  setLogger(previous);
});

const requestLines = () => logs.lines().filter((l) => l.msg === 'request');

describe('request logs', () => {
  it('log one line per request with id, account, route, status and duration, and answer the id', async () => {
    const acme = await newAccount();
    const res = await call(endpoints.GET as never, acme.apiKey, { path: '/api/endpoints?kind=export', headers: { 'x-request-id': 'lb-7f3a.42' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('lb-7f3a.42');
    const line = requestLines().find((l) => l.requestId === 'lb-7f3a.42');
    expect(line).toMatchObject({ level: 30, accountId: acme.account.id, method: 'GET', route: '/api/endpoints', status: 200 });
    expect(typeof line!.durationMs).toBe('number');
    expect(new Date(line!.time as string).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(JSON.stringify(line)).not.toContain('kind=export'); // no query string
  });

  it('replace an incoming request id that is not a short plain token', async () => {
    const res = await call(endpoints.GET as never, null, { path: '/api/endpoints', headers: { 'x-request-id': 'x"} {"level":60' } });
    expect(res.status).toBe(401);
    const id = res.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestLines().find((l) => l.requestId === id)).toMatchObject({ status: 401, route: '/api/endpoints' });
    expect(logs.text()).not.toContain('"level":60');
  });

  it('never log a password, an API key, a header value or a body', async () => {
    const acme = await newAccount();
    const secrets = ['hunter2-password-value', 's3cr3t-header-value', 'basic-pass-word-xyz'];
    await call(login.POST as never, null, { method: 'POST', path: '/api/auth/login', body: { email: acme.email, password: secrets[0] }, headers: { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' } });
    const created = await call(endpoints.POST as never, acme.apiKey, {
      method: 'POST',
      path: '/api/endpoints',
      body: { name: 'logged', url: 'https://example.com/hook', auth: { login: 'user', password: secrets[2] }, headers: [{ name: 'X-Token', value: secrets[1] }] },
    });
    expect(created.status).toBe(201);
    const bad = await call(endpoints.POST as never, acme.apiKey, { method: 'POST', path: '/api/endpoints', body: { name: '', url: 'not a url', auth: { login: 'u', password: secrets[2] } } });
    expect(bad.status).toBe(422);
    const text = logs.text();
    for (const s of [...secrets, acme.apiKey, acme.email]) expect(text).not.toContain(s);
    expect(requestLines().filter((l) => l.route === '/api/endpoints' && l.method === 'POST').map((l) => l.status)).toEqual(expect.arrayContaining([201, 422]));
    expect(requestLines().some((l) => l.route === '/api/auth/login')).toBe(true);
  });

  it('redact a secret-named field that a caller passes by mistake', () => {
    const mine = captureLogs('info');
    mine.logger.info({ password: 'pw-leak-1', nested: { token: 'tk-leak-2' }, endpointId: 'e1' }, 'oops');
    expect(mine.text()).not.toContain('pw-leak-1');
    expect(mine.text()).not.toContain('tk-leak-2');
    expect(mine.lines()[0]).toMatchObject({ endpointId: 'e1', password: '[redacted]' });
  });

  it('print a human line with HOOKLINE_LOG_FORMAT=pretty', () => {
    let out = '';
    const sink = new Writable({ write: (c, _e, done) => ((out += c.toString()), done()) });
    createLogger({ destination: sink, format: 'pretty', level: 'info' }).info({ route: '/api/health', status: 200 }, 'request');
    expect(out).toMatch(/INFO.*request/);
    expect(out).toContain('route: "/api/health"');
    expect(() => JSON.parse(out)).toThrow();
  });
});
