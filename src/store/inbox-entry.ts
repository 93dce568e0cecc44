/**
 * What the inbox keeps of one inbound event: the event as the channel decoded it (opaque to the
 * store, kept whole as JSON) under its dedupe key, e.g. "wecom:7000000001".
 */
export interface InboxEntry {
  key: string;
  event: unknown;
}

/** An entry taken over by `claimStale`: someone accepted it and never marked it processed. */
export interface InboxRow extends InboxEntry {
  /** When the store accepted it (the store's clock), ISO 8601. */
  receivedAt: string;
  /** Leases taken on it so far, this one included (1 after `accept`). */
  attempts: number;
}

export interface InboxAcceptOptions {
  /** How long a processed entry keeps answering "seen" (the dedupe window); unprocessed ones stay. */
  ttlMs: number;
  /** The new entries are leased to `worker` for this long: it processes them right away. */
  leaseMs: number;
  worker: string;
}

/**
 * Store, then acknowledge: a platform event is written here (claim and event in one transaction)
 * before the platform hears 200, and marked processed once the handler has finished. An entry
 * left unprocessed (a crash after the 200) is taken over by `claimStale` once its lease is over,
 * so no acknowledged event is lost and no two instances process one at the same time.
 *
 * Like claims and locks, leases and the dedupe window run on the store's own clock (SQLite: the
 * clock given to the store; Redis: the server's). The inbox is working state: not in dumps,
 * erased by a replacing restore.
 */
export interface InboxStore {
  /**
   * Stores each entry whose key the inbox does not hold, unprocessed and leased to `worker`; all
   * in one transaction. Answers in order: true for a new entry (the caller processes it), false
   * for a key already held (a redelivery). A key repeated within `entries` is new once. Rejects,
   * storing nothing, when the transaction fails; `[]` for no entries.
   */
  accept(entries: readonly InboxEntry[], options: InboxAcceptOptions): Promise<boolean[]>;
  /**
   * Leases up to `limit` unprocessed entries whose lease is over to `worker` for `leaseMs`,
   * counting an attempt on each; oldest first.
   */
  claimStale(options: { limit: number; leaseMs: number; worker: string }): Promise<InboxRow[]>;
  /**
   * Marks each key processed if `worker` still holds it (its lease not taken over since), in one
   * transaction. Answers in order; false for a key taken over, processed already, or unknown.
   */
  markProcessed(keys: readonly string[], worker: string): Promise<boolean[]>;
  /** How many entries wait to be processed. */
  pendingCount(): Promise<number>;
}
