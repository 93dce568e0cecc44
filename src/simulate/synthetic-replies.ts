import type { InboundEvent } from "../channels/channel.js";
import type { LocalSentMessage } from "../channels/local/local-channel.js";

interface PendingReply {
  at: number;
  taskNo: number;
  unit: string;
  cycle: string;
  person: string;
}

const MINUTE = 60_000;

/**
 * Contacts answering reminders in a simulation. For each unit and cycle, at its first reminder:
 * with probability `replyRate` it answers within two days; otherwise, half the time it answers
 * after its overdue notice, and otherwise not at all that cycle. An answer is a chat reply
 * ("52 本期工作按计划推进，完成年度目标的50%。": a reply without any value on a task with indicators
 * is asked back, not recorded) handed to the inbox as the local channel's event, so it takes the
 * production path: inbound dedupe, the reply parser, the report, the confirmation.
 */
export function createSyntheticReplies(options: {
  /** The service's inbox (stored, then handled). */
  receive(event: InboundEvent): Promise<void>;
  replyRate: number;
  random: () => number;
}) {
  const decided = new Map<string, "soon" | "after-overdue" | "never">();
  const pending: PendingReply[] = [];
  let replies = 0;

  const schedule = (sent: LocalSentMessage, delayMs: number) => {
    const [task, unit, cycle] = (sent.idempotencyKey ?? "").split("/");
    pending.push({
      at: Date.parse(sent.at) + delayMs,
      taskNo: Number(task),
      unit: unit ?? "",
      cycle: cycle ?? "",
      person: sent.to,
    });
  };

  return {
    /** Looks at what the local channel just sent and decides who will answer, and when. */
    observe(sent: readonly LocalSentMessage[]): void {
      for (const message of sent) {
        const parts = (message.idempotencyKey ?? "").split("/");
        if (parts.length !== 5 || message.message.kind !== "card") continue;
        const [task, unit, cycle, step] = parts;
        const key = `${task}/${unit}/${cycle}`;
        let fate = decided.get(key);
        if (fate === undefined) {
          const r = options.random();
          fate =
            r < options.replyRate
              ? "soon"
              : r < options.replyRate + (1 - options.replyRate) / 2
                ? "after-overdue"
                : "never";
          decided.set(key, fate);
          if (fate === "soon") schedule(message, (20 + options.random() * 2 * 24 * 60) * MINUTE);
        } else if (fate === "after-overdue" && step === "overdue") {
          decided.set(key, "soon");
          schedule(message, (10 + options.random() * 24 * 60) * MINUTE);
        }
      }
    },
    /** Sends every answer due by `now`. */
    async deliverDue(now: Date): Promise<void> {
      pending.sort((a, b) => a.at - b.at);
      while (pending.length > 0 && (pending[0]?.at ?? Infinity) <= now.getTime()) {
        const reply = pending.shift() as PendingReply;
        replies++;
        await options.receive({
          kind: "text",
          eventId: `simulated-${replies}`,
          channel: "local",
          from: reply.person,
          text: `${reply.taskNo} 本期工作按计划推进，完成年度目标的50%。`,
          at: new Date(reply.at).toISOString(),
        });
      }
    },
    replies: () => replies,
    /** When the next answer is due (epoch ms), or Infinity. */
    nextAt: () => pending.reduce((min, r) => Math.min(min, r.at), Number.POSITIVE_INFINITY),
  };
}
