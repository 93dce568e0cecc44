import type Router from "@koa/router";
import type { Channel, ChannelName } from "./channel.js";
import { type ChannelLimits, strictestLimits } from "./channel-limits.js";
import type {
  ConfiguredPlugin,
  EventInbox,
  PluginDeps,
  ReceivingHealth,
  StartedChannel,
} from "./channel-plugin.js";
import { LOCAL_CHANNEL } from "./choose-channel.js";
import { createLocalChannel, type LocalChannel } from "./local/local-channel.js";
import type { WebSignIn } from "./web-sign-in.js";

export interface RunningChannels {
  /** By name, in order of preference (the plugin table's). */
  channels: ReadonlyMap<ChannelName, Channel>;
  /** The in-process channel, when no platform is configured. */
  local?: LocalChannel;
  /** What a message rendered for any of them may hold. */
  limits: ChannelLimits;
  /** Longest time after which any running platform may deliver an event again. */
  redeliveryMs: number;
  /** Starts each platform's receiving (routes, streams) into the inbox. */
  receive(from: { inbox: EventInbox; router: Router }): void;
  /** How receiving stands, for the platforms that keep a connection of their own. */
  receiving(): Record<ChannelName, ReceivingHealth>;
  /** The web console's sign-in from inside a platform's app, by channel, for the platforms that have one. */
  webSignIn: ReadonlyMap<ChannelName, WebSignIn>;
  close(): Promise<void>;
}

/** The channels that will run for `configured`, in order of preference: the platforms', else local. */
export const channelNames = (configured: readonly ConfiguredPlugin[]): ChannelName[] =>
  configured.length > 0 ? configured.map(({ plugin }) => plugin.name) : [LOCAL_CHANNEL];

/**
 * Starts the configured platforms in table order; with none, the local channel, so that the
 * service runs with no credentials. A platform that fails to start closes the ones started before.
 */
export async function startChannels(
  configured: readonly ConfiguredPlugin[],
  deps: PluginDeps,
): Promise<RunningChannels> {
  const started: Array<StartedChannel & { name: ChannelName }> = [];
  const channels = new Map<ChannelName, Channel>();
  let redeliveryMs = 0;
  try {
    for (const { plugin, config } of configured) {
      const platform = await plugin.start(config, deps);
      started.push({ ...platform, name: plugin.name });
      channels.set(plugin.name, platform.channel);
      redeliveryMs = Math.max(redeliveryMs, plugin.redeliveryMs?.(config) ?? 0);
    }
  } catch (error) {
    await Promise.allSettled(started.map((platform) => platform.close()));
    throw error;
  }
  const local =
    configured.length === 0 ? createLocalChannel({ clock: deps.clock, logger: deps.logger }) : undefined;
  if (local) channels.set(LOCAL_CHANNEL, local);
  return {
    channels,
    ...(local ? { local } : {}),
    limits: strictestLimits([...channels.values()].map((channel) => channel.limits)),
    redeliveryMs,
    webSignIn: new Map(
      started.flatMap((platform) =>
        platform.webSignIn ? [[platform.name, platform.webSignIn] as const] : [],
      ),
    ),
    receive: (from) => {
      for (const platform of started) platform.receive?.(from);
    },
    receiving: () =>
      Object.fromEntries(
        started.flatMap((platform) => {
          const health = platform.receiving?.();
          return health ? [[platform.name, health]] : [];
        }),
      ),
    close: async () => {
      await Promise.allSettled(started.map((platform) => platform.close()));
    },
  };
}
