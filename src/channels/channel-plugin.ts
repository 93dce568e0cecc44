import type Router from "@koa/router";
import type { Clock } from "../shared/clock.js";
import type { Logger } from "../shared/logger.js";
import type { Channel, ChannelName, InboundEvent } from "./channel.js";
import type { WebSignIn } from "./web-sign-in.js";

/**
 * A platform, as the composition root sees it: everything of the platform (API client, callback
 * routes, config reading, its own wiring) sits in `src/channels/<name>/` behind this interface,
 * and `src/channels/plugins.ts` lists the plugins. Adding a platform is one folder and one line.
 */
export interface ChannelPlugin<Config = unknown> {
  /** The channel's name: the key of people's accounts on it (`accounts.<name>` in the directory). */
  readonly name: ChannelName;
  /**
   * The platform's settings from the environment: undefined when none of its variables is set
   * (the platform is off); a ConfigError naming each variable and its fix when they are wrong.
   * Never puts a secret's value in the error.
   */
  readConfig(env: NodeJS.ProcessEnv): Config | undefined;
  /** Builds the platform's channel from its settings; called once, at start. */
  start(config: Config, deps: PluginDeps): Promise<StartedChannel>;
  /**
   * How long after an event the platform may deliver it again (retries, replays inside its
   * signature window), with these settings. The inbox remembers every event for longer than
   * any channel's.
   */
  redeliveryMs?(config: Config): number;
  /**
   * Whether, with these settings, the platform's API is a fake on this machine (its base URL on
   * loopback): nobody real can be reached, so the demo clock may run (tests and trials).
   */
  apiIsLocal?(config: Config): boolean;
}

/** A plugin whose settings have been read and found on. */
export interface ConfiguredPlugin {
  plugin: ChannelPlugin;
  config: unknown;
}

/**
 * Where a platform hands what people send: the event is stored durably before the platform gets
 * its acknowledgement (store, then acknowledge), then processed.
 */
export interface EventInbox {
  /** Stores the event: true when new, false for a redelivery; rejects when the store fails. */
  accept(event: InboundEvent): Promise<boolean>;
  /** Processes an accepted event (after the acknowledgement); never rejects. */
  process(event: InboundEvent): Promise<void>;
}

/** What the service lends every plugin. */
export interface PluginDeps {
  clock: Clock;
  logger: Logger;
  /** Set when the service runs on Redis: shared state (access tokens) between instances goes there. */
  redisUrl?: string;
  redisKeyPrefix: string;
  /** Tells the office's admins something about the platform (a webhook key that stopped working). */
  notifyAdmins(notice: { key: string; text: string }): void;
  /**
   * Told when a callback is refused before it reaches the inbox (a bad signature, a replay, a
   * malformed body), with a short word from a fixed set of the plugin's: metrics count it.
   */
  onRefused?(channel: ChannelName, reason: string): void;
  /** Counters kept in the store and shared by every instance (a platform's monthly API quota). */
  counters: SharedCounters;
}

/** Counters in the store: working state shared by every instance, each forgotten after its expiry. */
export interface SharedCounters {
  /** Adds `by` (≥ 0) to `key` and answers the new total; the counter is dropped after `expiresAt`. */
  add(key: string, by: number, expiresAt: Date): Promise<number>;
  /** The counter's total, 0 when absent or expired at `now`. */
  read(key: string, now: Date): Promise<number>;
}

export interface StartedChannel {
  channel: Channel;
  /**
   * Starts taking what people send, once the inbox exists: mounts the platform's callback routes
   * on the service's router, or opens its stream. Every event goes through `inbox`.
   */
  receive?(from: { inbox: EventInbox; router: Router }): void;
  /** Stops receiving and lets go of connections. */
  close(): Promise<void>;
  /** The platform's own sign-in to the web console from inside its app, when it has one. */
  webSignIn?: WebSignIn;
  /**
   * How receiving stands now, for GET /healthz, where the platform keeps a connection of its own
   * (DingTalk's stream): its state, and a warning when people's messages may not be arriving.
   */
  receiving?(): ReceivingHealth | undefined;
}

export interface ReceivingHealth {
  /** Shown as is under the channel in /healthz: no secrets. */
  state: Record<string, unknown>;
  /** Set while messages may not be arriving (disconnected for a while); shown, never a 503. */
  warning?: string;
}
