import { hostname } from "node:os";
import type Router from "@koa/router";
import { createChineseDaysCalendar } from "./calendar/chinese-days-calendar.js";
import type { WorkCalendar } from "./calendar/work-calendar.js";
import type { Channel, ChannelName } from "./channels/channel.js";
import { enabledChannels } from "./channels/enabled-channels.js";
import { createLocalChannel, type LocalChannel } from "./channels/local/local-channel.js";
import { readWecomConfig } from "./channels/wecom/wecom-config.js";
import type { AppConfig } from "./config/app-config.js";
import { directoryPath } from "./config/load-config.js";
import { loadSettings, settingsPath } from "./config/load-settings.js";
import type { Settings } from "./config/settings.js";
import { createDeliveryNotifier } from "./delivery/create-dead-letter-notifier.js";
import { createDispatcher, type Dispatcher, type DispatcherOptions } from "./delivery/create-dispatcher.js";
import type { Directory } from "./directory/directory.js";
import { loadDirectory } from "./directory/load-directory.js";
import { indexPeople, type PeopleIndex, type Person } from "./directory/people.js";
import { dedupeTtlMs } from "./http/wecom-route.js";
import { createInboundHandler } from "./inbound/handle-inbound.js";
import type { InboundDeps } from "./inbound/inbound-deps.js";
import { createInbox, INBOX_DEDUPE_MS, type Inbox } from "./inbound/inbox-processor.js";
import { recipientFromPersonId } from "./inbound/stranger.js";
import { createCalendarWarningJob } from "./notices/calendar-warning-job.js";
import { notifyAdmins } from "./notices/notify-admins.js";
import { channelFor, loadReminderWorld } from "./reminders/load-reminder-world.js";
import { createReminderSweepJob } from "./reminders/reminder-sweep.js";
import { createRetentionJob } from "./retention/retention-job.js";
import type { Job } from "./scheduler/job.js";
import type { Clock } from "./shared/clock.js";
import type { Logger } from "./shared/logger.js";
import { openStore } from "./store/open-store.js";
import type { Store } from "./store/store.js";
import { message } from "./templates/template-store.js";
import { createWecomServices } from "./wecom-services.js";

export interface Services {
  config: AppConfig;
  settings: Settings;
  directory: Directory;
  directoryIsDemo: boolean;
  people: PeopleIndex;
  calendar: WorkCalendar;
  store: Store;
  channels: ReadonlyMap<ChannelName, Channel>;
  /** The in-process channel, when no platform is configured. */
  local?: LocalChannel;
  channelFor(person: Person): ChannelName | undefined;
  dispatcher: Dispatcher;
  /** Inbound events stored before they are acknowledged, processed from the store. */
  inbox: Inbox;
  jobs: Job[];
  /** Platform callback routes the HTTP app mounts. */
  mountRoutes(router: Router): void;
  close(): Promise<void>;
}

export interface ServiceOptions {
  config: AppConfig;
  logger: Logger;
  clock: Clock;
  env?: NodeJS.ProcessEnv;
  /** Opened by the caller (tests, simulate); otherwise from the config. */
  store?: Store;
  /** Told each send's result per channel (the runtime status behind GET /healthz). */
  onSend?: DispatcherOptions["onSend"];
}

/**
 * Builds every part of the service from the configuration: the one place that picks concrete
 * implementations. The HTTP app and `duban simulate` both run on what it returns.
 */
export async function createServices(options: ServiceOptions): Promise<Services> {
  const { config, logger, clock } = options;
  const settings = loadSettings(settingsPath(config.DUBAN_SETTINGS));
  const chosen = directoryPath(config);
  const directory = await loadDirectory(chosen.path);
  const people = indexPeople(directory);
  const calendar = createChineseDaysCalendar({
    overrides: settings.calendar,
    onFallbackYear: (year) =>
      logger.warn("no official holiday arrangement for this year: Monday–Friday assumed", { year }),
  });
  const store =
    options.store ??
    (await openStore({
      dataDir: config.DUBAN_DATA_DIR,
      redisKeyPrefix: config.REDIS_KEY_PREFIX,
      ...(config.REDIS_URL ? { redisUrl: config.REDIS_URL } : {}),
    }));
  const names = enabledChannels(options.env);
  const channels = new Map<ChannelName, Channel>();
  let local: LocalChannel | undefined;
  if (names.includes("local")) {
    local = createLocalChannel({ clock, logger });
    channels.set("local", local);
  }
  const pick = (person: Person) => channelFor(person, names);
  const inboundDeps: InboundDeps = {
    store,
    people,
    directory,
    calendar,
    settings,
    logger,
    channelFor: pick,
    // Looked up at click time: the WeCom channel joins the map below, after this handler exists.
    updateCard: async (name, request) => {
      const channel = channels.get(name);
      if (!channel?.updateCard) return { status: "permanent-error", reason: `${name} cannot update cards` };
      return channel.updateCard(request);
    },
  };
  const wecomConfig = readWecomConfig(options.env ?? process.env);
  const worker = `${hostname()}:${process.pid}`;
  // Store, then acknowledge: every channel's events go through the inbox, which is their dedupe.
  const inbox = createInbox({
    inbox: store.inbox,
    handle: createInboundHandler(inboundDeps),
    logger,
    worker,
    dedupeMs: wecomConfig ? dedupeTtlMs(wecomConfig.replayWindowS) : INBOX_DEDUPE_MS,
  });
  local?.setInboundHandler((event) => inbox.receive(event));
  const wecom = wecomConfig
    ? await createWecomServices({
        config: wecomConfig,
        ...(config.REDIS_URL ? { redisUrl: config.REDIS_URL } : {}),
        redisKeyPrefix: config.REDIS_KEY_PREFIX,
        inbox,
        onRobotKeyInvalid: ({ robot, hint }) => {
          logger.error("a WeCom group robot key is invalid", { robot });
          void notifyAdmins({
            store,
            admins: people.admins(),
            channelFor: pick,
            key: `robot-invalid/${robot}`,
            text: message("wecom", "robotKeyInvalidNotice", { robot, hint }),
            now: clock.now(),
          });
        },
        clock,
        logger,
      })
    : undefined;
  if (wecom) channels.set("wecom", wecom.channel);
  const dispatcher = createDispatcher({
    store,
    channels,
    // Someone outside the directory can only be an answer to what they wrote (a refusal).
    recipients: (id) => people.byId(id) ?? recipientFromPersonId(id),
    clock,
    logger,
    worker,
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
  const jobs: Job[] = [
    createReminderSweepJob({
      store,
      calendar,
      loadWorld: () => loadReminderWorld({ store, directory, settings, calendar, channels: names }),
    }),
    createCalendarWarningJob({ store, calendar, admins: () => people.admins(), channelFor: pick, logger }),
    createRetentionJob({ store, settings: settings.retention }),
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
    ...(local ? { local } : {}),
    channelFor: pick,
    dispatcher,
    inbox,
    jobs,
    mountRoutes: (router) => wecom?.mountRoutes(router),
    close: async () => {
      await inbox.stop();
      await wecom?.close();
      await store.close();
    },
  };
}
