// An HTTPS receiver whose self-signed certificate the app's outbound client trusts while one test
// file runs (vitest only: Playwright specs use e2e/server.ts's trusted certificate instead).
import { afterAll } from 'vitest';
import { startReceiver, type Handler, type Receiver } from './receiver';

export async function startTrustedReceiver(handler: Handler): Promise<Receiver> {
  const { setExtraCACertificates } = await import('@/lib/http/outbound');
  const receiver = await startReceiver(handler, { tls: true });
  setExtraCACertificates([receiver.cert!]);
  afterAll(async () => {
    setExtraCACertificates(null);
    await receiver.close();
  });
  return receiver;
}
