import type { Logger } from "../../shared/logger.js";
import { message } from "../../templates/template-store.js";
import type { SendResult } from "../channel.js";
import type { DingtalkApi, DingtalkTarget } from "./dingtalk-contracts.js";
import { sendResultOf } from "./dingtalk-contracts.js";

/**
 * The robot sends cards go out by when they are not interactive cards: 1:1 with batchSend (≤ 20
 * userIds a call, `msgParam` a JSON string, brief §3.2) and into groups with groupMessages/send
 * (§3.3). A 200 from batchSend does not mean everyone got it: its per-user lists are read for each
 * person.
 */

const BATCH_SEND = "/v1.0/robot/oToMessages/batchSend";
const GROUP_SEND = "/v1.0/robot/groupMessages/send";
export const BATCH_SEND_MAX_USERS = 20;
/** A person DingTalk holds back for sending too often is tried again after this. */
const FLOW_CONTROLLED_RETRY_MS = 60_000;

export interface RobotMessage {
  msgKey: string;
  msgParam: Record<string, string>;
}

export interface RobotDeps {
  api: DingtalkApi;
  robotCode: string;
  logger: Logger;
}

interface BatchSendAnswer {
  processQueryKey?: string;
  invalidStaffIdList?: string[];
  flowControlledStaffIdList?: string[];
}

/** One message to people in 1:1 chats, ≤ 20 a call; a result for each target, by personId. */
export async function sendToUsers(
  targets: ReadonlyArray<Extract<DingtalkTarget, { kind: "user" }>>,
  robotMessage: RobotMessage,
  deps: RobotDeps,
): Promise<Map<string, SendResult>> {
  const results = new Map<string, SendResult>();
  for (let at = 0; at < targets.length; at += BATCH_SEND_MAX_USERS) {
    const chunk = targets.slice(at, at + BATCH_SEND_MAX_USERS);
    const userIds = [...new Set(chunk.map((t) => t.userId))];
    const answer = await deps.api.call<BatchSendAnswer>({
      method: "POST",
      path: BATCH_SEND,
      metered: true,
      body: {
        robotCode: deps.robotCode,
        userIds,
        msgKey: robotMessage.msgKey,
        msgParam: JSON.stringify(robotMessage.msgParam),
      },
    });
    if (!answer.ok) {
      deps.logger.warn("DingTalk refused a robot message", failureFields(answer.failure));
      for (const target of chunk) results.set(target.personId, sendResultOf(answer.failure));
      continue;
    }
    const invalid = new Set(answer.body?.invalidStaffIdList ?? []);
    const held = new Set(answer.body?.flowControlledStaffIdList ?? []);
    for (const target of chunk)
      results.set(target.personId, userResult(target.userId, answer.body, invalid, held));
  }
  return results;
}

/** One message into a group chat the robot is a member of. */
export async function sendToGroup(
  target: Extract<DingtalkTarget, { kind: "group" }>,
  robotMessage: RobotMessage,
  deps: RobotDeps,
): Promise<SendResult> {
  const answer = await deps.api.call<{ processQueryKey?: string }>({
    method: "POST",
    path: GROUP_SEND,
    metered: true,
    body: {
      robotCode: deps.robotCode,
      openConversationId: target.openConversationId,
      msgKey: robotMessage.msgKey,
      msgParam: JSON.stringify(robotMessage.msgParam),
    },
  });
  if (!answer.ok) {
    deps.logger.warn("DingTalk refused a group message", failureFields(answer.failure));
    return sendResultOf(answer.failure);
  }
  return { status: "sent", platformMessageId: answer.body?.processQueryKey ?? "" };
}

function userResult(
  userId: string,
  body: BatchSendAnswer | undefined,
  invalid: ReadonlySet<string>,
  held: ReadonlySet<string>,
): SendResult {
  if (invalid.has(userId))
    return { status: "invalid-recipient", reason: message("dingtalk-cards", "invalidUser") };
  if (held.has(userId))
    return {
      status: "rate-limited",
      retryAfterMs: FLOW_CONTROLLED_RETRY_MS,
      reason: message("dingtalk-cards", "flowControlled"),
    };
  return { status: "sent", platformMessageId: body?.processQueryKey ?? "" };
}

/** What a failure says, safe to log: kind, the platform's code and message, never a token. */
export function failureFields(failure: {
  kind: string;
  code?: string;
  message: string;
  httpStatus?: number;
}): Record<string, unknown> {
  return {
    kind: failure.kind,
    ...(failure.code ? { code: failure.code } : {}),
    ...(failure.httpStatus ? { httpStatus: failure.httpStatus } : {}),
    reason: failure.message,
  };
}
