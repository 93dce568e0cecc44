import type Router from "@koa/router";
import type Koa from "koa";
import type { Clock } from "../../shared/clock.js";
import type { Logger } from "../../shared/logger.js";
import { messages } from "../../templates/template-store.js";
import type { ChannelName, InboundEvent } from "../channel.js";
import type { EventInbox, SharedCounters } from "../channel-plugin.js";
import { sendActPage } from "./dingtalk-act-page.js";
import { ACT_PATH, type ActionLinkClaims, actionLinkKey, verifyActionLink } from "./dingtalk-action-link.js";
import type { DingtalkConfig } from "./dingtalk-config.js";

const m = messages("dingtalk-cards");

export interface DingtalkActRouteDeps {
  config: Pick<DingtalkConfig, "clientSecret" | "publicBaseUrl">;
  /** Where the choice is stored (and deduplicated on the link's nonce) before the page answers. */
  inbox: EventInbox;
  clock: Clock;
  logger: Logger;
  /**
   * Remembers spent links so that opening one again shows "此链接已使用" without a confirm button.
   * Optional: without it the used page shows on the confirming POST (the inbox's dedupe decides
   * either way; this is only what the GET shows).
   */
  usedTokens?: Pick<SharedCounters, "add" | "read">;
  /** The channel's name, the events' `channel`; default "dingtalk". */
  channel?: ChannelName;
  /** Receives the after-answer processing; tests collect it to await it. Default: run detached. */
  waitUntil?: (task: Promise<unknown>) => void;
}

/** Why a link was refused, in words fixed here: the log's and the metrics' values. */
export type ActRefusal = "forged" | "expired" | "cross-origin";

/**
 * `GET /dingtalk/act/:token` shows what the link would record ("确认「签收」？") with a confirm
 * button; nothing is recorded by opening it, so link previews and prefetchers change nothing.
 * `POST` (the button) records the choice once: the card-action event of the person the link was
 * made for goes into the inbox under the link's nonce, the page answers, then the event is
 * processed (the reply goes to that person's DingTalk chat). A second use of any link of the same
 * card finds the nonce in the inbox and records nothing. The token is the capability (HMAC-signed,
 * expiring); a POST must also come from this site when the browser says where it comes from.
 */
export function mountDingtalkActRoute(router: Router, deps: DingtalkActRouteDeps): void {
  const key = actionLinkKey(deps.config.clientSecret);
  const logger = deps.logger.child({ route: ACT_PATH });
  const channel = deps.channel ?? "dingtalk";
  const waitUntil = deps.waitUntil ?? ((task: Promise<unknown>) => void task);
  const path = `${ACT_PATH}/:token`;

  /** The link's claims, or the refusal page already sent. */
  const open = (ctx: Koa.Context): ActionLinkClaims | undefined => {
    const check = verifyActionLink(String(ctx.params.token ?? ""), key, deps.clock.now().getTime());
    if (check.ok) return check.claims;
    logger.info("DingTalk card link refused", {
      reason: check.reason satisfies ActRefusal,
      ...(check.reason === "expired" ? { cardId: check.claims.cardId } : {}),
      ip: ctx.ip,
    });
    if (check.reason === "expired")
      sendActPage(ctx, 410, { heading: m("expiredHeading"), hint: m("expiredHint") });
    else sendActPage(ctx, 403, { heading: m("forgedHeading"), hint: m("forgedHint") });
    return undefined;
  };

  router.get(path, async (ctx) => {
    const claims = open(ctx);
    if (!claims) return;
    if (await wasUsed(claims)) {
      sendActPage(ctx, 200, { heading: m("usedHeading"), hint: m("usedHint") });
      return;
    }
    sendActPage(ctx, 200, {
      heading: m("confirmHeading", { choice: claims.choice }),
      hint: m("confirmHint"),
      confirm: m("confirmButton"),
    });
  });

  router.post(path, async (ctx) => {
    const claims = open(ctx);
    if (!claims) return;
    if (!sameOrigin(ctx, deps.config.publicBaseUrl)) {
      logger.warn("DingTalk card link refused", { reason: "cross-origin" satisfies ActRefusal, ip: ctx.ip });
      sendActPage(ctx, 403, { heading: m("originHeading"), hint: m("originHint") });
      return;
    }
    const event: InboundEvent = {
      kind: "card-action",
      eventId: `dingtalk:act:${claims.nonce}`,
      channel,
      // The person the card was sent to: the page cannot know who opened it (see docs/dingtalk.md).
      from: claims.userId,
      cardId: claims.cardId,
      actionKey: claims.actionKey,
      at: deps.clock.now().toISOString(),
    };
    let fresh: boolean;
    try {
      fresh = await deps.inbox.accept(event);
    } catch (error) {
      logger.error("DingTalk card link choice not stored: answered 503", { eventId: event.eventId, error });
      sendActPage(ctx, 503, { heading: m("unavailableHeading"), hint: m("unavailableHint") });
      return;
    }
    await markUsed(claims);
    if (!fresh) {
      logger.info("DingTalk card link used again: nothing recorded", { eventId: event.eventId });
      sendActPage(ctx, 409, { heading: m("usedHeading"), hint: m("usedHint") });
      return;
    }
    sendActPage(ctx, 200, {
      heading: m("recordedHeading", { choice: claims.choice }),
      hint: m("recordedHint"),
    });
    // Starts when the page is out (or the connection gone): the answer never waits on processing.
    const answered = new Promise((resolve) => ctx.res.once("close", resolve));
    waitUntil(answered.then(() => deps.inbox.process(event)));
  });

  async function wasUsed(claims: ActionLinkClaims): Promise<boolean> {
    if (!deps.usedTokens) return false;
    try {
      return (await deps.usedTokens.read(usedKey(claims), deps.clock.now())) > 0;
    } catch (error) {
      // Only what the page shows depends on it: the POST's inbox decides.
      logger.warn("could not read whether a DingTalk card link was used", { error });
      return false;
    }
  }

  async function markUsed(claims: ActionLinkClaims): Promise<void> {
    if (!deps.usedTokens) return;
    try {
      await deps.usedTokens.add(usedKey(claims), 1, new Date(claims.expiresAtMs));
    } catch (error) {
      logger.warn("could not remember a used DingTalk card link", { error });
    }
  }
}

const usedKey = (claims: ActionLinkClaims): string => `dingtalk:act-used:${claims.nonce}`;

/**
 * Whether a POST comes from this site, when the browser says: its Origin (or, without one, its
 * Referer) must be the public address's origin, or this request's own origin when none is
 * configured. A request that names neither is let through: the token alone is the capability,
 * and older in-app browsers leave both out.
 */
function sameOrigin(ctx: Koa.Context, publicBaseUrl: string | undefined): boolean {
  const expected = publicBaseUrl ? new URL(publicBaseUrl).origin : ctx.origin;
  const origin = ctx.get("Origin");
  if (origin) return origin === expected;
  const referer = ctx.get("Referer");
  if (!referer) return true;
  try {
    return new URL(referer).origin === expected;
  } catch {
    return false;
  }
}
