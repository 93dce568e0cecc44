import type { Channel, ChannelName, SendResult } from "../channels/channel.js";
import { canSendMedia } from "../channels/channel-limits.js";
import { mediaAsText } from "../channels/describe-media.js";
import type { Recipient } from "../directory/recipient.js";
import { inBusinessTz } from "../shared/clock.js";
import { compiledSchema } from "../shared/compiled-schema.js";
import type { OutboxMessage, OutboxStore } from "../store/outbox-message.js";
import { message as wording } from "../templates/template-store.js";
import type { ChannelPauses } from "./channel-pauses.js";
import type { DispatcherOptions } from "./create-dispatcher.js";
import { findSuperseding } from "./find-superseding.js";
import { outboxPayloadSchema } from "./outbox-payload.js";
import { retryDelayMs } from "./retry-delay.js";
import type { SendingWindow } from "./sending-window.js";
import { takeBudgets } from "./take-budgets.js";
import type { OutageTracker } from "./track-outages.js";
import type { UnrecordedOutcomes } from "./unrecorded-outcomes.js";

/** Everything one dispatch needs, with the dispatcher's defaults filled in; built once. */
export interface DispatchDeps
  extends Pick<DispatcherOptions, "channels" | "recipients" | "clock" | "logger" | "worker">,
    Required<Pick<DispatcherOptions, "maxDeferrals" | "backoff" | "random" | "onDead" | "ledger">> {
  outbox: OutboxStore;
  /** Failed sends before the dead letter; undefined: no count, only the lifetime. */
  maxAttempts: number | undefined;
  /** How long after its planned time (`notBefore`) a failing message is still retried. */
  lifetimeMs: number;
  /** Told of every send's outcome, for the admins' outage notices; none: not tracked. */
  outages: OutageTracker | undefined;
  window: SendingWindow;
  /** Per budget key, when the next message it held back may come back (this process's view). */
  queueEnds: Map<string, number>;
  /** Channels paused by a channel-wide failure (this process's view). */
  pauses: ChannelPauses;
  /** Outcomes of sends the store could not take: kept to be written before anything else is sent. */
  unrecorded: UnrecordedOutcomes;
}

/** `lost`: the lease ran out and another worker took the message before the outcome was recorded. */
export type DispatchOutcome =
  | "sent"
  | "retried"
  | "deferred-quiet"
  | "deferred-budget"
  | "deferred-channel"
  | "dead"
  | "superseded"
  | "lost"
  /** Sent (or answered), but the store could not take the outcome: it waits in memory. */
  | "unrecorded";

/** One dispatchDue batch: when it was claimed, and whether the sending window was open then. */
export interface DispatchRound {
  now: Date;
  open: boolean;
  /**
   * Set when the store failed during the round: nothing more is sent in it (the messages still
   * claimed return when their leases end), since no outcome could be recorded.
   */
  halted: boolean;
}

/** Sends one claimed message, or defers, retries or dead-letters it, and records which in the outbox. */
export async function dispatchMessage(
  deps: DispatchDeps,
  claimed: OutboxMessage,
  round: DispatchRound,
): Promise<DispatchOutcome> {
  // Every earlier claim that counted was a failed send or a worker that died before recording
  // an outcome: a deferral hands its claim back (outbox.defer), so it is not among the attempts.
  const failures = Math.max(0, claimed.attempts - 1);
  const deferrals = claimed.deferrals ?? 0;
  const { worker } = deps;
  const lost = (): DispatchOutcome => {
    deps.logger.warn("lease lost before the outcome was recorded; the new claim's stands", {
      id: claimed.id,
    });
    return "lost";
  };
  // `failed` counts this claim's send when it failed; onDead sees the message as now stored.
  const dead = async (reason: string, failed = failures): Promise<DispatchOutcome> => {
    if (!(await deps.outbox.markDead(claimed.id, { error: reason, worker }))) return lost();
    deps.logger.error("message dead-lettered", { id: claimed.id, key: claimed.idempotencyKey, reason });
    await deps.onDead({ ...claimed, status: "dead", lastError: reason }, reason, failed);
    return "dead";
  };
  const defer = async (
    until: Date,
    reason: string,
    outcome: DispatchOutcome,
    answered = false,
  ): Promise<DispatchOutcome> =>
    (await deps.outbox.defer(claimed.id, {
      until: until.toISOString(),
      reason,
      worker,
      ...(answered ? { answered } : {}),
    }))
      ? outcome
      : lost();
  /**
   * Records the outcome of a send the platform has answered. When the store cannot take it, the
   * outcome waits in memory (written before anything else is sent) and the round stops: sending
   * the message again would be a duplicate.
   */
  const afterSend = async (
    outcome: string,
    record: () => Promise<DispatchOutcome>,
  ): Promise<DispatchOutcome> => {
    try {
      return await record();
    } catch (error) {
      round.halted = true;
      deps.logger.error("the store failed after a send", { id: claimed.id, outcome, error });
      deps.unrecorded.keep({ id: claimed.id, outcome, write: record });
      return "unrecorded";
    }
  };

  const payload = compiledSchema(outboxPayloadSchema).safeParse(claimed.payload);
  if (!payload.success) return dead(wording("delivery", "unreadablePayload"));
  const channel = deps.channels.get(claimed.channel as ChannelName);
  if (channel === undefined) return dead(wording("delivery", "noChannel", { channel: claimed.channel }));
  const recipient = deps.recipients(claimed.recipient);
  if (recipient === undefined)
    return dead(wording("delivery", "unknownRecipient", { recipient: claimed.recipient }));
  if (deps.maxAttempts !== undefined && failures >= deps.maxAttempts)
    return dead(tooManyFailures(failures, claimed.lastError));
  // A message held back by failures is retried while it is useful, then it expires. Its life
  // starts when it could first go out: a reminder planned for the night starts at the opening.
  const planned = new Date(claimed.notBefore);
  const start = payload.data.immediate ? planned : deps.window.opensAt(planned);
  if (failures > 0 && round.now.getTime() >= start.getTime() + deps.lifetimeMs)
    return dead(expired(deps, claimed.lastError));
  // Deferrals never count as failures, but a message deferred without end (a window that never
  // opens, a budget that never frees) still reaches the dead letter, and the admins hear of it.
  if (deferrals >= deps.maxDeferrals) return dead(wording("delivery", "tooManyDeferrals", { deferrals }));

  // A reminder held back (by failures or deferrals, or revived by `duban outbox retry --dead`,
  // which keeps its last error) that a later step of the ladder has caught up with is dropped,
  // not failed: the later step says it all, and nobody needs to be told. A fresh message is not
  // looked up, so the common case costs no reads.
  if (failures > 0 || deferrals > 0 || claimed.lastError !== undefined) {
    const later = await findSuperseding(deps.outbox, claimed, payload.data.meta);
    if (later !== undefined) {
      const reason = wording("delivery", "superseded", { step: later });
      if (!(await deps.outbox.markDead(claimed.id, { error: reason, worker }))) return lost();
      deps.logger.info("reminder superseded by a later step; dropped", { id: claimed.id, later });
      return "superseded";
    }
  }

  // A send started by a worker that died (or lost the store) before recording its outcome: the
  // platform may have the message already. It goes again only where the platform drops a copy
  // sent within its duplicate window (WeCom's duplicate check); else a person decides.
  const platformDedupe = payload.data.meta?.kind !== "answer";
  const window = platformDedupe ? duplicateWindow(channel, recipient) : undefined;
  if (claimed.sendingSince !== undefined) {
    const sinceMs = Date.parse(claimed.sendingSince);
    if (window === undefined || round.now.getTime() - sinceMs >= window)
      return dead(
        wording("delivery", "outcomeUnknown", { since: inBusinessTz(sinceMs).format("M月D日 HH:mm") }),
      );
    deps.logger.info(
      "sending again a message whose earlier send has no recorded outcome: the platform drops a copy",
      {
        id: claimed.id,
        channel: channel.name,
        sendingSince: claimed.sendingSince,
      },
    );
  }

  const { immediate, cardId } = payload.data;
  // An image or a file where the channel sends none: its caption goes instead, as text.
  const stored = payload.data.message;
  const message =
    (stored.kind === "image" || stored.kind === "file") && !canSendMedia(channel.limits, stored.kind)
      ? mediaAsText(stored)
      : stored;
  if (!immediate && !round.open) {
    const reason = wording("delivery", "deferredQuietHours");
    return defer(deps.window.place(round.now), reason, "deferred-quiet");
  }
  // While the channel is paused by an incident, its messages wait for the pause's end, untried.
  const pause = deps.pauses.admit(channel.name, deps.clock.now().getTime());
  if (pause !== undefined) {
    const at = new Date(pause.untilMs);
    const reason = wording("delivery", "deferredChannel", { reason: pause.reason });
    return defer(immediate ? at : deps.window.place(at), reason, "deferred-channel");
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
    return defer(immediate ? at : deps.window.place(at), reason, "deferred-budget");
  }

  /**
   * The channel failed, not the message: one incident pauses the channel, the message waits for
   * the pause's end with no attempt counted, and nothing is dead-lettered for it.
   */
  const channelFailed = async (result: ChannelFailure): Promise<DispatchOutcome> => {
    const now = deps.clock.now();
    const retryAfterMs = result.status === "rate-limited" ? result.retryAfterMs : undefined;
    const pause = deps.pauses.failed(channel.name, now.getTime(), result.reason, retryAfterMs);
    if (pause.fresh)
      deps.logger.warn("channel paused: its sends fail for every message", {
        channel: channel.name,
        status: result.status,
        until: new Date(pause.untilMs).toISOString(),
        reason: result.reason,
      });
    if (result.status === "transient-error") await deps.outages?.failed(channel.name, result.reason, now);
    const at = new Date(pause.untilMs);
    const reason = wording("delivery", "deferredChannel", { reason: result.reason });
    return defer(immediate ? at : deps.window.place(at), reason, "deferred-channel", true);
  };

  /** The send failed for this message (or, channel-wide, for all): retried later, or dead at the limit. */
  const retryLater = async (result: ChannelFailure): Promise<DispatchOutcome> => {
    if (result.scope === "channel") return channelFailed(result);
    deps.pauses.answered(channel.name);
    const failed = failures + 1;
    if (deps.maxAttempts !== undefined && failed >= deps.maxAttempts)
      return dead(tooManyFailures(failed, result.reason), failed);
    const minimum = result.status === "rate-limited" ? result.retryAfterMs : 0;
    const at = new Date(
      round.now.getTime() + Math.max(minimum, retryDelayMs(failed, deps.random, deps.backoff)),
    );
    const retryAt = (immediate ? at : deps.window.place(at)).toISOString();
    if (!(await deps.outbox.markFailed(claimed.id, { error: result.reason, retryAt, worker }))) return lost();
    // The one log line for this failure (the channel logs its details at debug only).
    deps.logger.warn("send failed; will retry", {
      id: claimed.id,
      channel: channel.name,
      status: result.status,
      failures: failed,
      retryAt,
      reason: result.reason,
    });
    if (result.status === "transient-error")
      await deps.outages?.failed(channel.name, result.reason, deps.clock.now());
    return "retried";
  };

  // Noted before the platform is asked, so that a worker dying mid-send leaves a trace; a store
  // that cannot take the note sends nothing.
  if (!(await deps.outbox.markSending(claimed.id, { at: deps.clock.now().toISOString(), worker })))
    return lost();
  const result = await sendSafely(
    channel,
    recipient,
    claimed.idempotencyKey,
    message,
    cardId,
    platformDedupe,
  );
  switch (result.status) {
    case "sent": {
      deps.pauses.answered(channel.name);
      const sent = { platformMessageId: result.platformMessageId, at: deps.clock.now().toISOString() };
      return afterSend("sent", async () => {
        await deps.outbox.markSent(claimed.id, sent);
        await deps.outages?.succeeded(channel.name, deps.clock.now());
        return "sent";
      });
    }
    case "invalid-recipient":
    case "permanent-error":
      deps.pauses.answered(channel.name);
      return afterSend("dead", () => dead(result.reason, failures + 1));
    case "rate-limited":
    case "transient-error":
      return afterSend(result.status, () => retryLater(result));
    case "outcome-unknown":
      // As after a kill mid-send: again only where the platform drops a copy, else a person decides.
      if (window !== undefined)
        return afterSend(result.status, () =>
          retryLater({ status: "transient-error", reason: result.reason }),
        );
      deps.pauses.answered(channel.name);
      return afterSend("dead", () =>
        dead(wording("delivery", "outcomeUnknownAnswer", { reason: result.reason }), failures + 1),
      );
  }
}

/** How long the platform drops a copy of a message to this recipient; undefined: it never does. */
function duplicateWindow(channel: Channel, recipient: Recipient): number | undefined {
  return channel.duplicateWindowFor ? channel.duplicateWindowFor(recipient) : channel.duplicateWindowMs;
}

/** The dispatch of one message after its send failed for the whole channel. */
type ChannelFailure = Extract<SendResult, { status: "rate-limited" | "transient-error" }>;

/** A channel must not throw for a platform answer; if it does anyway, the send is retried. */
async function sendSafely(
  channel: Channel,
  recipient: Recipient,
  idempotencyKey: string,
  message: Parameters<Channel["send"]>[0]["message"],
  cardId: string | undefined,
  platformDedupe: boolean,
): Promise<SendResult> {
  try {
    const results = await channel.send({
      idempotencyKey,
      recipients: [recipient],
      message,
      ...(cardId !== undefined ? { cardId } : {}),
      platformDedupe,
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

function expired(deps: DispatchDeps, last: string | undefined): string {
  const hours = Math.round((deps.lifetimeMs / 3_600_000) * 10) / 10;
  return wording("delivery", "expired", { hours, last: last ?? "" });
}

function tooManyFailures(attempts: number, last: string | undefined): string {
  return wording("delivery", "tooManyFailures", { attempts, last: last ?? "" });
}
