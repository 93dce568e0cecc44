import type { Recipient } from "../../directory/recipient.js";
import type { CardUpdateRequest, SendResult } from "../channel.js";
import type { Card } from "../message.js";

/**
 * The seams between the DingTalk folder's parts, fixed first so that they could be built side by
 * side: the OpenAPI client (token, rate bucket, monthly quota, IP-ban pause) that every sender
 * calls through, the cards, and the session webhooks that replies prefer.
 */

/** One OpenAPI request, relative to the API base URL (`/v1.0/robot/oToMessages/batchSend`). */
export interface DingtalkCall {
  method: "GET" | "POST" | "PUT";
  path: string;
  body?: unknown;
  /**
   * Instead of `body`: called once, just before the request goes out (after the rate bucket and the
   * quota let it through), so that a robot batch can take in the recipients that arrived while it
   * waited for its slot. A retry after a refreshed token sends the same body again.
   */
  buildBody?: () => unknown;
  /**
   * Counts against the organisation's monthly quota (robot sends, card sends and updates). While
   * the quota is spent, a metered call is not made and answers `quota-spent`.
   */
  metered: boolean;
  /**
   * An old-API (oapi) call instead: `path` is relative to the oapi base URL, the token goes as the
   * `access_token` query parameter with `query`, and `form` is the multipart body (media/upload).
   * The new API's token is accepted there (one token per internal app).
   */
  oapi?: { query: Record<string, string>; form: () => FormData };
}

export type DingtalkFailureKind =
  /** The token was refused twice (once after a fresh one): the app's credentials are wrong. */
  | "invalid-token"
  /** QpsLimitForApi, or Duban's own bucket held the call: try again after `retryAfterMs`. */
  | "rate-limited"
  /** 90020 / ApiCountLimitForOrg, or Duban's own count reached DINGTALK_MONTHLY_QUOTA. */
  | "quota-spent"
  /** A non-JSON answer (the per-IP limit's ban page): nothing is sent for five minutes. */
  | "ip-banned"
  /** 403 AccessTokenPermissionDenied, IpNotInWhiteList: the app lacks a permission; a person must act. */
  | "permission"
  /** 400 invalidParameter.*, param.*: this request is wrong; sending it again will not help. */
  | "bad-request"
  /** 5xx, timeouts, connection refused: try again later. */
  | "transient";

export interface DingtalkFailure {
  kind: DingtalkFailureKind;
  /** The platform's code ("Forbidden.AccessDenied.QpsLimitForApi", "90020") when it gave one. */
  code?: string;
  /** Safe to log and to show an admin: no token, no secret. */
  message: string;
  httpStatus?: number;
  /** When a retry makes sense (rate-limited, quota-spent, ip-banned, transient). */
  retryAfterMs?: number;
}

export type DingtalkAnswer<T> = { ok: true; body: T } | { ok: false; failure: DingtalkFailure };

/** The OpenAPI as the senders see it: tokens, limits and the quota are its business. */
export interface DingtalkApi {
  call<T = unknown>(call: DingtalkCall): Promise<DingtalkAnswer<T>>;
  /**
   * What stops every call right now (an IP ban), for senders that reach DingTalk without `call`
   * (session webhooks): they must not send either. Optional so that fakes need not have it.
   */
  blocked?(): DingtalkFailure | undefined;
}

/** A recipient the DingTalk channel can reach: a person's userId (staffId) or a group. */
export type DingtalkTarget =
  | { kind: "user"; personId: string; userId: string }
  | { kind: "group"; personId: string; openConversationId: string };

/**
 * Cards on DingTalk: interactive cards (互动卡片高级版) when a template is configured, else an
 * ActionCard whose buttons open signed per-person links, else (no public address) the card as
 * markdown with the reply lines. Results are keyed by personId.
 */
export interface DingtalkCards {
  send(request: {
    targets: readonly DingtalkTarget[];
    card: Card;
    cardId: string;
    idempotencyKey: string;
  }): Promise<Map<string, SendResult>>;
  /** After a click: `request.updateToken` is what the card callback carried (the outTrackId). */
  update(request: CardUpdateRequest): Promise<SendResult>;
}

/** The sessionWebhook of a person's latest message, used for replies until it expires. */
export interface SessionWebhook {
  url: string;
  expiresAtMs: number;
  /** "1": the person's 1:1 chat with the robot; "2": a group where the person @-mentioned it. */
  conversationType: "1" | "2";
}

export interface SessionWebhooks {
  remember(userId: string, webhook: SessionWebhook): void;
  /** The person's webhook while it stays valid for a while yet at `nowMs`, else undefined. */
  valid(userId: string, nowMs: number): SessionWebhook | undefined;
  /** The webhook `url` failed: forget it (if it is still the person's), the robot API serves instead. */
  forget?(userId: string, url: string): void;
}

/** How a recipient's DingTalk account is written in the directory. */
export function dingtalkTarget(recipient: Recipient): DingtalkTarget | undefined {
  const account = recipient.accounts.dingtalk;
  if (!account) return undefined;
  if (account.startsWith(GROUP_PREFIX))
    return {
      kind: "group",
      personId: recipient.personId,
      openConversationId: account.slice(GROUP_PREFIX.length),
    };
  return { kind: "user", personId: recipient.personId, userId: account };
}

/** A group chat's account in the directory: `group:<openConversationId>` (a userId has no colon). */
export const GROUP_PREFIX = "group:";

/** What a failure means for the dispatcher: channel-wide causes pause the whole channel. */
export function sendResultOf(failure: DingtalkFailure): SendResult {
  const retryAfterMs = failure.retryAfterMs ?? 60_000;
  switch (failure.kind) {
    case "rate-limited":
      return { status: "rate-limited", retryAfterMs, reason: failure.message, scope: "channel" };
    case "quota-spent":
    case "ip-banned":
      return { status: "rate-limited", retryAfterMs, reason: failure.message, scope: "channel" };
    case "invalid-token":
    case "permission":
      return { status: "transient-error", reason: failure.message, scope: "channel" };
    case "bad-request":
      return { status: "permanent-error", reason: failure.message };
    case "transient":
      return { status: "transient-error", reason: failure.message };
  }
}
