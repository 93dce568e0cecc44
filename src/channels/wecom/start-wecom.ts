import { message } from "../../templates/template-store.js";
import type { PluginDeps, StartedChannel } from "../channel-plugin.js";
import { openSharedTokenCache } from "../redis-access-token-cache.js";
import { createWecomApi } from "./wecom-api.js";
import { createWecomChannel } from "./wecom-channel.js";
import type { WecomConfig } from "./wecom-config.js";
import { createWecomRobot } from "./wecom-robot.js";
import { mountWecomRoute } from "./wecom-route.js";
import { createWecomWebSignIn } from "./wecom-web-sign-in.js";

/**
 * WeCom's channel, started (wecom-plugin.ts loads this file only then: the API client, the XML
 * and crypto of the callbacks are not loaded by a service or a command that does not use WeCom).
 */
export async function startWecom(config: WecomConfig, deps: PluginDeps): Promise<StartedChannel> {
  const logger = deps.logger.child({ channel: "wecom" });
  const tokens = await openSharedTokenCache(deps, "wecom");
  const api = createWecomApi({
    config,
    clock: deps.clock,
    logger,
    ...(tokens.tokenCache ? { tokenCache: tokens.tokenCache } : {}),
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
    webSignIn: createWecomWebSignIn({ config, api, logger }),
    close: async () => {
      tokens.close();
    },
  };
}
