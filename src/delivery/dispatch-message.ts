import type { Channel, ChannelName, SendResult } from "../channels/channel.js";
import type { Recipient } from "../channels/message.js";
import type { OutboxMessage, OutboxStore } from "../store/outbox-message.js";
import { message as wording } from "../templates/template-store.js";
import { type AttemptTally, readTally, reasonOf, writeTally } from "./attempt-tally.js";
import type { DispatcherOptions } from "./create-dispatcher.js";
import { outboxPayloadSchema } from "./outbox-payload.js";
import { retryDelayMs } from "./retry-delay.js";
import type { SendingWindow } from "./sending-window.js";
import { takeBudgets } from "./take-budgets.js";

/** Everything one dispatch needs, with the dispatcher's defaults filled in; built once. */
export interface DispatchDeps
  extends Pick<DispatcherOptions, "channels" | "recipients" | "clock" | "logger" | "worker">,
    Required<
      Pick<DispatcherOptions, "maxAttempts" | "maxDeferrals" | "backoff" | "random" | "onDead" | "ledger">
    > {
  outbox: OutboxStore;
  window: SendingWindow;
  /** Per budget key, when the next message it held back may come back (this process's view). */
  queueEnds: Map<string, number>;
}

export type DispatchOutcome = "sent" | "retried" | "deferred-quiet" | "deferred-budget" | "dead";

/** One dispatchDue batch: when it was claimed, and whether the sending window was open then. */
export interface DispatchRound {
  now: Date;
  open: boolean;
}

/** Sends one claimed message, or defers, retries or dead-letters it, and records which in the outbox. */
export async function dispatchMessage(
  deps: DispatchDeps,
  claimed: OutboxMessage,
  round: DispatchRound,
): Promise<DispatchOutcome> {
  const tally = readTally(claimed);
  // `failures` counts this claim's send when it failed; onDead sees the message as now stored.
  const dead = async (reason: string, failures = tally.failures): Promise<DispatchOutcome> => {
    const lastError = writeTally(reason, { failures, deferrals: tally.deferrals });
    await deps.outbox.markDead(claimed.id, { error: lastError });
    deps.logger.error("message dead-lettered", { id: claimed.id, key: claimed.idempotencyKey, reason });
    await deps.onDead({ ...claimed, status: "dead", lastError }, reason);
    return "dead";
  };
  const retryAt = async (at: Date, reason: string, next: AttemptTally): Promise<void> => {
    const error = writeTally(reason, next);
    const applied = await deps.outbox.markFailed(claimed.id, {
      error,
      retryAt: at.toISOString(),
      worker: deps.worker,
    });
    if (!applied) deps.logger.warn("lease lost before the outcome was recorded", { id: claimed.id });
  };

  const payload = outboxPayloadSchema.safeParse(claimed.payload);
  if (!payload.success) return dead(wording("delivery", "unreadablePayload"));
  const channel = deps.channels.get(claimed.channel as ChannelName);
  if (channel === undefined) return dead(wording("delivery", "noChannel", { channel: claimed.channel }));
  const recipient = deps.recipients(claimed.recipient);
  if (recipient === undefined)
    return dead(wording("delivery", "unknownRecipient", { recipient: claimed.recipient }));
  if (tally.failures >= deps.maxAttempts) return dead(tooManyFailures(tally.failures, claimed.lastError));
  if (tally.deferrals >= deps.maxDeferrals)
    return dead(wording("delivery", "tooManyDeferrals", { deferrals: tally.deferrals }));

  const { immediate, message, cardId } = payload.data;
  const deferred = { failures: tally.failures, deferrals: tally.deferrals + 1 };
  if (!immediate && !round.open) {
    await retryAt(deps.window.place(round.now), wording("delivery", "deferredQuietHours"), deferred);
    return "deferred-quiet";
  }
  // The budget is taken at the moment of sending, not at the batch's start: that is what the
  // platform counts.
  const budget = await takeBudgets(
    deps.ledger,
    channel.name,
    channel.budgets,
    recipient.personId,
    deps.clock.now(),
  );
  if (!budget.ok) {
    // Messages held back by the same budget queue up behind each other at the budget's pace, so
    // they do not all come back at once only to be deferred again.
    const slot = Math.max(budget.retryAt.getTime(), deps.queueEnds.get(budget.key) ?? 0);
    deps.queueEnds.set(budget.key, slot + budget.budget.windowMs / budget.budget.limit);
    const at = new Date(slot);
    const reason = wording("delivery", "deferredBudget", { budget: budget.budget.name });
    await retryAt(immediate ? at : deps.window.place(at), reason, deferred);
    return "deferred-budget";
  }

  const result = await sendSafely(channel, recipient, claimed.idempotencyKey, message, cardId);
  switch (result.status) {
    case "sent":
      await deps.outbox.markSent(claimed.id, {
        platformMessageId: result.platformMessageId,
        at: deps.clock.now().toISOString(),
      });
      return "sent";
    case "invalid-recipient":
    case "permanent-error":
      return dead(result.reason, tally.failures + 1);
    case "rate-limited":
    case "transient-error": {
      const failures = tally.failures + 1;
      if (failures >= deps.maxAttempts) return dead(tooManyFailures(failures, result.reason), failures);
      const minimum = result.status === "rate-limited" ? result.retryAfterMs : 0;
      const at = new Date(
        round.now.getTime() + Math.max(minimum, retryDelayMs(failures, deps.random, deps.backoff)),
      );
      await retryAt(immediate ? at : deps.window.place(at), result.reason, {
        failures,
        deferrals: tally.deferrals,
      });
      deps.logger.warn("send failed; will retry", {
        id: claimed.id,
        failures,
        retryAfter: at,
        reason: result.reason,
      });
      return "retried";
    }
  }
}

/** A channel must not throw for a platform answer; if it does anyway, the send is retried. */
async function sendSafely(
  channel: Channel,
  recipient: Recipient,
  idempotencyKey: string,
  message: Parameters<Channel["send"]>[0]["message"],
  cardId: string | undefined,
): Promise<SendResult> {
  try {
    const results = await channel.send({
      idempotencyKey,
      recipients: [recipient],
      message,
      ...(cardId !== undefined ? { cardId } : {}),
    });
    return (
      results.get(recipient.personId) ?? {
        status: "transient-error",
        reason: wording("delivery", "sendFailed", { detail: "no result for the recipient" }),
      }
    );
  } catch (error) {
    return {
      status: "transient-error",
      reason: wording("delivery", "sendFailed", { detail: (error as Error).message }),
    };
  }
}

function tooManyFailures(attempts: number, last: string | undefined): string {
  return wording("delivery", "tooManyFailures", { attempts, last: last === undefined ? "" : reasonOf(last) });
}
