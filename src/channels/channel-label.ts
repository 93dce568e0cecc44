import { message } from "../templates/template-store.js";
import type { ChannelName } from "./channel.js";

/** The channel's name as people read it (templates/channels.yaml `name.<channel>`), else as configured. */
export function channelLabel(channel: ChannelName): string {
  try {
    return message("channels", `name.${channel}`);
  } catch {
    return channel;
  }
}
