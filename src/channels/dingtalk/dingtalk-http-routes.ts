import type Router from "@koa/router";
import type Koa from "koa";
import type { Clock } from "../../shared/clock.js";
import type { Logger } from "../../shared/logger.js";
import { readRawBody } from "../../shared/read-raw-body.js";
import type { EventInbox } from "../channel-plugin.js";
import { DingCallbackCrypto, type DingCallbackRandom } from "./dingtalk-callback-crypto.js";
import type { DingtalkConfig } from "./dingtalk-config.js";
import type { SessionWebhook } from "./dingtalk-contracts.js";
import { DingtalkCryptoError, DingtalkRobotSignError } from "./dingtalk-errors.js";
import { openDingtalkEvent } from "./dingtalk-event-callback.js";
import { readRobotMessage } from "./dingtalk-robot-message.js";
import { checkRobotSign } from "./dingtalk-robot-sign.js";

/** What the routes need of the settings; a DingtalkConfig fits. */
export type DingtalkHttpKeys = Pick<DingtalkConfig, "clientId" | "clientSecret" | "eventCallback"> &
  Partial<Pick<DingtalkConfig, "apiBaseUrl">>;

export interface DingtalkHttpDeps {
  config: DingtalkHttpKeys;
  /** Where each robot message is stored before DingTalk gets its 200, and processed from. */
  inbox: EventInbox;
  logger: Logger;
  clock: Clock;
  /** Told each refused callback, with why (the DingtalkRefusal words); the 503 is the inbox's to tell. */
  onRefused?: (reason: DingtalkRefusal) => void;
  /** Told the reply address of each newly stored message, before it is processed. */
  onSessionWebhook?: (userId: string, webhook: SessionWebhook) => void;
  /** Receives the post-acknowledgement work; tests collect it to await it. Default: run detached. */
  waitUntil?: (task: Promise<unknown>) => void;
  maxBodyBytes?: number;
  /** Fixes the event reply's random prefix and nonce (tests); default: fresh random ones. */
  random?: DingCallbackRandom;
}

export const DINGTALK_ROBOT_PATH = "/dingtalk/robot";
export const DINGTALK_EVENT_PATH = "/dingtalk/event";

/** Robot messages and event envelopes are small JSON documents; 1 MiB is WeCom's cap too. */
export const DINGTALK_MAX_BODY_BYTES = 1024 * 1024;

/**
 * Why a callback was refused, in words fixed here (the metrics' label values), the same as
 * WeCom's: forged or unsigned (401), a correct sign outside the hour (401), malformed (400), over
 * the size cap (413), or our own failure (500).
 */
export type DingtalkRefusal = "unauthorised" | "replay" | "malformed" | "too-large" | "failed";

/**
 * Mounts DingTalk's HTTP receiving (DINGTALK_MODE=http):
 *
 * - `POST /dingtalk/robot`, the robot's 消息接收地址: the `timestamp`/`sign` headers checked, the
 *   message read, stored in the inbox, then 200 with an empty body and the message processed
 *   after the answer. Store before acknowledging: when the store cannot take it, DingTalk gets
 *   503. Replies go through the sessionWebhook or the OpenAPI, never this response's body (which
 *   DingTalk would post into the chat as a message).
 * - `POST /dingtalk/event`, the 事件订阅 request URL, only when DINGTALK_CALLBACK_TOKEN and
 *   DINGTALK_CALLBACK_AES_KEY are set (404 otherwise): verified, decrypted, answered with the
 *   encrypted "success" at once (DingTalk allows 1.5 s for check_url).
 */
export function mountDingtalkHttpRoutes(router: Router, deps: DingtalkHttpDeps): void {
  const waitUntil = deps.waitUntil ?? ((task: Promise<unknown>) => void task);
  mountRobotRoute(router, deps, waitUntil);
  if (deps.config.eventCallback) mountEventRoute(router, deps, deps.config.eventCallback);
}

function mountRobotRoute(
  router: Router,
  deps: DingtalkHttpDeps,
  waitUntil: (task: Promise<unknown>) => void,
): void {
  const logger = deps.logger.child({ route: DINGTALK_ROBOT_PATH });
  const trustedWebhookOrigins = deps.config.apiBaseUrl ? [new URL(deps.config.apiBaseUrl).origin] : [];

  router.post(DINGTALK_ROBOT_PATH, async (ctx) => {
    const body = await receiveBody(ctx, deps, logger);
    if (body === undefined) return;
    try {
      checkRobotSign(
        { timestamp: ctx.get("timestamp"), sign: ctx.get("sign") },
        deps.config.clientSecret,
        deps.clock.now(),
      );
    } catch (error) {
      refuse(ctx, deps, logger, error);
      return;
    }
    const reading = readRobotMessage(body, { trustedWebhookOrigins, receivedAt: deps.clock.now() });
    if (reading.kind === "malformed") {
      refuse(ctx, deps, logger, undefined, { status: 400, reason: "malformed", problem: reading.problem });
      return;
    }
    ctx.status = 200;
    ctx.body = "";
    if (reading.kind === "ignored") {
      logger.info("DingTalk robot message ignored", {
        reason: reading.reason,
        msgtype: reading.msgtype,
        msgId: reading.msgId,
      });
      return;
    }
    if (reading.untrustedWebhookOrigin) {
      logger.warn("DingTalk robot message's sessionWebhook is outside DingTalk: not used for replies", {
        origin: reading.untrustedWebhookOrigin,
        eventId: reading.event.eventId,
      });
    }
    const { event, session } = reading;
    let fresh: boolean;
    try {
      fresh = await deps.inbox.accept(event);
    } catch (error) {
      ctx.type = "text/plain";
      ctx.status = 503;
      logger.error("DingTalk robot message not stored: answered 503", { eventId: event.eventId, error });
      return;
    }
    if (!fresh) {
      logger.info("repeated DingTalk delivery ignored", { eventId: event.eventId });
      return;
    }
    if (session) {
      try {
        deps.onSessionWebhook?.(session.userId, session.webhook);
      } catch (error) {
        logger.error("DingTalk sessionWebhook not remembered", { eventId: event.eventId, error });
      }
    }
    // Starts when the response is out (or the connection gone): the acknowledgement never waits.
    const answered = new Promise((resolve) => ctx.res.once("close", resolve));
    waitUntil(answered.then(() => deps.inbox.process(event)));
  });
}

function mountEventRoute(
  router: Router,
  deps: DingtalkHttpDeps,
  keys: NonNullable<DingtalkHttpKeys["eventCallback"]>,
): void {
  const logger = deps.logger.child({ route: DINGTALK_EVENT_PATH });
  // Built once at mount: a key the config let through but AES refuses stops the start, not a request.
  const crypto = new DingCallbackCrypto({ ...keys, ownerKey: deps.config.clientId }, deps.random);

  router.post(DINGTALK_EVENT_PATH, async (ctx) => {
    const body = await receiveBody(ctx, deps, logger);
    if (body === undefined) return;
    let eventType: string;
    let timestamp: string;
    try {
      ({ eventType, timestamp } = openDingtalkEvent(
        { query: new URLSearchParams(ctx.querystring), body },
        crypto,
      ));
    } catch (error) {
      refuse(ctx, deps, logger, error);
      return;
    }
    ctx.status = 200;
    ctx.body = crypto.successReply(timestamp);
    // Duban subscribes to no event it acts on yet: each is answered so that DingTalk stops
    // re-sending it, and noted by type only (its fields may name people).
    if (eventType === "check_url") logger.info("DingTalk event callback address verified (check_url)");
    else logger.info("DingTalk event answered without action", { eventType: eventType.slice(0, 64) });
  });
}

/** The capped raw body, or undefined once the request has been answered (too large, or aborted). */
async function receiveBody(
  ctx: Koa.Context,
  deps: DingtalkHttpDeps,
  logger: Logger,
): Promise<Buffer | undefined> {
  let body: Buffer | "too-large";
  try {
    body = await readRawBody(ctx.req, deps.maxBodyBytes ?? DINGTALK_MAX_BODY_BYTES);
  } catch (error) {
    // Nobody is left to read the answer.
    logger.info("DingTalk callback body not received", { reason: (error as Error).message, ip: ctx.ip });
    ctx.status = 400;
    return undefined;
  }
  if (body === "too-large") {
    ctx.set("Connection", "close");
    refuse(ctx, deps, logger, undefined, {
      status: 413,
      reason: "too-large",
      problem: "request body exceeds the size cap",
    });
    return undefined;
  }
  return body;
}

interface Refusal {
  status: 400 | 401 | 413 | 500;
  reason: DingtalkRefusal;
  problem: string;
  code?: number;
}

/**
 * Answers a refused callback with its status and an empty body, tells the metrics, and logs the
 * failed check only: never the body, the sign, the token, the AES key or the app secret.
 */
function refuse(
  ctx: Koa.Context,
  deps: DingtalkHttpDeps,
  logger: Logger,
  error: unknown,
  given?: Refusal,
): void {
  const refusal = given ?? refusalOf(error);
  deps.onRefused?.(refusal.reason);
  ctx.status = refusal.status;
  ctx.type = "text/plain";
  ctx.body = "";
  if (refusal.reason === "failed") {
    logger.error("DingTalk callback failed", { error, ip: ctx.ip });
    return;
  }
  logger.warn("DingTalk callback refused", {
    status: refusal.status,
    reason: refusal.reason,
    ...(refusal.code ? { code: refusal.code } : {}),
    problem: refusal.problem,
    ip: ctx.ip,
  });
}

function refusalOf(error: unknown): Refusal {
  if (error instanceof DingtalkRobotSignError) {
    return { status: 401, reason: error.reason, problem: error.message };
  }
  if (error instanceof DingtalkCryptoError) {
    const reason = error.status === 401 ? "unauthorised" : error.status === 400 ? "malformed" : "failed";
    return { status: error.status, reason, problem: error.message, code: error.dingCode };
  }
  return { status: 500, reason: "failed", problem: "unexpected error" };
}
