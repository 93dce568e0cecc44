import type { Recipient } from "../../directory/recipient.js";
import type { Clock } from "../../shared/clock.js";
import type { Logger } from "../../shared/logger.js";
import { message } from "../../templates/template-store.js";
import type { Channel, SendBudget, SendRequest, SendResult } from "../channel.js";
import type { ChannelLimits } from "../channel-limits.js";
import { checkMessage, describeProblem } from "../check-message.js";
import type { WecomApi } from "./wecom-api.js";
import { WecomApiError } from "./wecom-api-error.js";
import { createWecomMediaUploader } from "./wecom-media.js";
import { createRateBackoff } from "./wecom-rate-backoff.js";
import { renderWecomMedia, renderWecomMessage, type WecomMessageBody } from "./wecom-render-message.js";
import type { WecomRobot } from "./wecom-robot.js";
import { robotMarkdown } from "./wecom-robot-markdown.js";
import { forTheApp, sendWecomBatch, userKey } from "./wecom-send-batch.js";
import { toSendFailure } from "./wecom-send-failure.js";
import { updateWecomCard } from "./wecom-update-card.js";

export interface WecomChannelOptions {
  api: WecomApi;
  /** The named group robots: a recipient whose WeCom account is `robot:<name>` is a group. */
  robots?: readonly WecomRobot[];
  clock: Clock;
  logger: Logger;
  /** The corp's licensed seats (账号上限数): adds the app's daily quota, seats × 200 人次 (Doc 90236). */
  seats?: number;
  /** WeCom's duplicate check window; default 1800 s, at most 4 h (Doc 90236). */
  duplicateCheckIntervalS?: number;
}

/** touser holds at most 1000 ids (Doc 90236); a card's one task_id covers one request. */
const BATCH = 1000;

/**
 * Per member and app: ≤ 30 messages a minute and ≤ 1000 an hour. WeCom drops the excess silently
 * ("超过部分会被丢弃不下发", Doc 90454), so the dispatcher must keep within these before sending.
 */
export const WECOM_MEMBER_BUDGETS: readonly SendBudget[] = [
  { name: "wecom-member-per-minute", scope: "recipient", limit: 30, windowMs: 60_000 },
  { name: "wecom-member-per-hour", scope: "recipient", limit: 1000, windowMs: 3_600_000 },
];

/** A template card shows six rows (Doc 90236); a text message holds 2048 bytes (wecom-text-limits.ts). */
/** Images and files: uploaded (media/upload; a robot: in the message, or upload_media) then sent. */
export const WECOM_LIMITS: ChannelLimits = {
  cardFields: 6,
  cardButtons: 6,
  textBytes: 2048,
  images: true,
  files: true,
};

/** A group robot's account in the directory: `robot:<name>` (a member's userid has no colon). */
const ROBOT_PREFIX = "robot:";

const paused = (retryAfterMs: number): SendResult => ({
  status: "rate-limited",
  retryAfterMs,
  reason: message("wecom", "rateLimited", { errcode: 45009 }),
  scope: "channel",
});

/** The self-built app as a Channel: message/send for everything, update_template_card after clicks. */
export function createWecomChannel(options: WecomChannelOptions): Channel {
  const backoff = createRateBackoff(options.clock);
  const deps = {
    api: options.api,
    backoff,
    logger: options.logger.child({ channel: "wecom" }),
    duplicateCheckIntervalS: options.duplicateCheckIntervalS ?? 1800,
  };
  // message/send asks WeCom to drop a copy sent within the interval (wecom-send-batch.ts); a
  // margin keeps a re-send decided near its end inside it.
  const duplicateWindow = Math.max(0, deps.duplicateCheckIntervalS * 1000 - 60_000);
  const uploader = createWecomMediaUploader(options.api, options.clock);
  const budgets: SendBudget[] = [...WECOM_MEMBER_BUDGETS];
  if (options.seats !== undefined && options.seats > 0) {
    budgets.push({
      name: "wecom-app-per-day",
      scope: "channel",
      limit: options.seats * 200,
      windowMs: 86_400_000,
    });
  }

  async function send(request: SendRequest): Promise<Map<string, SendResult>> {
    const results = new Map<string, SendResult>();
    const reachable: Array<Recipient & { wecomUserId: string }> = [];
    const noAccount: SendResult = { status: "invalid-recipient", reason: message("wecom", "noWecomUserId") };
    for (const recipient of request.recipients) {
      const wecomUserId = recipient.accounts.wecom;
      if (wecomUserId?.startsWith(ROBOT_PREFIX))
        results.set(recipient.personId, await sendToRobot(wecomUserId.slice(ROBOT_PREFIX.length), request));
      else if (wecomUserId) reachable.push({ ...recipient, wecomUserId });
      else results.set(recipient.personId, noAccount);
    }
    if (reachable.length === 0) return results;
    const parts = await renderParts(request);
    if (!Array.isArray(parts)) {
      for (const recipient of reachable) results.set(recipient.personId, parts);
      return results;
    }
    const userIds = [...new Map(reachable.map((r) => [userKey(r.wecomUserId), r.wecomUserId])).values()];
    const sendable = request.message.kind === "card" ? userIds.slice(0, BATCH) : userIds;
    const outcome = new Map<string, SendResult>();
    for (let i = 0; i < sendable.length; i += BATCH) {
      const batch = sendable.slice(i, i + BATCH);
      // While WeCom's 45009 block lasts, nothing is sent: not this request, not the next batch.
      const pauseMs = backoff.remainingMs();
      const batchResults =
        pauseMs > 0
          ? new Map(batch.map((id) => [userKey(id), paused(pauseMs)]))
          : await sendWecomBatch(batch, parts, { ...deps, dedupe: request.platformDedupe === true });
      for (const [key, result] of batchResults) outcome.set(key, result);
    }
    const tooMany: SendResult = {
      status: "permanent-error",
      reason: message("wecom", "cardTooManyRecipients"),
    };
    for (const recipient of reachable) {
      results.set(recipient.personId, outcome.get(userKey(recipient.wecomUserId)) ?? tooMany);
    }
    return results;
  }

  /** The message/send parts, an image or a file uploaded first; or why nobody gets it. */
  async function renderParts(request: SendRequest): Promise<WecomMessageBody[] | SendResult> {
    const outbound = request.message;
    if (outbound.kind !== "image" && outbound.kind !== "file") {
      const parts = renderWecomMessage(outbound, request.cardId);
      return typeof parts === "string"
        ? { status: "permanent-error", reason: describeProblem(parts) }
        : parts;
    }
    const problem = checkMessage(outbound, undefined);
    if (problem) return { status: "permanent-error", reason: describeProblem(problem) };
    const pauseMs = backoff.remainingMs();
    if (pauseMs > 0) return paused(pauseMs);
    try {
      return [renderWecomMedia(outbound.kind, await uploader.mediaId(outbound))];
    } catch (error) {
      // As a failed message/send: no token, 45009 (the app's limit covers uploads too) and an
      // unreachable WeCom are the channel's, a refused file (40005, 40006…) the message's.
      const retryMs = error instanceof WecomApiError && error.errcode === 45009 ? backoff.hit() : 0;
      deps.logger.debug("WeCom media/upload failed", { error });
      return forTheApp(toSendFailure(error, retryMs || backoff.remainingMs() || 60_000));
    }
  }

  async function sendToRobot(name: string, request: SendRequest): Promise<SendResult> {
    const robot = options.robots?.find((r) => r.name === name);
    if (!robot) return { status: "invalid-recipient", reason: message("wecom", "robotUnknown", { name }) };
    const outbound = request.message;
    if (outbound.kind === "image" || outbound.kind === "file") {
      const problem = checkMessage(outbound, undefined);
      if (problem) return { status: "permanent-error", reason: describeProblem(problem) };
      return robot.sendMedia(outbound);
    }
    return robot.sendMarkdown(robotMarkdown(outbound));
  }

  return {
    name: "wecom",
    budgets,
    limits: WECOM_LIMITS,
    duplicateWindowMs: duplicateWindow,
    // A group robot's webhook/send has no duplicate check: a copy sent again would be posted again.
    duplicateWindowFor: (recipient) =>
      recipient.accounts.wecom?.startsWith(ROBOT_PREFIX) ? undefined : duplicateWindow,
    send,
    updateCard: (request) => updateWecomCard(request, { ...deps, clock: options.clock, send }),
  };
}
