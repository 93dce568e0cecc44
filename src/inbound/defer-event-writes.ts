import { type AuditStore, type NewAuditEntry, newAuditEntrySchema } from "../store/audit-entry.js";
import { capStoredText } from "../store/cap-stored-text.js";
import { type NewOutboxMessage, newOutboxMessageSchema, type OutboxStore } from "../store/outbox-message.js";
import type { Store } from "../store/store.js";
import { toEpochMs } from "../store/to-epoch-ms.js";
import { validateInput } from "../store/validate-input.js";

/** An event's appends, collected while it is handled (see `eventWriteScopes`); the inbox's effects. */
export interface EventWrites {
  audit: NewAuditEntry[];
  outbox: NewOutboxMessage[];
}

/**
 * The store as one event's handler sees it: audit entries and outbox messages (its answers, the
 * notices it sends) are collected in `writes`, validated as the store would, and written by the
 * inbox in the transaction that marks the event processed (inbox-processor.ts). One commit for the
 * events of a turn instead of one per write, and an event's effects land whole or not at all: a handler that
 * fails half-way, or an event taken over by another instance, leaves no stray audit entry or
 * answer behind, and a second run writes them once.
 *
 * What is deferred is only appended, never read back by the handler that writes it: an audit
 * entry's seq is given at the commit (the entry answered here carries 0), a new message's id too
 * (0 here; a key the store holds already answers its id and `created: false`, as enqueue does).
 * Everything else (progress, requests, cards, prompts) is written at once, as before. `ownKeys`
 * is the prefix of the keys of the event's own answers (start-turn.ts).
 */
export function eventWriteScopes(store: Store): (writes: EventWrites, ownKeys: string) => Store {
  // Bound once: a scope is made for every event.
  const base = bindAll(store);
  const outboxBase = bindAll(store.outbox);
  // The scope inherits the rest from them (a spread of some thirty members would cost more than
  // the event's own commit).
  return (writes, ownKeys) =>
    Object.assign(Object.create(base) as Store, {
      audit: deferredAudit(store, writes),
      outbox: deferredOutbox(store, outboxBase, writes, ownKeys),
    });
}

function deferredAudit(store: Store, writes: EventWrites): AuditStore {
  return {
    async append(entry) {
      const valid = capStoredText(validateInput(newAuditEntrySchema, entry, "audit.append"));
      toEpochMs(valid.at, "audit.append at");
      writes.audit.push(valid);
      return { ...valid, seq: 0 };
    },
    query: (query) => store.audit.query(query),
  };
}

function deferredOutbox(
  store: Store,
  outboxBase: OutboxStore,
  writes: EventWrites,
  ownKeys: string,
): OutboxStore {
  return Object.assign(Object.create(outboxBase) as OutboxStore, {
    async enqueue(message: NewOutboxMessage) {
      const valid = validateInput(newOutboxMessageSchema, message, "outbox.enqueue");
      toEpochMs(valid.notBefore, "outbox.enqueue notBefore");
      if (writes.outbox.some((queued) => queued.idempotencyKey === valid.idempotencyKey))
        return { id: 0, created: false };
      // The event's own answers cannot be held already: its writes are committed with its mark,
      // and a marked event is not handled again. Any other key (a notice) may be.
      const id = valid.idempotencyKey.startsWith(ownKeys)
        ? undefined
        : await store.outbox.findIdByKey(valid.idempotencyKey);
      if (id !== undefined) return { id, created: false };
      writes.outbox.push(valid);
      return { id: 0, created: true };
    },
  });
}

/**
 * Every property of `target` (its own and its class's methods), methods bound to it, as a plain
 * object: a spread alone would miss the methods, which live on the class's prototype.
 */
function bindAll<T extends object>(target: T): T {
  const bound: Record<string, unknown> = {};
  for (let o: object | null = target; o && o !== Object.prototype; o = Object.getPrototypeOf(o))
    for (const name of Object.getOwnPropertyNames(o)) {
      if (name === "constructor" || name in bound) continue;
      const value = (target as Record<string, unknown>)[name];
      bound[name] = typeof value === "function" ? value.bind(target) : value;
    }
  return bound as T;
}
