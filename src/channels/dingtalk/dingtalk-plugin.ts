import { isLoopbackUrl } from "../../shared/is-loopback.js";
import type { ChannelPlugin } from "../channel-plugin.js";
import { DINGTALK_LINK_TTL_MS } from "./dingtalk-action-link.js";
import { type DingtalkConfig, readDingtalkConfig } from "./dingtalk-config.js";
import { ROBOT_SIGN_WINDOW_MS } from "./dingtalk-robot-sign.js";

const DAY_MS = 86_400_000;

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
    const { startDingtalk } = await import("./start-dingtalk.js");
    return startDingtalk(config, deps);
  },
  // An HTTP robot callback's sign is good for an hour either way; a signed link for a week.
  apiIsLocal: (config) => isLoopbackUrl(config.apiBaseUrl),
  redeliveryMs: () => Math.max(2 * ROBOT_SIGN_WINDOW_MS, DINGTALK_LINK_TTL_MS + DAY_MS),
};
