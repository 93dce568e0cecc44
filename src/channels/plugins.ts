import type { ChannelPlugin } from "./channel-plugin.js";
import { dingtalkPlugin } from "./dingtalk/dingtalk-plugin.js";
import { wecomPlugin } from "./wecom/wecom-plugin.js";

/**
 * The platforms Duban can run on, in order of preference: a person with accounts on two of them
 * is reached on the first. The only file outside a platform's folder that names one. Adding a
 * platform is adding its folder and its line here.
 */
export const CHANNEL_PLUGINS: readonly ChannelPlugin[] = [
  wecomPlugin as ChannelPlugin,
  dingtalkPlugin as ChannelPlugin,
];
