import { isLoopbackUrl } from "../../shared/is-loopback.js";
import type { ChannelPlugin } from "../channel-plugin.js";
import { readWecomConfig, type WecomConfig } from "./wecom-config.js";

const HOUR_MS = 3_600_000;

/**
 * WeCom (企业微信) as a plugin: the self-built app's API client (its access token shared through
 * Redis when the service runs on Redis), the channel, the named group robots as group recipients,
 * the /wecom/callback route, and 网页授权 for the web console (start-wecom.ts, loaded when started).
 */
export const wecomPlugin: ChannelPlugin<WecomConfig> = {
  name: "wecom",
  readConfig: readWecomConfig,
  async start(config, deps) {
    const { startWecom } = await import("./start-wecom.js");
    return startWecom(config, deps);
  },
  // A callback captured inside the replay window could be replayed until the window closes.
  apiIsLocal: (config) => isLoopbackUrl(config.apiBaseUrl),
  redeliveryMs: (config) => config.replayWindowS * 1000 + HOUR_MS,
};
