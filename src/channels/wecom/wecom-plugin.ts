import type { Redis } from "ioredis";
import { isLoopbackUrl } from "../../shared/is-loopback.js";
import { message } from "../../templates/template-store.js";
import type { ChannelPlugin } from "../channel-plugin.js";
import { createRedisTokenCache } from "../redis-access-token-cache.js";
import { createWecomApi } from "./wecom-api.js";
import { createWecomChannel } from "./wecom-channel.js";
import { readWecomConfig, type WecomConfig } from "./wecom-config.js";
import { createWecomRobot } from "./wecom-robot.js";
import { mountWecomRoute } from "./wecom-route.js";

const HOUR_MS = 3_600_000;

/**
 * WeCom (企业微信) as a plugin: the self-built app's API client (its access token shared through
 * Redis when the service runs on Redis), the channel, the named group robots as group recipients,
 * and the /wecom/callback route.
 */
export const wecomPlugin: ChannelPlugin<WecomConfig> = {
  name: "wecom",
  readConfig: readWecomConfig,
  async start(config, deps) {
    const logger = deps.logger.child({ channel: "wecom" });
    // ioredis is loaded only where a token cache is shared: a SQLite deployment, or a simulation, never needs it.
    const redis: Redis | undefined = deps.redisUrl
      ? await (await import("../../store/redis/connect-redis.js")).connectRedis(deps.redisUrl)
      : undefined;
    const api = createWecomApi({
      config,
      clock: deps.clock,
      logger,
      ...(redis ? { tokenCache: createRedisTokenCache(redis, deps.redisKeyPrefix, "wecom") } : {}),
    });
    const robots = config.robots.map(({ name, key }) =>
      createWecomRobot({
        name,
        key,
        apiBaseUrl: config.apiBaseUrl,
        clock: deps.clock,
        logger,
        onKeyInvalid: ({ robot, hint }) => {
          logger.error("a WeCom group robot key is invalid", { robot });
          deps.notifyAdmins({
            key: `robot-invalid/${robot}`,
            text: message("wecom", "robotKeyInvalidNotice", { robot, hint }),
          });
        },
      }),
    );
    return {
      channel: createWecomChannel({
        api,
        robots,
        clock: deps.clock,
        logger,
        ...(config.seats !== undefined ? { seats: config.seats } : {}),
      }),
      receive: ({ inbox, router }) =>
        mountWecomRoute(router, {
          config,
          inbox,
          logger,
          clock: deps.clock,
          onRefused: (reason) => deps.onRefused?.("wecom", reason),
        }),
      close: async () => {
        redis?.disconnect();
      },
    };
  },
  // A callback captured inside the replay window could be replayed until the window closes.
  apiIsLocal: (config) => isLoopbackUrl(config.apiBaseUrl),
  redeliveryMs: (config) => config.replayWindowS * 1000 + HOUR_MS,
};
