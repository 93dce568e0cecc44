import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Clock } from "../../shared/clock.js";
import type { Logger } from "../../shared/logger.js";
import type { Channel, InboundEvent, SendBudget, SendRequest, SendResult } from "../channel.js";
import { COMMON_LIMITS } from "../channel-limits.js";
import { checkCardUpdate, checkMessage, describeProblem, type MessageProblem } from "../check-message.js";
import type { Card, OutboundMessage } from "../message.js";
import { describeLocalMessage } from "./describe-local-message.js";

/** One message the local channel delivered (a card update has no idempotency key). */
export interface LocalSentMessage {
  /** 1, 2, 3… in the order sent; `platformMessageId` is `local-<n>`. */
  n: number;
  to: string;
  name: string;
  message: OutboundMessage;
  idempotencyKey?: string;
  cardId?: string;
  platformMessageId: string;
  at: string;
  /** Set on a card update (after a click); `message` is then the card as it now looks. */
  update?: true;
  /** A closed card: the label shown in place of its buttons ("已签收"). */
  closedWith?: string;
}

/**
 * Something a person wrote, clicked or sent on the local channel (POST /dev/inbound, the
 * playground), as their chat shows it: after the message numbered `afterSent`.
 */
export interface LocalHeardEvent {
  afterSent: number;
  from: string;
  at: string;
  kind: InboundEvent["kind"];
  /** The text written, or the file's name. */
  text?: string;
  cardId?: string;
  actionKey?: string;
}

/** A send whose idempotency key (for that recipient) had been seen: the platform's duplicate check. */
export interface LocalDuplicate {
  idempotencyKey: string;
  to: string;
  firstPlatformMessageId: string;
  at: string;
}

export type ScriptedFailure = Exclude<SendResult["status"], "sent">;
export type InboundHandler = (event: InboundEvent) => Promise<void> | void;

export interface LocalChannel extends Channel {
  readonly name: "local";
  /**
   * What was sent, oldest first; `since` keeps messages sent at or after it, `after` passes over
   * the first `after` sent (those a caller has seen: the channel keeps every message it sent).
   */
  sent(filter?: { to?: string; since?: Date; after?: number }): LocalSentMessage[];
  duplicates(): LocalDuplicate[];
  /**
   * Notes what a person sent in (before it is handled), for their chat's other side; the function
   * returned takes the note back (the event could not be stored).
   */
  noteHeard(event: InboundEvent): () => void;
  /** What people sent in, oldest first; `from` keeps one person's (their id as they wrote it). */
  heard(filter?: { from?: string }): LocalHeardEvent[];
  /** The next `times` sends to `personId` fail with `status` (every send when `times` is omitted). */
  failFor(
    personId: string,
    status: ScriptedFailure,
    options?: { times?: number; retryAfterMs?: number },
  ): void;
  clearFailures(): void;
  /** Hands an inbound event to the handler and resolves once it has finished. */
  receive(event: InboundEvent): Promise<void>;
  /**
   * Keeps a file "sent" to the channel (POST /dev/inbound) and answers the ref a file event
   * carries, as a platform keeps an upload behind a media id. In memory, the last few only.
   */
  keepFile(bytes: Buffer): string;
  setInboundHandler(handler: InboundHandler | undefined): void;
}

export interface LocalChannelOptions {
  clock: Clock;
  logger: Logger;
  /** Sending limits to declare, so that tests can check the dispatcher keeps within them. */
  budgets?: readonly SendBudget[];
  onInbound?: InboundHandler;
  /** Waits this long after recording each message, like a platform slow to acknowledge. */
  latencyMs?: number;
  /** Sends the "platform" saw before this process started (a restart after a crash). */
  alreadySent?: readonly { idempotencyKey: string; to: string; platformMessageId: string }[];
  /**
   * Declared as the channel's duplicate window, as a platform that drops copies would (tests of
   * re-sends after a crash; the channel recognises a repeated key whatever the window). Absent
   * by default: the local channel forgets everything at a restart.
   */
  duplicateWindowMs?: number;
}

/** How many files the local channel keeps for fetchFile; older ones are gone, as expired media are. */
const KEPT_FILES = 20;

/** The in-process channel: what tests use and what `npm start` runs with no platform configured. */
export function createLocalChannel(options: LocalChannelOptions): LocalChannel {
  const logger = options.logger.child({ channel: "local" });
  const records: LocalSentMessage[] = [];
  const heardEvents: LocalHeardEvent[] = [];
  const duplicates: LocalDuplicate[] = [];
  const firstIds = new Map<string, string>();
  for (const seen of options.alreadySent ?? [])
    firstIds.set(dedupeKey(seen.idempotencyKey, seen.to), seen.platformMessageId);
  const failures = new Map<string, { status: ScriptedFailure; left: number; retryAfterMs: number }>();
  let inbound = options.onInbound;
  const files = new Map<string, Buffer>();

  const record = (entry: Omit<LocalSentMessage, "n" | "platformMessageId" | "at">): LocalSentMessage => {
    const n = records.length + 1;
    const sent = { ...entry, n, platformMessageId: `local-${n}`, at: options.clock.now().toISOString() };
    records.push(sent);
    logger.info(describeLocalMessage(entry.name, entry.message), {
      to: entry.to,
      platformMessageId: sent.platformMessageId,
      ...(entry.idempotencyKey ? { idempotencyKey: entry.idempotencyKey } : {}),
      ...(entry.closedWith ? { closedWith: entry.closedWith } : {}),
    });
    return sent;
  };

  const scripted = (personId: string): SendResult | undefined => {
    const failure = failures.get(personId);
    if (failure === undefined) return undefined;
    if (--failure.left <= 0) failures.delete(personId);
    const reason = `scripted ${failure.status}`;
    return failure.status === "rate-limited"
      ? { status: failure.status, retryAfterMs: failure.retryAfterMs, reason }
      : { status: failure.status, reason };
  };

  // The local channel refuses what any platform would (check-message.ts), so a test or a demo
  // on it cannot pass with a message WeCom or DingTalk would refuse.
  const refuse = (problem: MessageProblem, details: Record<string, unknown>): SendResult => {
    logger.warn("message refused: no platform could show it", { problem, ...details });
    return { status: "permanent-error", reason: describeProblem(problem) };
  };

  /** The card `cardId` as last shown to `personId`, for a close to keep its content. */
  const lastCard = (cardId: string, personId: string): Card | undefined => {
    const shown = records.findLast((r) => r.cardId === cardId && r.to === personId);
    return shown?.message.kind === "card" ? shown.message.card : undefined;
  };

  async function send(request: SendRequest): Promise<Map<string, SendResult>> {
    const results = new Map<string, SendResult>();
    const problem = checkMessage(request.message, request.cardId);
    if (problem) {
      const refused = refuse(problem, { idempotencyKey: request.idempotencyKey });
      for (const recipient of request.recipients) results.set(recipient.personId, refused);
      return results;
    }
    for (const recipient of request.recipients) {
      const key = dedupeKey(request.idempotencyKey, recipient.personId);
      const first = firstIds.get(key);
      if (first !== undefined) {
        const at = options.clock.now().toISOString();
        duplicates.push({
          idempotencyKey: request.idempotencyKey,
          to: recipient.personId,
          firstPlatformMessageId: first,
          at,
        });
        logger.warn("duplicate send recognised by its idempotency key", { to: recipient.personId, first });
        results.set(recipient.personId, { status: "sent", platformMessageId: first });
        continue;
      }
      const failure = scripted(recipient.personId);
      if (failure !== undefined) {
        results.set(recipient.personId, failure);
        continue;
      }
      const sent = record({
        to: recipient.personId,
        name: recipient.name,
        message: request.message,
        idempotencyKey: request.idempotencyKey,
        ...(request.cardId !== undefined ? { cardId: request.cardId } : {}),
      });
      firstIds.set(key, sent.platformMessageId);
      results.set(recipient.personId, { status: "sent", platformMessageId: sent.platformMessageId });
    }
    if (options.latencyMs) await sleep(options.latencyMs);
    return results;
  }

  return {
    name: "local",
    budgets: options.budgets ?? [],
    limits: COMMON_LIMITS,
    ...(options.duplicateWindowMs !== undefined ? { duplicateWindowMs: options.duplicateWindowMs } : {}),
    send,
    async updateCard({ cardId, recipient, update }) {
      const problem = checkCardUpdate(cardId, update);
      if (problem) return refuse(problem, { cardId });
      // A closed card keeps what it showed; its buttons give way to the label.
      const card =
        update.kind === "replace"
          ? update.card
          : { ...(lastCard(cardId, recipient.personId) ?? { title: update.label, fields: [] }), buttons: [] };
      const sent = record({
        to: recipient.personId,
        name: recipient.name,
        message: { kind: "card", card },
        cardId,
        update: true,
        ...(update.kind === "close" ? { closedWith: update.label } : {}),
      });
      return { status: "sent", platformMessageId: sent.platformMessageId };
    },
    async fetchFile(ref, { maxBytes }) {
      const bytes = files.get(ref);
      if (bytes === undefined) return { ok: false, problem: "gone", reason: `no file kept under ${ref}` };
      if (bytes.length > maxBytes)
        return { ok: false, problem: "too-large", reason: `${bytes.length} bytes, over ${maxBytes}` };
      return { ok: true, bytes };
    },
    keepFile(bytes) {
      const ref = `local-file-${randomUUID()}`;
      files.set(ref, bytes);
      for (const oldest of files.keys()) {
        if (files.size <= KEPT_FILES) break;
        files.delete(oldest);
      }
      return ref;
    },
    sent(filter = {}) {
      // `duban simulate` asks after each of a year's dispatch rounds for what is new: a copy of
      // that alone, without a test per record.
      const unseen = records.slice(filter.after ?? 0);
      if (filter.to === undefined && filter.since === undefined) return unseen;
      const since = filter.since?.getTime();
      return unseen.filter(
        (r) =>
          (filter.to === undefined || r.to === filter.to) &&
          (since === undefined || Date.parse(r.at) >= since),
      );
    },
    duplicates: () => [...duplicates],
    noteHeard(event) {
      const note: LocalHeardEvent = {
        afterSent: records.length,
        from: event.from,
        at: event.at,
        kind: event.kind,
        ...(event.kind === "text" ? { text: event.text } : {}),
        ...(event.kind === "file" ? { text: event.fileName } : {}),
        ...(event.kind === "card-action" ? { cardId: event.cardId, actionKey: event.actionKey } : {}),
      };
      heardEvents.push(note);
      return () => {
        const at = heardEvents.lastIndexOf(note);
        if (at >= 0) heardEvents.splice(at, 1);
      };
    },
    heard: (filter = {}) => heardEvents.filter((e) => filter.from === undefined || e.from === filter.from),
    failFor(personId, status, { times = Number.POSITIVE_INFINITY, retryAfterMs = 60_000 } = {}) {
      failures.set(personId, { status, left: times, retryAfterMs });
    },
    clearFailures: () => failures.clear(),
    async receive(event) {
      if (inbound === undefined) {
        logger.warn("inbound event dropped: no handler is set", { kind: event.kind, eventId: event.eventId });
        return;
      }
      await inbound(event);
    },
    setInboundHandler(handler) {
      inbound = handler;
    },
  };
}

function dedupeKey(idempotencyKey: string, personId: string): string {
  return `${idempotencyKey}\u0000${personId}`;
}
