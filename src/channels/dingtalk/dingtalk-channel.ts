import type { Clock } from "../../shared/clock.js";
import type { Logger } from "../../shared/logger.js";
import { message } from "../../templates/template-store.js";
import type { Channel, SendBudget, SendRequest, SendResult } from "../channel.js";
import type { ChannelLimits } from "../channel-limits.js";
import { checkMessage, describeProblem, type MessageProblem } from "../check-message.js";
import type { OutboundMessage } from "../message.js";
import { renderCardAsMarkdown } from "./dingtalk-card-markdown.js";
import type { DingtalkConfig } from "./dingtalk-config.js";
import {
  type DingtalkApi,
  type DingtalkCards,
  type DingtalkTarget,
  dingtalkTarget,
  type SessionWebhooks,
  sendResultOf,
} from "./dingtalk-contracts.js";
import { downloadDingtalkFile } from "./dingtalk-file-download.js";
import { createFlowControlLadder } from "./dingtalk-flow-control.js";
import { createDingtalkMediaUploader, dingtalkMediaPart } from "./dingtalk-media.js";
import { type DingtalkPart, PART_MAX_BYTES, renderDingtalkParts } from "./dingtalk-render.js";
import { createRobotSender } from "./dingtalk-send.js";
import { postToSessionWebhook } from "./dingtalk-session-webhooks.js";

export interface DingtalkChannelOptions {
  config: Pick<DingtalkConfig, "robotCode">;
  /** The app's one OpenAPI client (createDingtalkApi): bucket, quota and bans are shared through it. */
  api: DingtalkApi;
  /** Interactive or link cards; absent: a card goes as markdown and cannot be updated. */
  cards?: DingtalkCards;
  sessionWebhooks: SessionWebhooks;
  clock: Clock;
  logger: Logger;
  /** For session webhooks (the OpenAPI client has its own). */
  fetch?: typeof fetch;
  webhookTimeoutMs?: number;
  /**
   * Buttons a card may carry with the cards given (cardButtonsIn: six on an interactive card, five
   * on a robot ActionCard); default DINGTALK_LIMITS'.
   */
  cardButtons?: number;
}

/**
 * Per-recipient budgets: none. DingTalk publishes no per-person number for robot 1:1 messages; it
 * answers `flowControlledStaffIdList` instead, which the channel turns into a per-person back-off
 * (dingtalk-flow-control.ts). The app's QPS is the rate bucket's (dingtalk-rate-gate.ts), and the
 * monthly quota counts calls, not messages (dingtalk-quota.ts): neither is a budget of messages.
 */
export const DINGTALK_BUDGETS: readonly SendBudget[] = [];

/**
 * What a DingTalk message holds: text in parts of 2048 bytes (dingtalk-render.ts); a card's fields
 * as WeCom's six (markdown and our own card template show any number); five buttons, the most a
 * robot ActionCard holds (sampleActionCard5, brief §3.2), which the link-card fallback needs.
 */
export const DINGTALK_LIMITS: ChannelLimits = {
  cardFields: 6,
  cardButtons: 5,
  textBytes: PART_MAX_BYTES,
  // Uploaded through media/upload, then sampleImageMsg / sampleFile (dingtalk-media.ts).
  images: true,
  files: true,
};

/** platformMessageId of a message that went through a session webhook: DingTalk gives it no id. */
export const SESSION_WEBHOOK_MESSAGE_ID = "session-webhook";

/**
 * DingTalk as a Channel: a reply to one person goes through their 1:1 session webhook while it is
 * valid, everything else through the robot API (oToMessages/batchSend for people, 20 a call;
 * groupMessages/send for `group:` recipients); cards through the cards module when there is one.
 */
export function createDingtalkChannel(options: DingtalkChannelOptions): Channel {
  const { api, clock } = options;
  const logger = options.logger.child({ channel: "dingtalk" });
  const fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  const webhookTimeoutMs = options.webhookTimeoutMs ?? 5_000;
  const media = createDingtalkMediaUploader(api, clock);
  const robot = createRobotSender({
    api,
    robotCode: options.config.robotCode,
    ladder: createFlowControlLadder(clock),
    logger,
  });

  async function send(request: SendRequest): Promise<Map<string, SendResult>> {
    const results = new Map<string, SendResult>();
    const targets: DingtalkTarget[] = [];
    for (const recipient of request.recipients) {
      const target = dingtalkTarget(recipient);
      if (target) targets.push(target);
      else
        results.set(recipient.personId, {
          status: "invalid-recipient",
          reason: message("dingtalk", "noDingtalkAccount"),
        });
    }
    if (targets.length === 0) return results;
    const everyone = (result: SendResult) => {
      for (const target of targets) results.set(target.personId, result);
      return results;
    };
    // The same rules on every channel: a card refused elsewhere is refused here, markdown or not.
    const problem = checkMessage(request.message, request.cardId);
    if (problem) return everyone({ status: "permanent-error", reason: describeProblem(problem) });
    let outbound = request.message;
    if (outbound.kind === "card") {
      if (options.cards && request.cardId) {
        const sent = await options.cards.send({
          targets,
          card: outbound.card,
          cardId: request.cardId,
          idempotencyKey: request.idempotencyKey,
        });
        for (const [personId, result] of sent) results.set(personId, result);
        return results;
      }
      const { title, text } = renderCardAsMarkdown(outbound.card);
      outbound = { kind: "markdown", title, markdown: text };
    }
    let parts: DingtalkPart[] | MessageProblem;
    if (outbound.kind === "image" || outbound.kind === "file") {
      const uploaded = await media.mediaId(outbound);
      if (!uploaded.ok) return everyone(sendResultOf(uploaded.failure));
      parts = [dingtalkMediaPart(outbound, uploaded.body)];
    } else parts = renderDingtalkParts(outbound as Extract<OutboundMessage, { kind: "text" | "markdown" }>);
    if (typeof parts === "string")
      return everyone({ status: "permanent-error", reason: describeProblem(parts) });

    const only = targets.length === 1 ? targets[0] : undefined;
    if (only?.kind === "user") {
      const through = await throughSessionWebhook(only.userId, parts);
      if (through === parts.length) {
        results.set(only.personId, { status: "sent", platformMessageId: SESSION_WEBHOOK_MESSAGE_ID });
        return results;
      }
      results.set(
        only.personId,
        (await toUsers([only.userId], parts.slice(through))).get(only.userId) ?? noResult(),
      );
      return results;
    }

    const users = targets.filter((t): t is Extract<DingtalkTarget, { kind: "user" }> => t.kind === "user");
    const groups = targets.filter((t): t is Extract<DingtalkTarget, { kind: "group" }> => t.kind === "group");
    const [userResults, groupResults] = await Promise.all([
      toUsers(
        users.map((u) => u.userId),
        parts,
      ),
      Promise.all(groups.map((g) => toGroup(g.openConversationId, parts))),
    ]);
    for (const user of users) results.set(user.personId, userResults.get(user.userId) ?? noResult());
    groups.forEach((group, i) => {
      results.set(group.personId, groupResults[i] ?? noResult());
    });
    return results;
  }

  /**
   * Sends the parts in order through the person's 1:1 session webhook while it stays valid, and
   * answers how many went. A webhook that fails is forgotten: the robot API sends the rest. Nothing
   * goes while DingTalk bans this server's address (the webhook host is DingTalk's too).
   */
  async function throughSessionWebhook(userId: string, parts: readonly DingtalkPart[]): Promise<number> {
    if (api.blocked?.()) return 0;
    let sent = 0;
    for (const part of parts) {
      if (!part.webhook) break;
      const webhook = options.sessionWebhooks.valid(userId, clock.now().getTime());
      if (!webhook) break;
      const problem = await postToSessionWebhook(webhook.url, part.webhook, {
        fetch: fetchFn,
        timeoutMs: webhookTimeoutMs,
      });
      if (problem) {
        logger.info("session webhook refused a reply; the robot API sends it", { problem });
        options.sessionWebhooks.forget?.(userId, webhook.url);
        break;
      }
      sent += 1;
    }
    return sent;
  }

  /** Each part to every user still reachable: a user a part failed for gets no further parts. */
  async function toUsers(
    userIds: readonly string[],
    parts: readonly DingtalkPart[],
  ): Promise<Map<string, SendResult>> {
    const failed = new Map<string, SendResult>();
    const keys = new Map<string, string[]>(userIds.map((id) => [id, []]));
    let remaining = [...new Set(userIds)];
    for (const part of parts) {
      if (remaining.length === 0) break;
      const outcome = await robot.toUsers(remaining, part);
      for (const [id, result] of outcome) {
        if (result.status === "sent") keys.get(id)?.push(result.platformMessageId);
        else failed.set(id, result);
      }
      remaining = remaining.filter((id) => !failed.has(id));
    }
    return new Map(
      userIds.map((id) => [
        id,
        failed.get(id) ?? { status: "sent", platformMessageId: (keys.get(id) ?? []).join(",") },
      ]),
    );
  }

  async function toGroup(openConversationId: string, parts: readonly DingtalkPart[]): Promise<SendResult> {
    const keys: string[] = [];
    for (const part of parts) {
      const result = await robot.toGroup(openConversationId, part);
      if (result.status !== "sent") return result;
      keys.push(result.platformMessageId);
    }
    return { status: "sent", platformMessageId: keys.join(",") };
  }

  const cards = options.cards;
  return {
    name: "dingtalk",
    budgets: DINGTALK_BUDGETS,
    limits:
      options.cardButtons === undefined
        ? DINGTALK_LIMITS
        : { ...DINGTALK_LIMITS, cardButtons: options.cardButtons },
    send,
    ...(cards ? { updateCard: (request) => cards.update(request) } : {}),
    fetchFile: (ref, { maxBytes }) =>
      downloadDingtalkFile(api, {
        robotCode: options.config.robotCode,
        downloadCode: ref,
        maxBytes,
        fetch: fetchFn,
      }),
  };
}

function noResult(): SendResult {
  return { status: "transient-error", reason: message("dingtalk", "noResult") };
}
