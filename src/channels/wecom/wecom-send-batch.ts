import type { Logger } from "../../shared/logger.js";
import { message } from "../../templates/template-store.js";
import type { SendResult } from "../channel.js";
import type { WecomApi } from "./wecom-api.js";
import { WecomApiError } from "./wecom-api-error.js";
import type { RateBackoff } from "./wecom-rate-backoff.js";
import type { WecomMessageBody } from "./wecom-render-message.js";
import { type SendFailure, toSendFailure } from "./wecom-send-failure.js";

export interface SendBatchDeps {
  api: WecomApi;
  backoff: RateBackoff;
  logger: Logger;
  /** Seconds within which WeCom drops a request whose JSON is identical (max 4 h, Doc 90236). */
  duplicateCheckIntervalS: number;
  /** Ask WeCom's duplicate check to drop a copy (SendRequest.platformDedupe). */
  dedupe?: boolean;
}

/** WeCom lower-cases the ids it lists in invaliduser (brief §4.2), so ids are matched that way. */
export const userKey = (userId: string): string => userId.toLowerCase();

/**
 * Sends every part to ≤ 1000 members in one message/send per part, and returns a result per
 * member (keyed by `userKey`). A member WeCom lists as invalid or unlicensed gets no further
 * parts; a request that fails ends the batch for everyone still in it.
 */
export async function sendWecomBatch(
  userIds: readonly string[],
  parts: readonly WecomMessageBody[],
  deps: SendBatchDeps,
): Promise<Map<string, SendResult>> {
  const failed = new Map<string, SendFailure>();
  const msgIds: string[] = [];
  let responseCode: string | undefined;
  let remaining = [...userIds];
  for (const part of parts) {
    if (remaining.length === 0) break;
    try {
      const answer = await deps.api.post("message/send", {
        touser: remaining.join("|"),
        agentid: deps.api.agentId,
        ...part,
        // A re-send after a crash renders the same JSON, which WeCom then drops (brief §4.1).
        ...(deps.dedupe
          ? { enable_duplicate_check: 1, duplicate_check_interval: deps.duplicateCheckIntervalS }
          : {}),
      });
      deps.backoff.clear();
      for (const id of listed(answer.invaliduser)) {
        failed.set(userKey(id), { status: "invalid-recipient", reason: message("wecom", "invalidUser") });
      }
      for (const id of listed(answer.unlicenseduser)) {
        failed.set(userKey(id), { status: "invalid-recipient", reason: message("wecom", "unlicensedUser") });
      }
      remaining = remaining.filter((id) => !failed.has(userKey(id)));
      if (typeof answer.msgid === "string" && answer.msgid !== "") msgIds.push(answer.msgid);
      if (typeof answer.response_code === "string") responseCode ??= answer.response_code;
    } catch (error) {
      const retryMs = error instanceof WecomApiError && error.errcode === 45009 ? deps.backoff.hit() : 0;
      const failure = forTheApp(toSendFailure(error, retryMs || deps.backoff.remainingMs() || 60_000));
      // Debug only: the dispatcher logs the failure once per message, with what it does next.
      deps.logger.debug("WeCom message/send failed", {
        error,
        status: failure.status,
        members: remaining.length,
      });
      for (const id of remaining) failed.set(userKey(id), failure);
      remaining = [];
    }
  }
  const sent: SendResult = {
    status: "sent",
    platformMessageId: msgIds.join(","),
    ...(responseCode ? { updateToken: responseCode } : {}),
  };
  return new Map(userIds.map((id) => [userKey(id), failed.get(userKey(id)) ?? sent]));
}

/**
 * A message/send that failed without naming members failed for the app: no token, the app's rate
 * limit (45009/45033: WeCom does not say which window, and the members' own limits are kept by the
 * dispatcher's budgets), the platform busy or unreachable. Every message would fail the same way
 * now, so the failure is the channel's (the dispatcher pauses it, and counts nothing against the
 * messages); a permanent refusal stays the message's.
 */
export function forTheApp(failure: SendFailure): SendFailure {
  return failure.status === "transient-error" || failure.status === "rate-limited"
    ? { ...failure, scope: "channel" }
    : failure;
}

/** "u1|u2" → ["u1", "u2"]; absent or empty → []. */
function listed(value: unknown): string[] {
  return typeof value === "string" ? value.split("|").filter((id) => id !== "") : [];
}
