// A delivery worker that freezes itself (SIGSTOP) while its database session holds an endpoint row lock
// inside an open transaction: what a long GC pause or a network partition does to a real worker. Run by
// tests/delivery/ingest-isolation.test.ts as a child process (node --import tsx).
//
// The engine forms deliveries in ONE statement (lib/delivery/engine.ts), which holds its locks only
// while it runs; to freeze at the worst moment, the first statement that forms deliveries (it locks the
// endpoint row and the queue ranges it consumes) is run inside a transaction that is left open. A
// worker that opens a transaction itself is frozen after its first UPDATE of endpoints in it.
import pg from 'pg';

type Query = (...args: unknown[]) => unknown;
const original = pg.Client.prototype.query as unknown as Query;
let frozen = false;
const stop = () => process.kill(process.pid, 'SIGSTOP'); // holds the row locks, idle in transaction, until SIGCONT
/** Runs the query and stops the process once it has answered (promise or callback style, as pg-pool calls it). */
function runThenFreeze(client: pg.Client, args: unknown[]): unknown {
  const cb = args.findIndex((a) => typeof a === 'function');
  if (cb >= 0) {
    const done = args[cb] as (...r: unknown[]) => void;
    args[cb] = (...r: unknown[]) => {
      stop();
      done(...r);
    };
    return original.apply(client, args);
  }
  return (original.apply(client, args) as Promise<unknown>).then((r) => {
    stop();
    return r;
  });
}
(pg.Client.prototype as unknown as { query: Query }).query = function (this: pg.Client & { inTx?: boolean }, ...args: unknown[]) {
  const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string } | undefined)?.text;
  if (!frozen && !this.inTx && text?.includes('INSERT INTO deliveries')) {
    frozen = true;
    void (original.call(this, 'BEGIN') as Promise<unknown>).catch(() => undefined);
    return runThenFreeze(this, args);
  }
  if (text === 'BEGIN') this.inTx = true;
  if (!frozen && this.inTx && text?.includes('UPDATE endpoints')) {
    frozen = true;
    return runThenFreeze(this, args);
  }
  return original.apply(this, args);
};

const { startWorker } = await import('@/lib/delivery/worker');
startWorker();
