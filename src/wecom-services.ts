import type Router from "@koa/router";
import type { Redis } from "ioredis";
import type { Channel } from "./channels/channel.js";
import { createWecomApi } from "./channels/wecom/wecom-api.js";
import { createWecomChannel } from "./channels/wecom/wecom-channel.js";
import type { WecomConfig } from "./channels/wecom/wecom-config.js";
import { createRedisTokenCache } from "./channels/wecom/wecom-redis-token-cache.js";
import { createWecomRobot, type WecomRobot } from "./channels/wecom/wecom-robot.js";
import { mountWecomRoute, type RouteInbox } from "./http/wecom-route.js";
import type { Clock } from "./shared/clock.js";
import type { Logger } from "./shared/logger.js";
import { connectRedis } from "./store/redis/connect-redis.js";

export interface WecomServices {
  channel: Channel;
  robots: WecomRobot[];
  mountRoutes(router: Router): void;
  close(): Promise<void>;
}

/**
 * The WeCom half of the composition root: API client (token shared through Redis when the
 * service runs on Redis), channel, group robots and the /wecom/callback route.
 */
export async function createWecomServices(deps: {
  config: WecomConfig;
  redisUrl?: string;
  redisKeyPrefix: string;
  /** Each callback is stored here before WeCom gets its 200 (batched per event-loop turn). */
  inbox: RouteInbox;
  onRobotKeyInvalid(report: { robot: string; hint: string }): void;
  clock: Clock;
  logger: Logger;
}): Promise<WecomServices> {
  const logger = deps.logger.child({ channel: "wecom" });
  const redis: Redis | undefined = deps.redisUrl ? await connectRedis(deps.redisUrl) : undefined;
  const api = createWecomApi({
    config: deps.config,
    clock: deps.clock,
    logger,
    ...(redis ? { tokenCache: createRedisTokenCache(redis, deps.redisKeyPrefix) } : {}),
  });
  const robots = deps.config.robotKeys.map((key) =>
    createWecomRobot({
      key,
      apiBaseUrl: deps.config.apiBaseUrl,
      clock: deps.clock,
      logger,
      onKeyInvalid: deps.onRobotKeyInvalid,
    }),
  );
  return {
    channel: createWecomChannel({ api, clock: deps.clock, logger }),
    robots,
    mountRoutes: (router) =>
      mountWecomRoute(router, {
        config: deps.config,
        inbox: deps.inbox,
        logger,
        clock: deps.clock,
      }),
    close: async () => {
      redis?.disconnect();
    },
  };
}
