import type { ChannelName } from "./channel.js";
import { readWecomConfig } from "./wecom/wecom-config.js";

/**
 * The channels that are on, in order of preference. The local channel runs when no platform is
 * configured, so `npm start` works with no credentials at all.
 */
export function enabledChannels(env: NodeJS.ProcessEnv = process.env): ChannelName[] {
  const channels: ChannelName[] = [];
  if (readWecomConfig(env)) channels.push("wecom");
  if (channels.length === 0) channels.push("local");
  return channels;
}
