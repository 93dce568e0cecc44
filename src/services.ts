import { hostname } from "node:os";
import type Router from "@koa/router";
import { createOfficeCalendar } from "./calendar/office-days-calendar.js";
import type { WorkCalendar } from "./calendar/work-calendar.js";
import type { Channel, ChannelName } from "./channels/channel.js";
import { type ChannelLimits, canSendMedia } from "./channels/channel-limits.js";
import type {
  ChannelPlugin,
  ConfiguredPlugin,
  PluginDeps,
  ReceivingHealth,
} from "./channels/channel-plugin.js";
import { chooseChannel } from "./channels/choose-channel.js";
import type { LocalChannel } from "./channels/local/local-channel.js";
import type { MediaKind } from "./channels/message.js";
import { CHANNEL_PLUGINS } from "./channels/plugins.js";
import { readChannelConfigs } from "./channels/read-channel-configs.js";
import { channelNames, startChannels } from "./channels/start-channels.js";
import type { WebSignIn } from "./channels/web-sign-in.js";
import type { AppConfig } from "./config/app-config.js";
import { directoryPath } from "./config/load-config.js";
import { loadSettings, settingsPath } from "./config/load-settings.js";
import type { Settings } from "./config/settings.js";
import type { InboundDeps } from "./conversation/turn.js";
import { createDeliveryNotifier } from "./delivery/create-dead-letter-notifier.js";
import { createDispatcher, type Dispatcher, type DispatcherOptions } from "./delivery/create-dispatcher.js";
import type { Directory } from "./directory/directory.js";
import { loadDirectory } from "./directory/load-directory.js";
import { indexPeople, type PeopleIndex } from "./directory/people.js";
import type { Recipient } from "./directory/recipient.js";
import { createInboundHandler } from "./inbound/handle-inbound.js";
import { createInbox, INBOX_DEDUPE_MS, type Inbox, type InboxOptions } from "./inbound/inbox-processor.js";
import { recipientFromPersonId } from "./inbound/stranger.js";
import { noticeJobs } from "./notices/notice-jobs.js";
import { notifyAdmins } from "./notices/notify-admins.js";
import { reminderJobs } from "./reminders/reminder-jobs.js";
import { createBulletinJob } from "./reports/bulletin/bulletin-job.js";
import { digestJobs } from "./reports/digest/digest-job.js";
import { digestNow } from "./reports/digest/digest-now.js";
import { retentionJobs } from "./retention/retention-jobs.js";
import type { Job } from "./scheduler/job.js";
import type { Clock } from "./shared/clock.js";
import type { Logger } from "./shared/logger.js";
import { listOfficeDays } from "./store/office-override.js";
import { openStore } from "./store/open-store.js";
import type { Store } from "./store/store.js";
import { signInLinks } from "./web/auth/sign-in-link.js";
import { createWebKeys, type WebKeys } from "./web/auth/web-keys.js";

export interface Services {
  config: AppConfig;
  settings: Settings;
  directory: Directory;
  directoryIsDemo: boolean;
  people: PeopleIndex;
  calendar: WorkCalendar;
  store: Store;
  /** The channels that are on, by name, in order of preference. */
  channels: ReadonlyMap<ChannelName, Channel>;
  /** The in-process channel, when no platform is configured. */
  local?: LocalChannel;
  /** The channel that reaches a person or group, or undefined when none does. */
  channelFor(recipient: Recipient): ChannelName | undefined;
  /** What a message may hold on every channel that is on. */
  limits: ChannelLimits;
  /**
   * Whether the channel that reaches `recipient` sends images (files) as such: else the dispatcher
   * sends their caption as text. For a feature that sends a chart or a file to someone.
   */
  canSendMedia(recipient: Recipient, kind: MediaKind): boolean;
  dispatcher: Dispatcher;
  /** Inbound events stored before they are acknowledged, processed from the store. */
  inbox: Inbox;
  /** Every feature's scheduled jobs. */
  jobs: Job[];
  /**
   * Starts the platforms' receiving into the inbox: their callback routes on `router` (the HTTP
   * app's), their streams. Only the service calls it: a simulation or a report receives nothing,
   * and does not load the router.
   */
  receive(router: Router): void;
  /** Signs the web console's links, sessions and forms (DUBAN_WEB_SECRET, else this process's own). */
  webKeys: WebKeys;
  /** How receiving stands on the platforms that keep a connection of their own (GET /healthz). */
  receiving(): Record<ChannelName, ReceivingHealth>;
  /** The web console's sign-in from inside a platform's app (WeCom's 网页授权), by channel. */
  webSignIn: ReadonlyMap<ChannelName, WebSignIn>;
  close(): Promise<void>;
}

export interface ServiceOptions {
  config: AppConfig;
  logger: Logger;
  clock: Clock;
  env?: NodeJS.ProcessEnv;
  /** The platform table (default: src/channels/plugins.ts); tests add a platform of their own. */
  plugins?: readonly ChannelPlugin[];
  /** The platforms found configured, when the caller has read them already (`duban serve`). */
  configured?: readonly ConfiguredPlugin[];
  /** Opened by the caller (tests, simulate); otherwise from the config. */
  store?: Store;
  /** Told each send's result per channel (the runtime status behind GET /healthz, the metrics). */
  onSend?: DispatcherOptions["onSend"];
  /** Told how the inbox took each inbound event, and each callback a platform refused (metrics). */
  onInbound?: InboxOptions["onAccepted"];
  onRefused?: PluginDeps["onRefused"];
  /**
   * Whether the digests' and bulletins' charts are drawn (default true). `duban simulate` turns
   * them off: a year of weekly charts would take minutes, and its totals count the text.
   */
  charts?: boolean;
}

/**
 * Builds every part of the service from the configuration: the one place that picks concrete
 * implementations. In order, each part from those before it: settings, directory and calendar;
 * the store; the platforms of the plugin table that are configured (else the local channel);
 * the inbound handler over the running channels; the inbox it runs behind, which the platforms
 * then receive into; the dispatcher; every feature's jobs. The HTTP app and `duban simulate`
 * both run on what it returns.
 */
export async function createServices(options: ServiceOptions): Promise<Services> {
  const { config, logger, clock } = options;
  const settings = loadSettings(settingsPath(config.DUBAN_SETTINGS));
  const directory = await loadDirectory(directoryPath(config).path);
  const configured =
    options.configured ?? readChannelConfigs(options.plugins ?? CHANNEL_PLUGINS, options.env ?? process.env);
  const names = channelNames(configured);
  // Person ids are made from the accounts in the plugin table's order, whichever platforms are on.
  const accountOrder = (options.plugins ?? CHANNEL_PLUGINS).map((plugin) => plugin.name);
  const people = indexPeople(directory, accountOrder);
  const channelFor = (recipient: Recipient) => chooseChannel(recipient, names);
  const store =
    options.store ??
    (await openStore({
      dataDir: config.DUBAN_DATA_DIR,
      redisKeyPrefix: config.REDIS_KEY_PREFIX,
      ...(config.REDIS_URL ? { redisUrl: config.REDIS_URL } : {}),
      // The service answers callbacks while it writes: its checkpoints must not hold them up.
      backgroundCheckpoints: {
        onError: (message) => logger.warn("SQLite checkpoint failed; the next one tries again", { message }),
      },
    }));
  // The official arrangement, the config's overrides, and the office's days set in chat (/calendar).
  const calendar = createOfficeCalendar({
    load: () => listOfficeDays(store.overrides),
    config: settings.calendar,
    onFallbackYear: (year) =>
      logger.warn("no official holiday arrangement for this year: Monday–Friday assumed", { year }),
    onError: (error) =>
      logger.error("could not read the office's calendar days; the last ones read stay", { error }),
  });
  await calendar.refresh();
  const running = await startChannels(configured, {
    clock,
    logger,
    ...(config.REDIS_URL ? { redisUrl: config.REDIS_URL } : {}),
    redisKeyPrefix: config.REDIS_KEY_PREFIX,
    // Told from a platform's own work (a robot key gone bad): a store that fails is logged, never thrown.
    notifyAdmins: ({ key, text }) =>
      void notifyAdmins({ store, admins: people.admins(), channelFor, key, text, now: clock.now() }).catch(
        (error: unknown) => logger.error("could not tell the admins", { key, error }),
      ),
    ...(options.onRefused ? { onRefused: options.onRefused } : {}),
    counters: {
      add: (key, by, keepUntil) => store.counters.add(key, by, clock.now(), keepUntil),
      read: (key, now) => store.counters.read(key, now),
    },
  });
  const { channels, limits } = running;
  const webKeys = createWebKeys(config.DUBAN_WEB_SECRET);
  const inboundDeps: InboundDeps = {
    store,
    people,
    directory,
    calendar,
    settings,
    logger,
    channelFor,
    channels: names,
    accountOrder,
    limits,
    refreshCalendar: () => calendar.refresh(),
    exportLedger: async (options) => {
      // Loaded on first use, as `duban export` loads it: exceljs is large.
      const { exportLedger } = await import("./reports/ledger/export-ledger.js");
      return exportLedger({ store, directory, people, calendar, settings }, options);
    },
    canSendMedia: (name, kind) => {
      const channel = channels.get(name);
      return channel !== undefined && canSendMedia(channel.limits, kind);
    },
    signInLink: signInLinks({
      keys: webKeys,
      clock,
      publicBaseUrl: config.PUBLIC_BASE_URL,
      port: config.PORT,
    }),
    leaderDigest: digestNow({ store, directory, people, calendar, settings }, limits, logger),
    updateCard: async (name, request) => {
      const channel = channels.get(name);
      if (!channel?.updateCard) return { status: "permanent-error", reason: `${name} cannot update cards` };
      return channel.updateCard(request);
    },
    fetchFile: async (name, ref, options) => {
      const channel = channels.get(name);
      if (!channel?.fetchFile) return { ok: false, problem: "failed", reason: `${name} cannot fetch files` };
      return channel.fetchFile(ref, options);
    },
  };
  // Store, then acknowledge: every channel's events go through the inbox, which is their one
  // dedupe, remembered for longer than any running platform may deliver an event again.
  const inbox = createInbox({
    inbox: store.inbox,
    handle: createInboundHandler(inboundDeps),
    logger,
    worker: `${hostname()}:${process.pid}`,
    dedupeMs: Math.max(INBOX_DEDUPE_MS, running.redeliveryMs),
    ...(options.onInbound ? { onAccepted: options.onInbound } : {}),
  });
  const dispatcher = createDispatcher({
    store,
    channels,
    // Someone outside the directory can only be an answer to what they wrote (a refusal).
    recipients: (id) => people.byId(id) ?? people.chat(id) ?? recipientFromPersonId(id),
    clock,
    logger,
    worker: `${hostname()}:${process.pid}`,
    sendingHours: settings.reminders.hours,
    calendar,
    delivery: settings.delivery,
    notices: createDeliveryNotifier({
      outbox: store.outbox,
      admins: () => people.admins(),
      recipients: (id) => people.byId(id),
      clock,
      logger,
      deadNoticeWindowMs: settings.delivery.deadNoticeWindowMinutes * 60_000,
    }),
    ...(options.onSend ? { onSend: options.onSend } : {}),
  });
  const features = {
    store,
    directory,
    settings,
    calendar,
    people,
    logger,
    channels: names,
    accountOrder,
    limits,
    channelFor,
  };
  const canSend = (recipient: Recipient, kind: MediaKind) => {
    const name = channelFor(recipient);
    return name !== undefined && inboundDeps.canSendMedia(name, kind);
  };
  const jobs: Job[] = [
    ...reminderJobs(features),
    ...noticeJobs(features),
    ...retentionJobs(features),
    createBulletinJob({ ...features, canSendMedia: canSend, charts: options.charts ?? true }),
    ...digestJobs({ ...features, canSendMedia: canSend, charts: options.charts ?? true }),
  ];
  return {
    config,
    settings,
    directory,
    directoryIsDemo: directory.demo,
    people,
    calendar,
    store,
    channels,
    ...(running.local ? { local: running.local } : {}),
    channelFor,
    limits,
    canSendMedia: canSend,
    dispatcher,
    inbox,
    jobs,
    receive: (router) => running.receive({ inbox, router }),
    webKeys,
    receiving: () => running.receiving(),
    webSignIn: running.webSignIn,
    close: async () => {
      await inbox.stop();
      await running.close();
      await store.close();
    },
  };
}
