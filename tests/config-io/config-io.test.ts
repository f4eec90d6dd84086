// Config as code against a real PostgreSQL: export an account, import the file into another account,
// export that: the same configuration (secrets included, sealed). Importing again changes nothing new;
// a bad file gets every field error and changes nothing. The CLI commands run as real processes.
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { newAccount } from '../support/fixtures';
import { exportConfig, importConfig, type ConfigFile } from '@/lib/config-io';
import { createConnector } from '@/lib/connectors/service';
import { connectorSchema } from '@/lib/connectors/schema';
import { createEndpoint } from '@/lib/endpoints/service';
import { endpointCreateSchema } from '@/lib/endpoints/schema';
import { createRequestWebhook } from '@/lib/request-webhooks/service';
import { requestWebhookSchema } from '@/lib/templates/schema';
import { decryptSecret, encryptSecret } from '@/lib/crypto/secrets';
import { ApiError } from '@/lib/http/errors';
import { db } from '@/lib/db';
import { activateWorkflow, createWorkflow, listWorkflows } from '@/lib/workflows/service';
import { workflowInputSchema } from '@/lib/workflows/schema';

async function configured() {
  const acme = await newAccount('Staging');
  const id = acme.account.id;
  const connector = await createConnector(id, connectorSchema.parse({ name: 'CRM token', type: 'bearer', token: 'tok-123-secret' }));
  await createEndpoint(id, endpointCreateSchema.parse({ kind: 'laboratory', name: 'Laboratory', url: 'https://lab.example.com/hook', auth: { login: 'lab', password: 'lab-pass-1' } }));
  await createEndpoint(
    id,
    endpointCreateSchema.parse({ name: 'BI export', url: 'https://bi.example.com/in', active: false, statuses: ['SENT', 'CLICKED'], format: 'object', headers: [{ name: 'X-Api-Key', value: 'bi-key-9' }] }),
  );
  // An event webhook as its service stores it (its create runs a live connection test).
  await db().endpoint.create({
    data: { accountId: id, kind: 'event', name: 'Opens', url: 'https://events.example.com/opens', active: true, statuses: [], format: 'object', eventType: 'EmailOpens', signingSecretEnc: encryptSecret('whsec_b3BlbnM=') },
  });
  const promo = await createRequestWebhook(
    id,
    requestWebhookSchema.parse({
      name: 'Promo code',
      method: 'POST',
      url: 'https://shop.example.com/promo?email=${email}',
      passHeaders: true,
      headers: [{ name: 'X-Shop', value: 'acme' }],
      authEnabled: true,
      connectorId: connector.id,
      bodyEnabled: true,
      bodyFormat: 'json',
      body: '{"email":"${email}"}',
    }),
  );
  // An active workflow whose webhook block sends the request webhook above, and an inactive draft.
  const welcome = await createWorkflow(
    id,
    workflowInputSchema.parse({
      name: 'Welcome',
      trigger: { eventTypeKey: 'signup', filter: { param: 'plan', value: 'pro' } },
      blocks: [
        { id: 'b_promo', kind: 'webhook', webhookId: promo.id, email: '${email}', timeoutMs: 5000, onFailure: 'continue' },
        { id: 'b_wait', kind: 'delay', amount: 2, unit: 'days' },
        { id: 'b_msg', kind: 'message', channel: 'email', subject: 'Hi $contact.firstName', body: "<p>Code: $data.get('Promo code').get('code')</p>" },
      ],
    }),
  );
  await activateWorkflow(id, welcome.id);
  await createWorkflow(id, workflowInputSchema.parse({ name: 'Draft', trigger: { eventTypeKey: '' }, blocks: [{ id: 'b_1', kind: 'webhook' }] }));
  return acme;
}

const strip = (f: ConfigFile) => ({ ...f, exportedAt: undefined });
/** Every sealed secret of a file, opened, by its path. */
function openedSecrets(value: unknown, at = ''): Record<string, string> {
  if (Array.isArray(value)) return Object.assign({}, ...value.map((v, i) => openedSecrets(v, `${at}.${i}`)));
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.sealed === 'string') return { [at]: decryptSecret(o.sealed) };
    return Object.assign({}, ...Object.entries(o).map(([k, v]) => openedSecrets(v, `${at}.${k}`)));
  }
  return {};
}

describe('export-config / import-config', () => {
  it('round-trips an account into another one, secrets included, and re-imports idempotently', async () => {
    const staging = await configured();
    const prod = await newAccount('Production');
    const file = await exportConfig(staging.account.id, 'sealed');
    expect(file).toMatchObject({ hookline: 'hookline.config/1', secrets: 'sealed' });
    expect(JSON.stringify(file)).not.toContain('tok-123-secret'); // sealed, never in clear

    const first = await importConfig(prod.account.id, JSON.parse(JSON.stringify(file)));
    expect(first).toEqual({
      connectors: { created: 1, updated: 0 },
      endpoints: { created: 2, updated: 0 },
      eventWebhooks: { created: 1, updated: 0 },
      requestWebhooks: { created: 1, updated: 0 },
      workflows: { created: 2, updated: 0 },
    });
    const again = await exportConfig(prod.account.id, 'sealed');
    // Webhook blocks name their request webhook; in the other account they point at its own one.
    expect((file.workflows as { name: string; active: boolean; blocks: { webhook?: string | null }[] }[]).map((w) => [w.name, w.active, w.blocks[0].webhook])).toEqual([
      ['Draft', false, null],
      ['Welcome', true, 'Promo code'],
    ]);
    const prodHook = await db().requestWebhook.findFirstOrThrow({ where: { accountId: prod.account.id, name: 'Promo code' } });
    const prodWelcome = (await listWorkflows(prod.account.id)).find((w) => w.name === 'Welcome')!;
    expect(prodWelcome).toMatchObject({ active: true, version: 1, problems: [] });
    expect(prodWelcome.blocks[0]).toMatchObject({ kind: 'webhook', webhookId: prodHook.id });
    expect(strip({ ...again, ...stripSecrets(again) })).toEqual(strip({ ...file, ...stripSecrets(file) }));
    expect(openedSecrets(again)).toEqual(openedSecrets(file));
    expect(Object.values(openedSecrets(file))).toEqual(expect.arrayContaining(['tok-123-secret', 'lab-pass-1', 'bi-key-9', 'acme', 'whsec_b3BlbnM=']));
    expect(await exportConfig(prod.account.id, 'omit')).toEqual({ ...(await exportConfig(staging.account.id, 'omit')), exportedAt: expect.any(String) });

    // Again: everything is found by name and updated, nothing created, nothing changes.
    const second = await importConfig(prod.account.id, file);
    expect(Object.values(second).every((c) => c.created === 0 && c.updated > 0)).toBe(true);
    expect(openedSecrets(await exportConfig(prod.account.id, 'sealed'))).toEqual(openedSecrets(file));
    expect((await listWorkflows(prod.account.id)).map((w) => [w.name, w.version])).toEqual([['Draft', 1], ['Welcome', 1]]); // unchanged: no new version

    // A changed definition is a new version; a file that switches a workflow off does.
    const changed = await exportConfig(staging.account.id, 'sealed');
    const welcomeItem = (changed.workflows as { name: string; active: boolean; blocks: { amount?: number }[] }[]).find((w) => w.name === 'Welcome')!;
    welcomeItem.blocks[1].amount = 3;
    welcomeItem.active = false;
    await importConfig(prod.account.id, changed);
    expect((await listWorkflows(prod.account.id)).find((w) => w.name === 'Welcome')).toMatchObject({ active: false, version: 2 });

    // A file without secrets updates what exists and keeps the stored secrets.
    const omitted = await exportConfig(staging.account.id, 'omit');
    (omitted.endpoints as { url: string }[])[1].url = 'https://bi.example.com/v2';
    await importConfig(prod.account.id, omitted);
    const after = await exportConfig(prod.account.id, 'sealed');
    expect((after.endpoints as { url: string }[])[1].url).toBe('https://bi.example.com/v2');
    expect(openedSecrets(after)).toEqual(openedSecrets(file));
  });

  it('answers a bad file with every field error, path-prefixed, and changes nothing', async () => {
    const prod = await newAccount('Production');
    await createEndpoint(prod.account.id, endpointCreateSchema.parse({ name: 'Keep me', url: 'https://keep.example.com/' }));
    const before = await exportConfig(prod.account.id, 'sealed');
    const bad = {
      hookline: 'hookline.config/1',
      connectors: [
        { name: 'New one', type: 'api_key', headerName: 'X-Key' }, // a new connector without its secret
        { name: 'Fine', type: 'bearer', secret: { sealed: encryptSecret('ok-token') } },
      ],
      endpoints: [
        { kind: 'export', name: 'Good export', url: 'https://good.example.com/' }, // valid, and still not created
        { kind: 'export', name: '', url: 'ftp://nope', statuses: ['NOPE'] },
        { kind: 'export', name: 'Forged', url: 'https://x.example.com/', headers: [{ name: 'X-A', value: { sealed: 'v1:forged:x:y' } }] },
      ],
      eventWebhooks: [
        { name: 'A', eventType: 'EmailOpens', url: 'http://insecure.example.com/' },
        { name: 'B', eventType: 'NotAnEvent', url: 'https://b.example.com/' },
      ],
      requestWebhooks: [{ name: 'Uses a ghost', method: 'GET', url: 'https://shop.example.com/', connector: 'Ghost' }],
      workflows: [
        { name: 'Fine', active: false, trigger: { eventTypeKey: 'signup' }, blocks: [{ id: 'b_1', kind: 'webhook', webhook: 'Uses a ghost', email: '${email}' }] },
        { name: 'Ghost hook', active: false, trigger: { eventTypeKey: 'signup' }, blocks: [{ id: 'b_1', kind: 'delay', amount: 1 }, { id: 'b_2', kind: 'webhook', webhook: 'Nope' }] },
        { name: 'Bad template', active: true, trigger: { eventTypeKey: 'signup' }, blocks: [{ id: 'b_1', kind: 'message', body: '#if($x' }] },
        { name: 'Bad delay', active: false, trigger: { eventTypeKey: 'signup' }, blocks: [{ id: 'b_1', kind: 'delay', amount: 0 }] },
      ],
    };
    const err = await importConfig(prod.account.id, bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const fields = (err as ApiError).fields!;
    expect(Object.keys(fields).sort()).toEqual(
      expect.arrayContaining([
        'connectors.0.secret',
        'endpoints.1.name',
        'endpoints.1.url',
        'endpoints.1.statuses.0',
        'endpoints.2.headers.0.value',
        'eventWebhooks.0.url',
        'eventWebhooks.1.eventType',
        'requestWebhooks.0.connector',
        'workflows.1.blocks.1.webhook',
        'workflows.2.blocks.0.body',
        'workflows.3.blocks.0.amount',
      ]),
    );
    expect(fields['workflows.1.blocks.1.webhook']).toEqual(['No request webhook named Nope in this file or the account']);
    expect(Object.keys(fields).some((k) => k.startsWith('endpoints.0') || k.startsWith('connectors.1') || k.startsWith('workflows.0'))).toBe(false);
    expect(await exportConfig(prod.account.id, 'sealed')).toEqual({ ...before, exportedAt: expect.any(String) });

    // Not a config file at all, or an unknown section: said so, nothing changed.
    const notConfig = (await importConfig(prod.account.id, { endpoints: [] }).catch((e: unknown) => e)) as ApiError;
    expect(Object.keys(notConfig.fields!)).toEqual(['hookline']);
    const unknown = (await importConfig(prod.account.id, { hookline: 'hookline.config/1', workflowz: [] }).catch((e: unknown) => e)) as ApiError;
    expect(unknown.fields!._?.[0]).toMatch(/workflowz/);
  });

  it('runs from the command line: export to a file, import into another account, a bad file exits 1 with its errors', async () => {
    const staging = await configured();
    const prod = await newAccount('Production');
    const dir = mkdtempSync(path.join(tmpdir(), 'hookline-config-'));
    const file = path.join(dir, 'staging.json');
    const cli = (...args: string[]) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', ...args], { env: { ...process.env, HOOKLINE_LOG_LEVEL: 'warn' } });
    await cli('export-config', '--account', staging.account.name, '--file', file);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ hookline: 'hookline.config/1', secrets: 'sealed' });
    const { stdout } = await cli('import-config', '--account', prod.account.id, '--file', file);
    expect(stdout).toContain('endpoints: 2 created, 0 updated');
    expect(stdout).toContain('requestWebhooks: 1 created, 0 updated');
    expect(stdout).toContain('workflows: 2 created, 0 updated');
    const omitted = JSON.parse((await cli('export-config', '--account', prod.account.id, '--secrets', 'omit')).stdout) as ConfigFile;
    expect(omitted).toEqual({ ...(await exportConfig(staging.account.id, 'omit')), exportedAt: expect.any(String) });

    const badFile = path.join(dir, 'bad.json');
    writeFileSync(badFile, JSON.stringify({ hookline: 'hookline.config/1', endpoints: [{ kind: 'export', name: 'x', url: 'ftp://x' }] }));
    const failed = (await cli('import-config', '--account', prod.account.id, '--file', badFile).catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('endpoints.0.url:');
  });
});

/** The file with every sealed value replaced by a marker (ciphertexts differ between two seals). */
function stripSecrets(f: ConfigFile): ConfigFile {
  return JSON.parse(JSON.stringify(f), (_k, v: unknown) => (v && typeof v === 'object' && 'sealed' in (v as object) ? 'sealed' : v)) as ConfigFile;
}
