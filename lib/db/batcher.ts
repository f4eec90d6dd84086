// Natural batching for a statement that many callers of one process run at once (the workflow
// engine's contact reads, token takes and commits): a call joins the batch being gathered; a batch
// goes out at the end of the current turn of the event loop when fewer than `inFlight` are out, and
// while they are out the next batch gathers. So one caller alone waits for nothing but its own round
// trip, and under load one round trip serves everyone who asked meanwhile: the cost per caller falls
// as the load rises, with no timer to tune. (DataLoader batches per tick and caches by key; this needs
// neither the cache nor keys, but the gathering while a batch is out.)

type Waiter<I, O> = { item: I; resolve: (o: O) => void; reject: (err: unknown) => void };

/**
 * A function that answers one item, through `flush(items)` called with up to `max` items at a time.
 * `flush` answers one result per item, in order; an Error among them fails that caller alone, and if
 * `flush` throws, every caller of that batch gets the error.
 */
export function naturalBatcher<I, O>(
  flush: (items: I[]) => Promise<(O | Error)[]>,
  { max = 200, inFlight = 1 }: { max?: number; inFlight?: number } = {},
): (item: I) => Promise<O> {
  let queue: Waiter<I, O>[] = [];
  let out = 0;
  let scheduled = false;

  const pump = () => {
    scheduled = false;
    while (out < inFlight && queue.length > 0) {
      const batch = queue.length <= max ? queue : queue.slice(0, max);
      queue = queue.length <= max ? [] : queue.slice(max);
      out++;
      let results: Promise<(O | Error)[]>;
      try {
        results = flush(batch.map((w) => w.item));
      } catch (err) {
        results = Promise.reject(err);
      }
      results
        .then(
          (outs) => {
            if (outs.length !== batch.length) throw new Error(`A batch of ${batch.length} answered ${outs.length} results`);
            batch.forEach((w, i) => {
              const out = outs[i];
              if (out instanceof Error) w.reject(out);
              else w.resolve(out);
            });
          },
        )
        .catch((err: unknown) => batch.forEach((w) => w.reject(err)))
        .finally(() => {
          out--;
          schedule();
        });
    }
  };
  const schedule = () => {
    if (scheduled || queue.length === 0 || out >= inFlight) return;
    scheduled = true;
    setImmediate(pump);
  };

  return (item: I) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      schedule();
    });
}
