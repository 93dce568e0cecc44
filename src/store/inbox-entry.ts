import type { NewAuditEntry } from "./audit-entry.js";
import type { NewOutboxMessage } from "./outbox-message.js";

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
 * What handling one event appends for others to read (its audit entries, its answers and notices),
 * written in the transaction that marks the event processed: all of them or, when the event was
 * taken over or the store fails, none (the event is then handled again, whole). Validated and
 * capped by whoever collected them (inbound/defer-event-writes.ts).
 */
export interface InboxEffects {
  audit: readonly NewAuditEntry[];
  outbox: readonly NewOutboxMessage[];
}

/** One handled event for `markProcessed`: its key, and what its handling wrote. */
export interface InboxCompletion {
  key: string;
  effects?: InboxEffects;
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
   * Marks each entry processed if `worker` still holds it (its lease not taken over since), and
   * writes its effects with it (audit entries appended, outbox messages enqueued as
   * `outbox.enqueue` does: a key already held is left alone), all in one transaction. Answers in
   * order; false, with nothing written for it, for an entry taken over, processed already, or unknown.
   */
  markProcessed(entries: readonly InboxCompletion[], worker: string): Promise<boolean[]>;
  /**
   * `accept(accept, options)` and `markProcessed(processed, options.worker)` in one transaction:
   * what a running service writes in one turn of its event loop (the callbacks just received, the
   * events just handled), for one commit instead of two. Rejects when it fails (SQLite has then
   * written nothing; on Redis one half may have been written, as by that call alone).
   */
  acceptAndMark(
    accept: readonly InboxEntry[],
    processed: readonly InboxCompletion[],
    options: InboxAcceptOptions,
  ): Promise<{ accepted: boolean[]; processed: boolean[] }>;
  /** How many entries wait to be processed. */
  pendingCount(): Promise<number>;
}
