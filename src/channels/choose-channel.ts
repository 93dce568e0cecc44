import type { Recipient } from "../directory/recipient.js";
import type { ChannelName } from "./channel.js";

/** The channel the local fallback runs as: it reaches everyone, by person id. */
export const LOCAL_CHANNEL: ChannelName = "local";

/**
 * The first channel that is on and knows the recipient (has an account there), in the order of
 * the plugin table; the local channel, when it is on, reaches everyone.
 */
export function chooseChannel(
  recipient: Recipient,
  channels: readonly ChannelName[],
): ChannelName | undefined {
  for (const channel of channels) {
    if (channel === LOCAL_CHANNEL || recipient.accounts[channel] !== undefined) return channel;
  }
  return undefined;
}
