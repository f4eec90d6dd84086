// Issue 13, "Helping receivers": the Node snippet of the Verify signatures panel (lib/receivers/snippets.ts)
// is RUN, unchanged, as a receiver process, and Hookline's engine delivers a real signed batch to it;
// the snippet must accept it (verified by the standardwebhooks package it imports) and refuse a
// tampered copy and a request signed with another secret.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isolatedDatabase } from '../support/isolated-db';
import { newAccount } from '../support/fixtures';

await isolatedDatabase({ HOOKLINE_ALLOW_PRIVATE_NETWORKS: '1', HOOKLINE_BATCH_LINGER_MS: '20', HOOKLINE_HTTP_TIMEOUT_MS: '5000' });
const { receiverSnippets, SECRET_ENV } = await import('@/lib/receivers/snippets');
const { SIGNATURE_HEADERS } = await import('@/lib/delivery/signature-headers');
const { signatureHeaders } = await import('@/lib/delivery/signing');
const { ingestActivities } = await import('@/lib/activities/service');
const { createEndpoint } = await import('@/lib/endpoints/service');
const { endpointCreateSchema } = await import('@/lib/endpoints/schema');
const { deliverDue } = await import('@/lib/delivery/engine');
const { DEMO_ACTIVITIES } = await import('@/lib/activities/demo-body');
type Activity = import('@/lib/activities/schema').Activity;

// Inside the project, so the snippet's `import 'standardwebhooks'` resolves to the pinned devDependency.
const DIR = path.resolve(__dirname, '../../node_modules/.cache/hookline-receiver-snippet');
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill();
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts the snippet as it is shown, with the secret and port in its environment. */
async function runSnippet(code: string, secret: string) {
  fs.mkdirSync(DIR, { recursive: true });
  const file = path.join(DIR, `receiver-${process.pid}.mjs`);
  fs.writeFileSync(file, code);
  const port = await freePort();
  const child = spawn(process.execPath, [file], { env: { ...process.env, [SECRET_ENV]: secret, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const out = { stdout: '', stderr: '' };
  child.stdout!.on('data', (d) => (out.stdout += String(d)));
  child.stderr!.on('data', (d) => (out.stderr += String(d)));
  const deadline = Date.now() + 10_000;
  while (!out.stdout.includes('Listening')) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`snippet did not start: ${out.stderr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { url: `http://127.0.0.1:${port}/`, out };
}

describe('the Node receiver snippet', () => {
  it('accepts a real signed delivery from the engine and refuses a tampered or foreign one', async () => {
    const acc = await newAccount();
    // The endpoint first (its secret is what the snippet is run with), pointing at the snippet's port.
    const placeholder = 'http://127.0.0.1:9/';
    const { endpoint, signingSecret } = await createEndpoint(acc.account.id, endpointCreateSchema.parse({ name: 'CRM feed', url: placeholder, format: 'array' }));
    const snippet = receiverSnippets({ name: endpoint.name, kind: 'export', format: 'array' }).find((s) => s.language === 'node')!;
    expect(snippet.code).toContain(`'${SIGNATURE_HEADERS.signature}'`);
    const receiver = await runSnippet(snippet.code, signingSecret);
    const { updateEndpoint } = await import('@/lib/endpoints/service');
    await updateEndpoint(acc.account.id, endpoint.id, { url: receiver.url });

    const sent = DEMO_ACTIVITIES.slice(0, 3) as Activity[];
    await ingestActivities(acc.account.id, sent);
    const deadline = Date.now() + 15_000;
    while (!receiver.out.stdout.includes('Verified')) {
      if (Date.now() > deadline) throw new Error(`no verified delivery: ${receiver.out.stderr}`);
      await deliverDue({ budgetMs: 500, owner: 'test' });
      await new Promise((r) => setTimeout(r, 20));
    }
    const line = receiver.out.stdout.split('\n').find((l) => l.startsWith('Verified'))!;
    const [, webhookId, json] = /^Verified (\S+) (.*)$/.exec(line) ?? [line, '', 'null'];
    expect(webhookId).toMatch(/^msg_/);
    expect(JSON.parse(json)).toEqual(sent);

    // A body changed in transit, and a body signed with someone else's secret: 401, nothing handled.
    const body = JSON.stringify(sent);
    const good = signatureHeaders([signingSecret], 'msg_tamper', body);
    const tampered = await fetch(receiver.url, { method: 'POST', headers: { ...good, 'content-type': 'application/json' }, body: body.replace('DELIVERED', 'CLICKED') });
    expect(tampered.status).toBe(401);
    const foreign = signatureHeaders(['whsec_' + Buffer.from('someone else entirely, 24b').toString('base64')], 'msg_foreign', body);
    expect((await fetch(receiver.url, { method: 'POST', headers: foreign, body })).status).toBe(401);
    const genuine = await fetch(receiver.url, { method: 'POST', headers: good, body });
    expect(genuine.status).toBe(204);
    expect(receiver.out.stderr.match(/Refused/g)).toHaveLength(2);
    expect(receiver.out.stdout).toContain('Verified msg_tamper');
  });

  it('names the endpoint, its payload and the signature headers in every language', () => {
    const event = receiverSnippets({ name: 'Opens to CRM', kind: 'event', eventType: 'EmailOpens' });
    expect(event.map((s) => s.language)).toEqual(['node', 'python', 'php', 'go']);
    for (const s of event) {
      expect(s.code, s.language).toContain('Opens to CRM');
      expect(s.code, s.language).toContain('one EmailOpens object');
      for (const h of Object.values(SIGNATURE_HEADERS)) expect(s.code, `${s.language} ${h}`).toContain(h);
      expect(s.code, s.language).toContain(SECRET_ENV);
      expect(s.code, s.language).not.toMatch(/whsec_[A-Za-z0-9+/]{8,}/); // never a secret
    }
    expect(event.find((s) => s.language === 'php')!.code).toContain("$_SERVER['HTTP_WEBHOOK_SIGNATURE']");
    expect(receiverSnippets({ name: 'Feed', kind: 'export', format: 'object' })[0].code).toContain('one activity object per request');
  });
});
