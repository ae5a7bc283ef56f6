// Group commit: requests that arrive together share one statement. Callers wait one turn of the
// event loop, then up to `maxBatch` of them go to the database at once, with at most `maxInFlight`
// statements running (PGlite runs one at a time). A failed statement is retried in halves, so one
// bad item fails alone and its neighbours still get their answers.

export function createGroupCommit<Item, Outcome>({
  flush,
  maxBatch,
  maxInFlight,
  onFailure,
  rejectItem = (error) => error,
  onFlushed,
}: {
  /** One statement for the batch; returns one outcome per item, in order. */
  flush: (items: Item[]) => Promise<Outcome[]>;
  maxBatch: number;
  maxInFlight: () => number;
  /** Told of a failed batch before it is split (for a log line with the error's kind only). */
  onFailure?: (error: unknown, size: number) => void;
  /** What a lone item's caller is rejected with when its statement fails (default: the error). */
  rejectItem?: (error: unknown) => unknown;
  /** Told of each batch taken from the queue once it is done, with its size and time (for tuning). */
  onFlushed?: (size: number, ms: number) => void;
}) {
  type Waiting = { item: Item; resolve: (o: Outcome) => void; reject: (e: unknown) => void };
  const queue: Waiting[] = [];
  let inFlight = 0;
  let scheduled = false;

  async function flushIsolated(batch: Waiting[]): Promise<void> {
    try {
      const outcomes = await flush(batch.map((w) => w.item));
      batch.forEach((w, i) => w.resolve(outcomes[i]!));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(rejectItem(error));
      onFailure?.(error, batch.length);
      const half = Math.ceil(batch.length / 2);
      await flushIsolated(batch.slice(0, half));
      await flushIsolated(batch.slice(half));
    }
  }

  function start(batch: Waiting[]) {
    inFlight++;
    const t0 = performance.now();
    flushIsolated(batch)
      .then(() => onFlushed?.(batch.length, performance.now() - t0))
      .finally(() => {
        inFlight--;
        pump();
      });
  }

  function pump() {
    if (scheduled || queue.length === 0 || inFlight >= maxInFlight()) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      while (queue.length > 0 && inFlight < maxInFlight()) start(queue.splice(0, maxBatch));
    });
  }

  return {
    submit(item: Item) {
      return new Promise<Outcome>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        pump();
      });
    },
    /** Graceful shutdown: resolves once every queued and running batch has finished. */
    async drain() {
      while (queue.length > 0 || inFlight > 0) await new Promise((r) => setTimeout(r, 10));
    },
  };
}
