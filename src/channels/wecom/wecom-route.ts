import type Router from "@koa/router";
import type Koa from "koa";
import type { Clock } from "../../shared/clock.js";
import type { Logger } from "../../shared/logger.js";
import { readRawBody } from "../../shared/read-raw-body.js";
import type { InboundEvent } from "../channel.js";
import type { EventInbox } from "../channel-plugin.js";
import { type CallbackKeys, openWecomCallback, openWecomEchostr } from "./wecom-callback.js";
import { WECOM_CRYPTO_CODES, WecomCryptoError, WecomReplayError } from "./wecom-errors.js";
import { readWecomInbound } from "./wecom-inbound.js";
import { toInboundEvent } from "./wecom-inbound-event.js";

export interface WecomRouteDeps {
  /** A WecomConfig fits. */
  config: CallbackKeys;
  /** Where each event is stored before WeCom gets its 200, and processed from. */
  inbox: EventInbox;
  logger: Logger;
  clock: Clock;
  /** Told each refused callback, with why (the WecomRefusal words); the 503 is the inbox's to tell. */
  onRefused?: (reason: WecomRefusal) => void;
  /** Receives the post-acknowledgement work; tests collect it to await it. Default: run detached. */
  waitUntil?: (task: Promise<unknown>) => void;
  path?: string;
  maxBodyBytes?: number;
}

/**
 * WeCom's callbacks are small XML documents; 1 MiB is the cap the official plugin uses
 * (WecomTeam/wecom-openclaw-plugin LIMITS.MAX_REQUEST_BODY_SIZE, brief §1.9.4).
 */
export const WECOM_MAX_BODY_BYTES = 1024 * 1024;

/**
 * Why a callback was refused, in words fixed here (the metrics' label values): forged or foreign
 * (401), a replay outside the window, malformed (400), over the size cap, or our own failure (500).
 */
export type WecomRefusal = "unauthorised" | "replay" | "malformed" | "too-large" | "failed";

/**
 * The same decoded values as Koa's `ctx.query` (which is built on URLSearchParams too), without
 * copying every key into an object first; repeated names stay visible to the callback's checks.
 */
const readQuery = (ctx: Koa.Context): URLSearchParams => new URLSearchParams(ctx.querystring);

/**
 * GET and POST `/wecom/callback` (the app's 接收消息 URL). GET answers the decrypted echostr and
 * nothing else (Doc 96466: within 1 s). POST verifies and decrypts, stores the event in the inbox
 * (the callbacks of one event-loop turn in one transaction), then answers 200 with an empty body
 * ("直接返回200（即以空串为返回包）") and processes the event after the answer. WeCom does not
 * retry after a 200, so nothing is acknowledged before it is stored: when the store cannot take
 * the event, WeCom gets 503 and retries.
 */
export function mountWecomRoute(router: Router, deps: WecomRouteDeps): void {
  const path = deps.path ?? "/wecom/callback";
  const logger = deps.logger.child({ route: path });
  const waitUntil = deps.waitUntil ?? ((task: Promise<unknown>) => void task);

  const refuse = (ctx: Koa.Context, error: unknown, reason = refusalOf(error)): void => {
    deps.onRefused?.(reason);
    ctx.type = "text/plain";
    ctx.body = "";
    if (error instanceof WecomCryptoError || error instanceof WecomReplayError) {
      ctx.status = error.status;
      const code = error instanceof WecomCryptoError ? error.wecomCode : "replay";
      // The message names the failed check only; the token, AES key and payload never appear.
      logger.warn("WeCom callback refused", {
        status: error.status,
        code,
        reason: error.message,
        ip: ctx.ip,
      });
      return;
    }
    ctx.status = 500;
    logger.error("WeCom callback failed", { error, ip: ctx.ip });
  };

  router.get(path, (ctx) => {
    try {
      const echo = openWecomEchostr({ query: readQuery(ctx) }, deps.config, deps.clock.now());
      ctx.status = 200;
      ctx.type = "text/plain";
      ctx.body = echo;
    } catch (error) {
      refuse(ctx, error);
    }
  });

  router.post(path, async (ctx) => {
    let body: Buffer | "too-large";
    try {
      body = await readRawBody(ctx.req, deps.maxBodyBytes ?? WECOM_MAX_BODY_BYTES);
    } catch (error) {
      // Nobody is left to read the answer; WeCom retries what it did not get through.
      logger.info("WeCom callback body not received", { reason: (error as Error).message, ip: ctx.ip });
      ctx.status = 400;
      return;
    }
    if (body === "too-large") {
      ctx.set("Connection", "close");
      refuse(
        ctx,
        new WecomCryptoError(WECOM_CRYPTO_CODES.parseXml, "request body exceeds the size cap"),
        "too-large",
      );
      return;
    }
    let event: InboundEvent | undefined;
    try {
      const opened = openWecomCallback({ query: readQuery(ctx), body }, deps.config, deps.clock.now());
      event = toInboundEvent(readWecomInbound(opened.plainXml));
    } catch (error) {
      refuse(ctx, error);
      return;
    }
    ctx.body = "";
    if (event === undefined) {
      ctx.status = 200;
      return;
    }
    let fresh: boolean;
    try {
      fresh = await deps.inbox.accept(event);
    } catch (error) {
      ctx.type = "text/plain";
      ctx.status = 503;
      logger.error("WeCom callback not stored: answered 503 so that WeCom retries", {
        eventId: event.eventId,
        error,
      });
      return;
    }
    ctx.status = 200;
    if (!fresh) {
      logger.info("repeated WeCom delivery ignored", { eventId: event.eventId });
      return;
    }
    const accepted = event;
    // Starts when the response is out (or the connection gone): the acknowledgement never waits.
    const answered = new Promise((resolve) => ctx.res.once("close", resolve));
    waitUntil(answered.then(() => deps.inbox.process(accepted)));
  });
}

function refusalOf(error: unknown): WecomRefusal {
  if (error instanceof WecomReplayError) return "replay";
  if (!(error instanceof WecomCryptoError)) return "failed";
  return error.status === 401 ? "unauthorised" : error.status === 400 ? "malformed" : "failed";
}
