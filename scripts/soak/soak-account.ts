import type { OutboxMessage } from "../../src/store/outbox-message.js";
import type { Store } from "../../src/store/store.js";
import type { FakeWecomSend } from "../../test/helpers/fake-wecom-server.js";
import type { TrafficLog } from "./soak-traffic.js";

export interface SoakAccount {
  callbacks: {
    acknowledged: number;
    /** Acknowledged, and every answer the service queued for it reached WeCom. */
    answered: number;
    /** Acknowledged and never answered, or an answer not delivered: lost. */
    lost: number;
    /** Acknowledged events the inbox still holds unprocessed at the end. */
    unprocessed: number;
    /** Answers per acknowledged callback at WeCom: how many callbacks had 1, 2… (each its own message). */
    answersPerCallback: Record<string, number>;
    /** Never acknowledged (three answers other than 200): WeCom would retry; not lost, listed apart. */
    notAcknowledged: number;
  };
  duplicates: {
    delivered: number;
    /** The inbox's own count of redeliveries it recognised (duban_inbound_events_total{outcome="duplicate"}). */
    absorbedByInbox: number;
    /** Events the inbox took as new beyond the callbacks posted: a redelivery processed a second time. */
    processedTwice: number;
    /** Sends at WeCom no outbox message accounts for: a message sent a second time. */
    extraSends: number;
    /** Of those, identical to an earlier send within WeCom's duplicate check: WeCom drops them. */
    extraAbsorbedByWecom: number;
    unabsorbed: number;
    /**
     * Different messages (each its own outbox row) whose WeCom request repeats an earlier one to the
     * same person within the duplicate check's interval: real WeCom would drop them, though nothing
     * was sent twice (the same answer to the same question, asked again within 30 minutes).
     */
    distinctButIdentical: number;
  };
  /** Everything the service queued by itself (reminders, notices): not answers to a callback. */
  planned: {
    total: number;
    delivered: number;
    /** Not due yet when the run ended (a reminder held for the morning, a day off). */
    notYetDue: number;
    /** Due, and neither sent nor dead at the end. */
    overdue: number;
    dead: number;
  };
  deadLetters: number;
  wecomSends: number;
  /** Images and files uploaded before their message (the digests' charts). */
  wecomUploads: number;
}

const ANSWER_KEY = /^answer\/[^/]+\/(.+)\/\d+$/;

/**
 * Matches what the soak posted, what the service's outbox holds and what reached the fake WeCom
 * API. A sent message names the send it was (its platformMessageId is the fake's msgid, `msg-<n>`
 * for the n-th send), so a send that no message accounts for is a message sent a second time.
 */
export async function accountSoak(input: {
  store: Store;
  traffic: TrafficLog;
  sends: readonly FakeWecomSend[];
  uploads: number;
  /** duban_inbound_events_total for wecom, by outcome, read before the service stopped. */
  inbound: Record<string, number>;
  /** The service's clock when it stopped: what was not due by then is not late. */
  demoEnd: Date;
}): Promise<SoakAccount> {
  const { store, traffic, sends } = input;
  const rows: OutboxMessage[] = [];
  for (const status of ["pending", "claimed", "failed", "sent", "dead"] as const)
    rows.push(...(await store.outbox.list({ status, limit: 10_000_000 })));

  const referenced = new Set<number>();
  const delivered = (row: OutboxMessage): boolean => {
    if (row.status !== "sent" || !row.platformMessageId) return false;
    const account = row.recipient.replace(/^wecom:/, "").toLowerCase();
    let ok = true;
    for (const msgid of row.platformMessageId.split(",")) {
      const index = Number(/^msg-(\d+)$/.exec(msgid)?.[1]) - 1;
      const send = sends[index];
      if (!send || send.touser.toLowerCase() !== account) ok = false;
      else referenced.add(index);
    }
    return ok;
  };

  const answersByEvent = new Map<string, OutboxMessage[]>();
  const planned: OutboxMessage[] = [];
  for (const row of rows) {
    const event = ANSWER_KEY.exec(row.idempotencyKey)?.[1];
    if (event === undefined) planned.push(row);
    else answersByEvent.set(event, [...(answersByEvent.get(event) ?? []), row]);
  }

  let acknowledged = 0;
  let answered = 0;
  let notAcknowledged = 0;
  const answersPerCallback: Record<string, number> = {};
  for (const [eventId, posted] of traffic.callbacks) {
    if (!posted.acknowledged) {
      notAcknowledged += 1;
      continue;
    }
    acknowledged += 1;
    const answers = answersByEvent.get(eventId) ?? [];
    const allDelivered = answers.length > 0 && answers.map(delivered).every(Boolean);
    if (allDelivered) answered += 1;
    const label = String(answers.length);
    answersPerCallback[label] = (answersPerCallback[label] ?? 0) + 1;
  }

  const demoEndMs = input.demoEnd.getTime();
  let plannedDelivered = 0;
  let notYetDue = 0;
  let overdue = 0;
  for (const row of planned) {
    if (delivered(row)) plannedDelivered += 1;
    else if (row.status === "dead") continue;
    else if (Date.parse(row.dueAt) > demoEndMs) notYetDue += 1;
    else overdue += 1;
  }
  // Answers to callbacks the soak did not post (none expected) are still matched to their sends.
  for (const [, answers] of answersByEvent) for (const row of answers) delivered(row);

  const extra = sends.map((send, index) => ({ send, index })).filter(({ index }) => !referenced.has(index));
  const firstCopy = new Map<string, FakeWecomSend>();
  for (const [index, send] of sends.entries())
    if (referenced.has(index) && !firstCopy.has(JSON.stringify(send.body)))
      firstCopy.set(JSON.stringify(send.body), send);
  const extraAbsorbed = extra.filter(({ send }) => {
    const earlier = firstCopy.get(JSON.stringify(send.body));
    if (earlier?.body.enable_duplicate_check !== 1) return false;
    const intervalMs = Number(earlier.body.duplicate_check_interval ?? 1800) * 1000;
    return Math.abs(send.at - earlier.at) <= intervalMs;
  }).length;

  // Sends each of its own message, identical to an earlier such send within that send's interval.
  let distinctButIdentical = 0;
  const lastReferenced = new Map<string, FakeWecomSend>();
  for (const [index, send] of sends.entries()) {
    if (!referenced.has(index)) continue;
    const key = JSON.stringify(send.body);
    const earlier = lastReferenced.get(key);
    const intervalMs = Number(earlier?.body.duplicate_check_interval ?? 1800) * 1000;
    if (earlier?.body.enable_duplicate_check === 1 && send.at - earlier.at <= intervalMs)
      distinctButIdentical += 1;
    else lastReferenced.set(key, send);
  }

  const newAcknowledged = acknowledged;
  const processedTwice = Math.max(0, (input.inbound.accepted ?? 0) - newAcknowledged);
  const dead = rows.filter((row) => row.status === "dead").length;
  return {
    callbacks: {
      acknowledged,
      answered,
      lost: acknowledged - answered,
      unprocessed: await store.inbox.pendingCount(),
      answersPerCallback,
      notAcknowledged,
    },
    duplicates: {
      delivered: traffic.duplicates,
      absorbedByInbox: input.inbound.duplicate ?? 0,
      processedTwice,
      extraSends: extra.length,
      extraAbsorbedByWecom: extraAbsorbed,
      unabsorbed: processedTwice + extra.length - extraAbsorbed,
      distinctButIdentical,
    },
    planned: {
      total: planned.length,
      delivered: plannedDelivered,
      notYetDue,
      overdue,
      dead: planned.filter((row) => row.status === "dead").length,
    },
    deadLetters: dead,
    wecomSends: sends.length,
    wecomUploads: input.uploads,
  };
}
