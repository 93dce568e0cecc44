import type { ChannelName } from "../channels/channel.js";
import { channelLabel } from "../channels/channel-label.js";
import { describeMedia } from "../channels/describe-media.js";
import type { OutboundMessage } from "../channels/message.js";
import { DEFAULT_DELIVERY_SETTINGS } from "../config/delivery-settings.js";
import type { Recipient } from "../directory/recipient.js";
import { type Clock, inBusinessTz } from "../shared/clock.js";
import type { Logger } from "../shared/logger.js";
import type { OutboxMessage, OutboxStore } from "../store/outbox-message.js";
import { message as wording } from "../templates/template-store.js";
import { type OutboxPayload, outboxPayloadSchema } from "./outbox-payload.js";

/**
 * Called once a message is dead-lettered, with the reason in words and how many sends failed
 * (claims whose worker died count; deferrals do not). The message is as stored. Without
 * `failures` (a caller telling about a stored message again), its `attempts` stand in.
 */
export type DeadLetterHandler = (message: OutboxMessage, reason: string, failures?: number) => Promise<void>;

/** A channel that has failed for a while: told once per outage (see track-outages.ts). */
export interface OutageReport {
  channel: string;
  /** When the first failure was seen (ISO). */
  since: string;
  /** The platform's words for it (hint, errcode). */
  detail: string;
  /** Messages waiting for a retry on the channel. */
  held: number;
}

/** The first successful send after an outage that was told. */
export interface RecoveryReport {
  channel: string;
  since: string;
  at: string;
  held: number;
}

/** Everything the dispatcher tells the admins about delivery. */
export interface DeliveryNotifier {
  dead: DeadLetterHandler;
  outage(report: OutageReport): Promise<void>;
  recovered(report: RecoveryReport): Promise<void>;
}

export interface DeadLetterNotifierOptions {
  outbox: Pick<OutboxStore, "enqueue" | "findByKey" | "requeue">;
  /** The office's admins, read at each notice so a directory reload is seen. */
  admins: () => readonly Recipient[];
  /** For the recipient's name in the notice. */
  recipients: (personId: string) => Recipient | undefined;
  clock: Clock;
  logger: Logger;
  /** Where notices go; by default the channel they are about. */
  channel?: ChannelName;
  /** Dead letters within this window make one notice per admin; default 60 min. */
  deadNoticeWindowMs?: number;
}

const RECOVERY_NOTICE_DELAY_MS = 60_000;

/** The `meta.kind` of every notice this module enqueues: a notice about a notice is only logged. */
export const DELIVERY_NOTICE_KINDS = ["dead-letter-notice", "outage-notice", "recovery-notice"] as const;

/**
 * The admins' notices about delivery, through the outbox like any message (so they survive a
 * crash and keep quiet hours). Each idempotency key names what it is about, so the admins hear
 * of it once however often, and on however many instances, this runs:
 * - dead letters: one notice per admin and channel per window (the first message that died in
 *   it, and where to find the others), not one per message in a burst;
 * - outages: one when a channel has failed for a while, one when it works again.
 */
export function createDeliveryNotifier(options: DeadLetterNotifierOptions): DeliveryNotifier {
  const windowMs = options.deadNoticeWindowMs ?? DEFAULT_DELIVERY_SETTINGS.deadNoticeWindowMinutes * 60_000;

  const tell = async (key: string, channel: string, kind: string, text: string, delayMs = 0) => {
    const now = options.clock.now().toISOString();
    const notBefore = new Date(options.clock.now().getTime() + delayMs).toISOString();
    const admins = options.admins();
    if (admins.length === 0) options.logger.warn("no admin to tell about delivery", { notice: kind, key });
    for (const admin of admins) {
      const payload: OutboxPayload = { message: { kind: "text", text }, meta: { kind } };
      await options.outbox.enqueue({
        idempotencyKey: `${key}/${admin.personId}`,
        channel: options.channel ?? channel,
        recipient: admin.personId,
        payload,
        notBefore,
        createdAt: now,
      });
    }
  };

  return {
    async dead(dead, reason, failures = dead.attempts) {
      const parsed = outboxPayloadSchema.safeParse(dead.payload);
      const kind = parsed.success ? parsed.data.meta?.kind : undefined;
      if (DELIVERY_NOTICE_KINDS.some((k) => k === kind)) {
        options.logger.error("a delivery notice to an admin could not be delivered", { id: dead.id, reason });
        return;
      }
      const now = options.clock.now().getTime();
      const window = new Date(now - (now % windowMs)).toISOString();
      const text = wording("delivery", "deadLetterNotice", {
        recipient: options.recipients(dead.recipient)?.name ?? dead.recipient,
        summary: parsed.success ? summarize(parsed.data.message) : `#${dead.id}`,
        reason,
        failures,
        channel: channelLabel(dead.channel),
        id: dead.id,
        minutes: Math.round(windowMs / 60_000),
      });
      await tell(`dead-letters/${dead.channel}/${window}`, dead.channel, "dead-letter-notice", text);
    },
    async outage(report) {
      const text = wording("delivery", "outageNotice", {
        channel: channelLabel(report.channel),
        since: inWords(report.since),
        held: report.held,
        detail: report.detail,
      });
      await tell(`outage/${report.channel}/${report.since}`, report.channel, "outage-notice", text);
    },
    async recovered(report) {
      // The outage notice is most likely still held (it went through the failing channel): it is
      // made due now and the recovery notice a minute later, so that the admins read them in order
      // (two messages claimed in one batch are sent side by side, in no set order).
      for (const admin of options.admins()) {
        const held = await options.outbox.findByKey(
          `outage/${report.channel}/${report.since}/${admin.personId}`,
        );
        if (held?.status === "failed" || held?.status === "pending")
          await options.outbox.requeue(held.id, { at: report.at });
      }
      const text = wording("delivery", "recoveredNotice", {
        channel: channelLabel(report.channel),
        since: inWords(report.since),
        at: inWords(report.at),
        held: report.held,
      });
      const key = `outage-recovered/${report.channel}/${report.since}`;
      await tell(key, report.channel, "recovery-notice", text, RECOVERY_NOTICE_DELAY_MS);
    },
  };
}

/** The dead-letter handler alone (for callers that tell the admins about nothing else). */
export function createDeadLetterNotifier(options: DeadLetterNotifierOptions): DeadLetterHandler {
  return createDeliveryNotifier(options).dead;
}

/** "3月22日 09:05", in the office's time zone. */
function inWords(iso: string): string {
  return inBusinessTz(iso).format("M月D日 HH:mm");
}

function summaryLine(message: OutboundMessage): string {
  switch (message.kind) {
    case "text":
      return message.text;
    case "markdown":
      return message.title;
    case "card":
      return message.card.title;
    default:
      return describeMedia(message);
  }
}

/** A few words that identify the message for the admins. */
function summarize(message: OutboundMessage): string {
  const full = summaryLine(message);
  const line = full.replace(/\s+/g, " ").trim();
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}
