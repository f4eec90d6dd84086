// A delivery worker that freezes itself (SIGSTOP) inside its first transaction, right after it has
// locked an endpoint row: what a long GC pause or a network partition does to a real worker. Run by
// tests/delivery/ingest-isolation.test.ts as a child process (node --import tsx).
import pg from 'pg';

type Query = (...args: unknown[]) => unknown;
const original = pg.Client.prototype.query as unknown as Query;
let frozen = false;
(pg.Client.prototype as unknown as { query: Query }).query = function (this: pg.Client & { inTx?: boolean }, ...args: unknown[]) {
  const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string } | undefined)?.text;
  const result = original.apply(this, args);
  if (text === 'BEGIN') this.inTx = true;
  else if (!frozen && this.inTx && text?.includes('UPDATE endpoints') && result instanceof Promise) {
    frozen = true;
    return result.then((r) => {
      process.kill(process.pid, 'SIGSTOP'); // holds the row lock, idle in transaction, until SIGCONT
      return r;
    });
  }
  return result;
};

const { startWorker } = await import('@/lib/delivery/worker');
startWorker();
