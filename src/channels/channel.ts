import type { Recipient } from "../directory/recipient.js";
import type { ChannelLimits } from "./channel-limits.js";
import type { CardUpdate, OutboundMessage } from "./message.js";

/**
 * The whole platform contract. Features never see a WeCom or DingTalk payload: they send neutral
 * messages through `send` and receive neutral `InboundEvent`s.
 */
export interface Channel {
  readonly name: ChannelName;
  /** The channel's own sending limits; the dispatcher keeps within them before sending. */
  readonly budgets: readonly SendBudget[];
  /** What one message may hold on this platform; renderers keep within the strictest channel's. */
  readonly limits: ChannelLimits;
  /**
   * How long the platform drops a message sent again with the same content (WeCom's duplicate
   * check), for sends that asked for it (`platformDedupe`). A message whose earlier send has no
   * recorded outcome (the worker died mid-send) is sent again only within this window, and only if
   * it asked; else a person decides (it is dead-lettered).
   */
  readonly duplicateWindowMs?: number;
  /**
   * The duplicate window for one recipient, where the channel reaches some recipients another way
   * (WeCom's group robots: their webhook has no duplicate check, so undefined for them). Absent:
   * `duplicateWindowMs` for everyone.
   */
  duplicateWindowFor?(recipient: Recipient): number | undefined;
  /**
   * Sends one message to each recipient. `idempotencyKey` reaches the platform where it can use
   * one, so that a message re-sent after a crash can be recognised as a duplicate.
   * Never throws for a platform answer: every recipient gets a result.
   */
  send(request: SendRequest): Promise<Map<string, SendResult>>;
  /**
   * Changes a card the recipient already has, after a click: closes it with a label in place of
   * its buttons, or replaces it. Each platform does this its own way (WeCom: button.replace_name).
   */
  updateCard?(request: CardUpdateRequest): Promise<SendResult>;
  /**
   * Downloads a file someone sent (an `InboundEvent` of kind "file", by its `ref`), refusing one
   * over `maxBytes` without keeping it. Never throws for a platform answer: a failure is a result.
   */
  fetchFile?(ref: string, options: { maxBytes: number }): Promise<FetchFileResult>;
}

/**
 * A downloaded file, or why there is none: `too-large` (over the cap the caller gave), `gone` (the
 * platform no longer has it: an expired media id or download code), `failed` (anything else, said
 * in `reason`, in English for the log; never a secret).
 */
export type FetchFileResult =
  | { ok: true; bytes: Buffer }
  | { ok: false; problem: "too-large" | "gone" | "failed"; reason: string };

export interface CardUpdateRequest {
  cardId: string;
  recipient: Recipient;
  update: CardUpdate;
  /**
   * The click's opaque update token, where the platform needs one to change the card (WeCom: the
   * click's single-use ResponseCode, 72 h). Only the channel that issued it reads it.
   */
  updateToken?: string;
}

/**
 * A channel's name as its plugin declares it (src/channels/plugins.ts): also the key of a person's
 * account on it (`accounts.<name>` in the directory) and the prefix of person ids made from it.
 */
export type ChannelName = string;

export interface SendRequest {
  idempotencyKey: string;
  recipients: readonly Recipient[];
  message: OutboundMessage;
  /** Set for cards: the id clicks will carry back. */
  cardId?: string;
  /**
   * Ask the platform to drop a copy of this message sent again within its duplicate window
   * (WeCom's duplicate check), so that a re-send after a crash is harmless. Not for answers: an
   * admin who sends /stats twice must get the same answer twice, which the check would drop.
   */
  platformDedupe?: boolean;
}

export type SendResult =
  | {
      status: "sent";
      platformMessageId: string;
      /** Cards, where the platform issues one at send time: the update token (WeCom: response_code, 72 h). */
      updateToken?: string;
      /** updateCard only: the card could not be changed, so a new card with this id was sent. */
      newCardId?: string;
    }
  | { status: "invalid-recipient"; reason: string }
  | { status: "rate-limited"; retryAfterMs: number; reason: string; scope?: FailureScope }
  | { status: "transient-error"; reason: string; scope?: FailureScope }
  | { status: "permanent-error"; reason: string }
  /**
   * The request may have reached the platform, but no answer says whether it was delivered (a
   * timeout, a connection cut mid-request, a 5xx), or a message sent in parts failed after some
   * went out. Sent again only where the platform drops a copy (the recipient's duplicate window);
   * else dead-lettered for a person to check, never re-sent blindly.
   */
  | { status: "outcome-unknown"; reason: string };

/**
 * `channel`: the failure is the channel's, not the message's: nothing could be sent to anyone
 * (the platform refused the app's token, the app's rate limit, the platform unreachable). The
 * dispatcher then pauses the whole channel as one incident, and the messages wait without an
 * attempt counted against them. Absent: the failure concerns this message and its recipients.
 */
export type FailureScope = "channel";

/** At most `limit` messages per `windowMs`, per recipient or for the whole channel. */
export interface SendBudget {
  name: string;
  scope: "recipient" | "channel";
  limit: number;
  windowMs: number;
}

/** What people send to Duban, whatever the platform. */
export type InboundEvent =
  | {
      kind: "text";
      /** Unique per platform delivery of one message; retries repeat it (the dedupe key). */
      eventId: string;
      channel: ChannelName;
      /** The sender's platform user id. */
      from: string;
      text: string;
      at: string;
    }
  | {
      kind: "card-action";
      eventId: string;
      channel: ChannelName;
      from: string;
      cardId: string;
      actionKey: string;
      at: string;
      /** The platform's token for changing the clicked card, opaque to everything but its channel. */
      updateToken?: string;
    }
  | {
      kind: "file";
      eventId: string;
      channel: ChannelName;
      from: string;
      at: string;
      /** The file's name as the platform gives it; readers pick the format by its extension. */
      fileName: string;
      /** In bytes, where the platform says it before the download. */
      size?: number;
      /**
       * The platform's opaque reference for `Channel.fetchFile` (WeCom: the MediaId; DingTalk: the
       * downloadCode). Events are stored as JSON in the inbox: never the bytes.
       */
      ref: string;
    };
