import type { Logger } from "../../shared/logger.js";
import { message } from "../../templates/template-store.js";
import type { SendResult } from "../channel.js";
import { byteLength } from "../split-text.js";
import { type DingtalkApi, sendResultOf } from "./dingtalk-contracts.js";
import type { FlowControlLadder } from "./dingtalk-flow-control.js";
import type { DingtalkPart } from "./dingtalk-render.js";

/** batchSend takes at most 20 userIds (400 invalidParameter.userIds.overMax beyond; brief §3.2). */
export const ROBOT_BATCH = 20;
/** groupMessages/send refuses a msgParam over 15,000 bytes (brief §3.3). */
export const GROUP_MSG_PARAM_MAX_BYTES = 15_000;

export const BATCH_SEND_PATH = "/v1.0/robot/oToMessages/batchSend";
export const GROUP_SEND_PATH = "/v1.0/robot/groupMessages/send";

interface BatchSendAnswer {
  processQueryKey?: unknown;
  invalidStaffIdList?: unknown;
  flowControlledStaffIdList?: unknown;
  /** Seen by some clients, undocumented (brief §3.2): not delivered, for a reason DingTalk keeps. */
  filteredStaffIdList?: unknown;
}

export interface RobotSenderDeps {
  api: DingtalkApi;
  robotCode: string;
  ladder: FlowControlLadder;
  logger: Logger;
}

export interface RobotSender {
  /** One part to each user (1:1 robot chat); a result per userId. */
  toUsers(userIds: readonly string[], part: DingtalkPart): Promise<Map<string, SendResult>>;
  /** One part to a group chat the robot is in. */
  toGroup(openConversationId: string, part: DingtalkPart): Promise<SendResult>;
}

/** A batchSend being put together: it takes in users until its request is built. */
interface OpenBatch {
  users: string[];
  sealed: boolean;
  result: Promise<Map<string, SendResult>>;
}

/**
 * The robot's senders. Each batchSend is one metered call whatever the number of users in it, so
 * users are gathered: a part on its way to some users takes in others sent the same part (the same
 * msgKey and msgParam) until its request is built, that is while it waits for its slot in the rate
 * bucket, up to 20. Alone, a message leaves at once; in a burst (a reminder wave to a unit's several
 * contacts, a notice to every admin) twenty people cost one call instead of twenty.
 */
export function createRobotSender(deps: RobotSenderDeps): RobotSender {
  const open = new Map<string, OpenBatch>();

  function start(key: string, part: DingtalkPart): OpenBatch {
    const batch: OpenBatch = { users: [], sealed: false, result: Promise.resolve(new Map()) };
    const seal = () => {
      batch.sealed = true;
      if (open.get(key) === batch) open.delete(key);
    };
    open.set(key, batch);
    batch.result = deps.api
      .call<BatchSendAnswer>({
        method: "POST",
        path: BATCH_SEND_PATH,
        metered: true,
        buildBody: () => {
          seal();
          return {
            robotCode: deps.robotCode,
            userIds: [...batch.users],
            msgKey: part.msgKey,
            msgParam: part.msgParam,
          };
        },
      })
      .then((answer) => {
        // A call refused before its request was built (quota, ban, no token) ends the batch too.
        seal();
        if (!answer.ok) {
          const failure = sendResultOf(answer.failure);
          return new Map(batch.users.map((id) => [id, failure]));
        }
        return perUser(batch.users, answer.body);
      })
      .catch((error: unknown) => {
        // Not a platform answer (those come back as failures): a fault here. Nobody may wait on
        // this batch for ever, nor join it later.
        seal();
        deps.logger.error("DingTalk batchSend failed unexpectedly", { error });
        const failure: SendResult = {
          status: "transient-error",
          reason: message("delivery", "sendFailed", {
            detail: error instanceof Error ? error.name : "error",
          }),
        };
        return new Map(batch.users.map((id) => [id, failure]));
      });
    return batch;
  }

  function perUser(users: readonly string[], answer: BatchSendAnswer): Map<string, SendResult> {
    const invalid = new Set(listed(answer.invalidStaffIdList));
    const flowControlled = new Set(listed(answer.flowControlledStaffIdList));
    const filtered = new Set(listed(answer.filteredStaffIdList));
    const processQueryKey = typeof answer.processQueryKey === "string" ? answer.processQueryKey : "";
    if (flowControlled.size > 0 || filtered.size > 0)
      deps.logger.debug("DingTalk held back some users of a batchSend", {
        flowControlled: flowControlled.size,
        filtered: filtered.size,
      });
    return new Map(
      users.map((id): [string, SendResult] => {
        if (invalid.has(id))
          return [id, { status: "invalid-recipient", reason: message("dingtalk", "invalidStaff") }];
        if (flowControlled.has(id)) {
          const retryAfterMs = deps.ladder.controlled(id);
          const reason = message("dingtalk", "flowControlled", {
            minutes: Math.round(retryAfterMs / 60_000),
          });
          // The person's, not the channel's: the others in the batch got their message.
          return [id, { status: "rate-limited", retryAfterMs, reason }];
        }
        if (filtered.has(id))
          return [id, { status: "transient-error", reason: message("dingtalk", "filteredStaff") }];
        deps.ladder.delivered(id);
        return [id, { status: "sent", platformMessageId: processQueryKey }];
      }),
    );
  }

  return {
    async toUsers(userIds, part) {
      const key = `${part.msgKey}\u0000${part.msgParam}`;
      const waiting: Array<Promise<[string, SendResult]>> = [];
      for (const userId of new Set(userIds)) {
        let batch = open.get(key);
        if (!batch || batch.sealed || batch.users.length >= ROBOT_BATCH) batch = start(key, part);
        if (!batch.users.includes(userId)) batch.users.push(userId);
        if (batch.users.length >= ROBOT_BATCH && open.get(key) === batch) open.delete(key);
        waiting.push(batch.result.then((results) => [userId, results.get(userId) ?? lost()]));
      }
      return new Map(await Promise.all(waiting));
    },

    async toGroup(openConversationId, part) {
      if (byteLength(part.msgParam) > GROUP_MSG_PARAM_MAX_BYTES)
        return { status: "permanent-error", reason: message("dingtalk", "groupMessageTooLong") };
      const answer = await deps.api.call<{ processQueryKey?: unknown }>({
        method: "POST",
        path: GROUP_SEND_PATH,
        metered: true,
        body: { robotCode: deps.robotCode, openConversationId, msgKey: part.msgKey, msgParam: part.msgParam },
      });
      if (!answer.ok) return sendResultOf(answer.failure);
      const key = answer.body.processQueryKey;
      return { status: "sent", platformMessageId: typeof key === "string" ? key : "" };
    },
  };
}

/** A user missing from their own batch's results cannot happen; said plainly should it ever. */
function lost(): SendResult {
  return { status: "transient-error", reason: message("dingtalk", "noResult") };
}

function listed(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === "string") : [];
}
