import type { ChannelName } from "../channels/channel.js";
import type { OutboundMessage, Recipient } from "../channels/message.js";
import type { Clock } from "../shared/clock.js";
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

export interface DeadLetterNotifierOptions {
  outbox: Pick<OutboxStore, "enqueue">;
  /** The office's admins, read at each notice so a directory reload is seen. */
  admins: () => readonly Recipient[];
  /** For the recipient's name in the notice. */
  recipients: (personId: string) => Recipient | undefined;
  clock: Clock;
  logger: Logger;
  /** Where notices go; by default the dead message's own channel. */
  channel?: ChannelName;
}

const NOTICE_KIND = "dead-letter-notice";

/**
 * The default dead-letter handler: a notice to each admin, through the outbox like any message
 * (so it survives a crash and keeps quiet hours). Its idempotency key names the dead message, so
 * the admins hear about it once however often this runs. A notice that dies itself is only logged.
 */
export function createDeadLetterNotifier(options: DeadLetterNotifierOptions): DeadLetterHandler {
  return async (dead, reason, failures = dead.attempts) => {
    const parsed = outboxPayloadSchema.safeParse(dead.payload);
    if (parsed.success && parsed.data.meta?.kind === NOTICE_KIND) {
      options.logger.error("a dead-letter notice to an admin could not be delivered", {
        id: dead.id,
        reason,
      });
      return;
    }
    const text = wording("delivery", "deadLetterNotice", {
      recipient: options.recipients(dead.recipient)?.name ?? dead.recipient,
      summary: parsed.success ? summarize(parsed.data.message) : `#${dead.id}`,
      reason,
      failures,
      channel: dead.channel,
      id: dead.id,
    });
    const now = options.clock.now().toISOString();
    const admins = options.admins();
    if (admins.length === 0)
      options.logger.warn("a message was dead-lettered and there is no admin to tell", { id: dead.id });
    for (const admin of admins) {
      const payload: OutboxPayload = {
        message: { kind: "text", text },
        meta: { kind: NOTICE_KIND, deadId: dead.id },
      };
      await options.outbox.enqueue({
        idempotencyKey: `dead-letter/${dead.idempotencyKey}/${admin.personId}`,
        channel: options.channel ?? dead.channel,
        recipient: admin.personId,
        payload,
        notBefore: now,
        createdAt: now,
      });
    }
  };
}

/** A few words that identify the message for the admins. */
function summarize(message: OutboundMessage): string {
  const full =
    message.kind === "text" ? message.text : message.kind === "card" ? message.card.title : message.title;
  const line = full.replace(/\s+/g, " ").trim();
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}
