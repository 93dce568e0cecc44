import { message } from "../../templates/template-store.js";
import type { PluginDeps, ReceivingHealth, StartedChannel } from "../channel-plugin.js";
import { openSharedTokenCache } from "../redis-access-token-cache.js";
import { mountDingtalkActRoute } from "./dingtalk-act-route.js";
import { createDingtalkApi } from "./dingtalk-api.js";
import { cardButtonsIn, createDingtalkCards } from "./dingtalk-cards.js";
import { createDingtalkChannel } from "./dingtalk-channel.js";
import type { DingtalkConfig } from "./dingtalk-config.js";
import { mountDingtalkHttpRoutes } from "./dingtalk-http-routes.js";
import { createSessionWebhooks } from "./dingtalk-session-webhooks.js";
import { createStreamReceiver } from "./dingtalk-stream-receiver.js";
import { createDingtalkStream, type DingtalkStream, type StreamState } from "./stream/dingtalk-stream.js";

/** Receiving down this long is worth a warning in /healthz (reconnects take seconds). */
const RECEIVING_WARNING_AFTER_MS = 2 * 60_000;

/**
 * DingTalk's channel, started (dingtalk-plugin.ts loads this file only then: the OpenAPI client,
 * the cards and the Stream client with its WebSocket are not loaded where DingTalk is off).
 */
export async function startDingtalk(config: DingtalkConfig, deps: PluginDeps): Promise<StartedChannel> {
  const logger = deps.logger.child({ channel: "dingtalk" });
  const tokens = await openSharedTokenCache(deps, "dingtalk");
  const api = createDingtalkApi({
    config,
    clock: deps.clock,
    logger,
    counters: deps.counters,
    notifyAdmins: deps.notifyAdmins,
    ...(tokens.tokenCache ? { tokenCache: tokens.tokenCache } : {}),
  });
  const cards = createDingtalkCards({ config, api, clock: deps.clock, logger });
  const sessionWebhooks = createSessionWebhooks({ clock: deps.clock });
  if (cards.mode === "markdown")
    logger.warn(
      "DingTalk cards go as markdown without buttons: set DINGTALK_CARD_TEMPLATE_ID (interactive cards) or PUBLIC_BASE_URL (buttons as signed links); see docs/dingtalk.md",
    );
  let stream: DingtalkStream | undefined;
  let downSinceMs: number | undefined;

  return {
    channel: createDingtalkChannel({
      config,
      api,
      cards,
      sessionWebhooks,
      clock: deps.clock,
      logger,
      cardButtons: cardButtonsIn(cards.mode),
    }),
    receive: ({ inbox, router }) => {
      const onRefused = (reason: string) => deps.onRefused?.("dingtalk", reason);
      if (config.mode === "http")
        mountDingtalkHttpRoutes(router, {
          config,
          inbox,
          logger,
          clock: deps.clock,
          onRefused,
          onSessionWebhook: (userId, webhook) => sessionWebhooks.remember(userId, webhook),
        });
      if (cards.mode === "links")
        mountDingtalkActRoute(router, {
          config,
          inbox,
          clock: deps.clock,
          logger,
          usedTokens: deps.counters,
        });
      if (config.mode === "stream" || cards.mode === "interactive") {
        stream = createDingtalkStream({
          apiBaseUrl: config.apiBaseUrl,
          clientId: config.clientId,
          clientSecret: config.clientSecret,
          ua: "duban",
          logger,
          clock: deps.clock,
          onFrame: createStreamReceiver({
            inbox,
            sessionWebhooks,
            clock: deps.clock,
            logger,
            trustedWebhookOrigins: [new URL(config.apiBaseUrl).origin],
            onRefused,
          }),
        });
        stream.start();
      }
    },
    receiving: () => {
      if (!stream) return undefined;
      const state = stream.state();
      return receivingHealth(state, Date.now(), (down) => {
        downSinceMs = down ? (downSinceMs ?? Date.now()) : undefined;
        return downSinceMs;
      });
    },
    close: async () => {
      await stream?.close();
      tokens.close();
    },
  };
}

/** The stream's state for /healthz, with a warning once it has been down a while. */
function receivingHealth(
  state: StreamState,
  nowMs: number,
  downSince: (down: boolean) => number | undefined,
): ReceivingHealth {
  const since = downSince(state.status !== "connected");
  const warning =
    since !== undefined && nowMs - since >= RECEIVING_WARNING_AFTER_MS
      ? message("dingtalk", "streamDown", { minutes: Math.round((nowMs - since) / 60_000) })
      : undefined;
  return { state: { mode: "stream", ...state }, ...(warning ? { warning } : {}) };
}
