/** A store call for many items at once (one transaction), answering each in order. */
export type ManyCall<In, Out> = (items: readonly In[]) => Promise<readonly Out[]>;

/**
 * A one-item function that hands every call made within one turn of the event loop to a single
 * `many` call. On SQLite each write is otherwise its own IMMEDIATE transaction and WAL commit, the
 * largest cost of a callback (docs/wecom.md, Performance); under load the callbacks of one turn
 * share one commit (the inbox's accept, then its markProcessed). A lone call waits one
 * setImmediate, no more. When the batch fails, every call in it rejects, as each alone would have.
 */
export function batchByTurn<In, Out>(many: ManyCall<In, Out>, maxBatch = 256): (item: In) => Promise<Out> {
  type Waiting = { item: In; resolve(answer: Out): void; reject(error: unknown): void };
  let waiting: Waiting[] = [];

  const flush = async (): Promise<void> => {
    const batch = waiting;
    waiting = [];
    if (batch.length === 0) return;
    try {
      const answers = await many(batch.map((call) => call.item));
      if (answers.length !== batch.length) {
        throw new Error(`the batch answered ${answers.length} of ${batch.length} items`);
      }
      batch.forEach((call, i) => {
        call.resolve(answers[i] as Out);
      });
    } catch (error) {
      for (const call of batch) call.reject(error);
    }
  };

  return (item) =>
    new Promise<Out>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (waiting.length === 1) setImmediate(() => void flush());
      else if (waiting.length >= maxBatch) void flush();
    });
}
