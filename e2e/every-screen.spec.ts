// Every screen under the Content-Security-Policy, in Chromium: no console error, no CSP violation,
// and the page hydrates (its scripts ran with the nonce). The screens are listed from the filesystem
// (app/(admin)/**/page.tsx), so a new page is checked without anyone remembering to add it here.
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { test, expect, type Page, type APIRequestContext } from '@playwright/test';
import { startReceiver, type Receiver } from '../tests/support/receiver';
import { fixtures, signIn, trustedPem } from './fixtures';

const ADMIN = join('app', '(admin)');

function pageFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? pageFiles(join(dir, e.name)) : e.name === 'page.tsx' ? [join(dir, e.name)] : [],
  );
}

/** '/settings/data-export/[id]' for app/(admin)/settings/data-export/[id]/page.tsx (route groups dropped). */
const routeOf = (file: string) =>
  '/' +
  relative(ADMIN, file)
    .split(sep)
    .slice(0, -1)
    .filter((s) => !/^\(.*\)$/.test(s))
    .join('/');

const SCREENS = pageFiles(ADMIN).map(routeOf).sort();

// The app refuses cookie-authenticated mutations without its own Origin (lib/auth/route.ts).
const sameOrigin = () => ({ origin: `http://127.0.0.1:${process.env.E2E_PORT || 3100}` });

/** What MAKE_ID created, deleted after the walk so later specs find the account as it was. */
const made: string[] = [];

/** Real rows for the screens with an [id] segment; a new dynamic screen must add its own here. */
const MAKE_ID: Record<string, (api: APIRequestContext, receiver: Receiver) => Promise<string>> = {
  '/settings/data-export/[id]': async (api) => {
    const res = await api.post('/api/endpoints', { data: { name: `CSP export ${Date.now()}`, url: 'https://example.com/csp' }, headers: sameOrigin() });
    expect(res.status()).toBe(201);
    const id = (await res.json()).endpoint.id;
    made.push(`/api/endpoints/${id}`);
    return id;
  },
  '/automation/webhooks/[id]': async (api, receiver) => {
    const res = await api.post('/api/event-webhooks', {
      data: { name: `CSP webhook ${Date.now()}`, eventType: 'Confirmations', url: `${receiver.url}/csp` },
      headers: sameOrigin(),
    });
    expect(res.status()).toBe(201);
    const id = (await res.json()).webhook.id;
    made.push(`/api/event-webhooks/${id}`);
    return id;
  },
  '/automation/workflows/[id]': (api) => makeWorkflow(api).then((w) => w.id),
  '/automation/workflows/[id]/runs': (api) => makeWorkflow(api).then((w) => w.id),
  // A real run: an active workflow started by an event, waiting in a Delay. No webhook (it would stay in
  // the account's Deleted webhooks, whose empty state e2e/shell.spec.ts looks at) and no message (its SENT
  // activity would tick the home page's "Send activities" step, which e2e/home.spec.ts expects open).
  '/automation/runs/[id]': async (api) => {
    const { globex } = fixtures();
    const email = `csp.run.${Date.now()}@example.test`;
    expect((await api.post('/api/v1/contacts', { headers: { authorization: `Bearer ${globex.apiKey}` }, data: { email } })).status()).toBe(201);
    const eventTypeKey = `cspRun${Date.now()}`;
    const w = await makeWorkflow(api, {
      trigger: { eventTypeKey, filter: null },
      blocks: [{ id: 'e_csp_delay', kind: 'delay', amount: 1, unit: 'hours' }],
    });
    expect((await api.post(`/api/workflows/${w.id}/activate`, { headers: sameOrigin() })).status()).toBe(200);
    const sent = await api.post('/api/v1/events', { headers: { authorization: `Bearer ${globex.apiKey}` }, data: { eventTypeKey, keyValue: 'csp', params: { email } } });
    expect(sent.ok()).toBe(true);
    let runId: string | undefined;
    await expect
      .poll(async () => {
        runId = (await (await api.get(`/api/workflow-runs?workflowId=${w.id}`)).json()).runs?.[0]?.id;
        return runId;
      })
      .toBeTruthy();
    return runId!;
  },
};

/** A workflow (inactive unless the caller activates it), deleted after the walk. */
async function makeWorkflow(api: APIRequestContext, definition: Record<string, unknown> = {}) {
  const res = await api.post('/api/workflows', { data: { name: `CSP workflow ${Date.now()}`, trigger: { eventTypeKey: 'cspScreen', filter: null }, blocks: [], ...definition }, headers: sameOrigin() });
  expect(res.status()).toBe(201);
  const { workflow } = await res.json();
  made.push(`/api/workflows/${workflow.id}`);
  return workflow as { id: string };
}

/** Console errors, uncaught exceptions and CSP violations of a page, as they happen. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`exception: ${e.message}`));
  // Chromium also logs violations to the console; the event catches any it would not.
  void page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`)),
  );
  return problems;
}

let receiver: Receiver;
test.beforeAll(async () => {
  receiver = await startReceiver(() => ({ status: 200 }), { pem: trustedPem() });
});
test.afterAll(async () => receiver.close());

test('the screens are found on disk', () => {
  expect(SCREENS).toEqual(expect.arrayContaining(['/', '/settings', '/settings/sessions', '/audit/webhook-logs', '/settings/data-export/[id]']));
});

test('the login screen works under the CSP, with the security headers', async ({ page }) => {
  const problems = watch(page);
  const res = await page.goto('/login');
  const headers = res!.headers();
  expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['permissions-policy']).toContain('camera=()');
  // The e2e server is plain http: no HSTS (lib/http/security-headers.ts turns it on for https).
  expect(headers['strict-transport-security']).toBeUndefined();
  // The nonce is fresh per request.
  const again = (await page.request.get('/login')).headers()['content-security-policy'];
  expect(again).not.toBe(headers['content-security-policy']);
  // Hydrated: the form validates in the browser before sending anything.
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Enter your password')).toBeVisible();
  expect(problems).toEqual([]);
});

test('every admin screen loads under the CSP without a console error', async ({ page }) => {
  test.setTimeout(30_000 + SCREENS.length * 10_000);
  const { bob } = fixtures();
  await signIn(page, bob);
  const problems = watch(page);
  for (const screen of SCREENS) {
    await test.step(screen, async () => {
      let path = screen;
      if (screen.includes('[')) {
        const make = MAKE_ID[screen];
        expect(make, `add a way to make an id for ${screen} to MAKE_ID`).toBeDefined();
        path = screen.replace(/\[[^\]]+\]/, await make(page.request, receiver));
      }
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(200);
      expect(res?.headers()['content-security-policy'], path).toContain("'nonce-");
      await page.waitForLoadState('networkidle');
      // Hydrated: the account menu is a client component that opens on click.
      await page.getByRole('button', { name: /Account menu/ }).click();
      await expect(page.getByRole('menu')).toBeVisible();
      await page.keyboard.press('Escape');
      expect(problems, path).toEqual([]);
    });
  }
  for (const url of made.splice(0)) expect((await page.request.delete(url, { headers: sameOrigin() })).status(), url).toBe(204);
});
