// Group commit for writes that many concurrent workers make one at a time (delivery attempts, job
// completions). Calls that arrive while a batch is being written join the next batch, so eight
// workers finishing together cost one statement and one commit instead of eight, and a lone call
// waits for nothing but the turn of the event loop.

export type WriteMany<I, O> = (items: I[]) => Promise<O[]>;

/**
 * Turns a batch writer into a per-item function. `write` returns one result per item, in order.
 * If a batch of several fails, each item is written on its own, so one bad item fails alone.
 */
export function grouped<I, O>(write: WriteMany<I, O>, maxBatch = 200): (item: I) => Promise<O> {
  const queue: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  let scheduled = false;

  const settle = async (batch: typeof queue) => {
    try {
      const out = await write(batch.map((b) => b.item));
      batch.forEach((b, i) => b.resolve(out[i]));
    } catch (e) {
      if (batch.length === 1) return batch[0].reject(e);
      for (const b of batch) await settle([b]);
    }
  };

  const drain = async () => {
    while (queue.length) await settle(queue.splice(0, maxBatch));
    scheduled = false;
  };

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (scheduled) return;
      scheduled = true;
      setImmediate(() => void drain()); // callers woken by the same I/O join this batch
    });
}
