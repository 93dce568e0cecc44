import type { Redis } from "ioredis";
import { isLoopbackUrl } from "../../shared/is-loopback.js";
import { message } from "../../templates/template-store.js";
import type { ChannelPlugin, ReceivingHealth } from "../channel-plugin.js";
import { createRedisTokenCache } from "../redis-access-token-cache.js";
import { mountDingtalkActRoute } from "./dingtalk-act-route.js";
import { DINGTALK_LINK_TTL_MS } from "./dingtalk-action-link.js";
import { createDingtalkApi } from "./dingtalk-api.js";
import { cardButtonsIn, createDingtalkCards } from "./dingtalk-cards.js";
import { createDingtalkChannel } from "./dingtalk-channel.js";
import { type DingtalkConfig, readDingtalkConfig } from "./dingtalk-config.js";
import { mountDingtalkHttpRoutes } from "./dingtalk-http-routes.js";
import { ROBOT_SIGN_WINDOW_MS } from "./dingtalk-robot-sign.js";
import { createSessionWebhooks } from "./dingtalk-session-webhooks.js";
import { createStreamReceiver } from "./dingtalk-stream-receiver.js";
import { createDingtalkStream, type DingtalkStream, type StreamState } from "./stream/dingtalk-stream.js";

const DAY_MS = 86_400_000;
/** Receiving down this long is worth a warning in /healthz (reconnects take seconds). */
const RECEIVING_WARNING_AFTER_MS = 2 * 60_000;

/**
 * DingTalk (钉钉) as a plugin: the OpenAPI client (token shared through Redis when the service
 * runs on Redis, one rate bucket, the monthly quota in the store's counters), the cards, the
 * channel, and receiving: the Stream connection (the default, and for card clicks whenever a card
 * template is set, since clicks come only over Stream), or the HTTP callbacks; the link page when
 * cards carry signed links.
 */
export const dingtalkPlugin: ChannelPlugin<DingtalkConfig> = {
  name: "dingtalk",
  readConfig: readDingtalkConfig,
  async start(config, deps) {
    const logger = deps.logger.child({ channel: "dingtalk" });
    // ioredis is loaded only where a token cache is shared: a SQLite deployment, or a simulation, never needs it.
    const redis: Redis | undefined = deps.redisUrl
      ? await (await import("../../store/redis/connect-redis.js")).connectRedis(deps.redisUrl)
      : undefined;
    const api = createDingtalkApi({
      config,
      clock: deps.clock,
      logger,
      counters: deps.counters,
      notifyAdmins: deps.notifyAdmins,
      ...(redis ? { tokenCache: createRedisTokenCache(redis, deps.redisKeyPrefix, "dingtalk") } : {}),
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
        redis?.disconnect();
      },
    };
  },
  // An HTTP robot callback's sign is good for an hour either way; a signed link for a week.
  apiIsLocal: (config) => isLoopbackUrl(config.apiBaseUrl),
  redeliveryMs: () => Math.max(2 * ROBOT_SIGN_WINDOW_MS, DINGTALK_LINK_TTL_MS + DAY_MS),
};

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
