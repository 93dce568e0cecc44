/**
 * The store's `claimMany`: `claimOnce(key, ttlMs)` for every key, answered in order and made
 * durable together (one SQLite transaction, one Redis round trip). A key repeated within `keys`
 * is true at most once, exactly as if the calls had been made one after the other.
 */
export type ClaimMany = (keys: readonly string[], ttlMs: number) => Promise<readonly boolean[]>;

/**
 * A `claimOnce` for one TTL that hands every claim made within one turn of the event loop to a
 * single `claimMany`. On SQLite each claim is otherwise its own IMMEDIATE transaction and WAL
 * commit, the largest cost of a callback after its acknowledgement (docs/wecom.md, Performance);
 * under load the callbacks of one turn share one. A lone claim waits one setImmediate, no more.
 * When the batch fails, every claim in it rejects, as each claimOnce would have.
 */
export function batchClaims(
  claimMany: ClaimMany,
  ttlMs: number,
  maxBatch = 256,
): (key: string) => Promise<boolean> {
  type Waiting = { key: string; resolve(claimed: boolean): void; reject(error: unknown): void };
  let waiting: Waiting[] = [];

  const flush = async (): Promise<void> => {
    const batch = waiting;
    waiting = [];
    if (batch.length === 0) return;
    try {
      const claimed = await claimMany(
        batch.map((claim) => claim.key),
        ttlMs,
      );
      if (claimed.length !== batch.length) {
        throw new Error(`claimMany answered ${claimed.length} of ${batch.length} keys`);
      }
      batch.forEach((claim, i) => {
        claim.resolve(claimed[i] === true);
      });
    } catch (error) {
      for (const claim of batch) claim.reject(error);
    }
  };

  return (key) =>
    new Promise<boolean>((resolve, reject) => {
      waiting.push({ key, resolve, reject });
      if (waiting.length === 1) setImmediate(() => void flush());
      else if (waiting.length >= maxBatch) void flush();
    });
}
