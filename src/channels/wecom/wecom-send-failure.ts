import { message } from "../../templates/template-store.js";
import type { SendResult } from "../channel.js";
import { WecomApiError, WecomTransportError } from "./wecom-api-error.js";

export type SendFailure = Exclude<SendResult, { status: "sent" }>;

// Nobody in the request could be reached: visible range or unknown ids (Doc 90313; brief §4.3).
const RECIPIENTS_REFUSED = new Set([81013, 60011, 60021, 50002, 40003, 40031, 60111]);
// Worth another try later: system busy, a token refused twice in a row.
const TRANSIENT = new Set([-1, 40014, 42001]);
/** 45033 接口并发调用超过限制: a short pause is enough. */
const CONCURRENCY_RETRY_MS = 5_000;

/**
 * What a failed message/send means for every recipient of that request. `rateLimitRetryMs` is
 * the channel's current back-off for 45009, whose window (minute, hour, day) WeCom does not say.
 */
export function toSendFailure(error: unknown, rateLimitRetryMs: number): SendFailure {
  // No token means nothing could be tried: the messages are not at fault, whatever gettoken said
  // (a wrong secret included, which the admins then fix while the messages wait).
  if (error instanceof WecomApiError && error.method === "gettoken") {
    const reason =
      error.hint ?? `${message("wecom", "unknownError", { errcode: error.errcode })} ${error.errmsg}`;
    return { status: "transient-error", reason };
  }
  if (error instanceof WecomTransportError && error.method === "gettoken")
    return { status: "transient-error", reason: message("wecom", "unreachable", { detail: error.message }) };
  if (error instanceof WecomApiError) {
    const reason =
      error.hint ?? `${message("wecom", "unknownError", { errcode: error.errcode })} ${error.errmsg}`;
    if (error.errcode === 45009) return { status: "rate-limited", retryAfterMs: rateLimitRetryMs, reason };
    if (error.errcode === 45033)
      return { status: "rate-limited", retryAfterMs: CONCURRENCY_RETRY_MS, reason };
    if (RECIPIENTS_REFUSED.has(error.errcode)) return { status: "invalid-recipient", reason };
    if (TRANSIENT.has(error.errcode)) return { status: "transient-error", reason };
    return { status: "permanent-error", reason };
  }
  if (error instanceof WecomTransportError) {
    const reason = message("wecom", "unreachable", { detail: error.message });
    const status = error.httpStatus;
    if (status === 429) return { status: "rate-limited", retryAfterMs: rateLimitRetryMs, reason };
    // Another 4xx means the request itself is wrong (e.g. WECOM_API_BASE_URL): retrying cannot help.
    if (status !== undefined && status >= 400 && status < 500) return { status: "permanent-error", reason };
    return { status: "transient-error", reason };
  }
  const detail = error instanceof Error ? error.name : "unknown error";
  return { status: "transient-error", reason: message("wecom", "unreachable", { detail }) };
}
