import type { Channel, ChannelName, SendResult } from "../channels/channel.js";

/**
 * The channels as the dispatcher sees them, each send's results also told to `onSend` (a send
 * that throws is told as a transient error, then rethrown for the dispatcher to handle as before).
 */
export function observeSends(
  channels: ReadonlyMap<ChannelName, Channel>,
  onSend: (channel: ChannelName, result: SendResult) => void,
): ReadonlyMap<ChannelName, Channel> {
  const observed = new Map<ChannelName, Channel>();
  for (const [name, channel] of channels) {
    // Channels are plain objects (factories), so a copy keeps everything else they offer.
    observed.set(name, {
      ...channel,
      async send(request) {
        try {
          const results = await channel.send(request);
          for (const result of results.values()) onSend(name, result);
          return results;
        } catch (error) {
          onSend(name, { status: "transient-error", reason: (error as Error).message ?? String(error) });
          throw error;
        }
      },
    });
  }
  return observed;
}
