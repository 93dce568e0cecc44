import type { Server } from "node:http";
import { type App, createApp } from "../app.js";
import { CHANNEL_PLUGINS } from "../channels/plugins.js";
import { readChannelConfigs } from "../channels/read-channel-configs.js";
import { channelNames } from "../channels/start-channels.js";
import type { AppConfig } from "../config/app-config.js";
import { createSendingWindow } from "../delivery/sending-window.js";
import { createDemoClock } from "../demo/demo-clock.js";
import { skipIdleTime } from "../demo/skip-idle.js";
import { playgroundClockOnly, playgroundRuns } from "../playground/playground-runs.js";
import { clockSchedule } from "../scheduler/clock-schedule.js";
import { systemClock } from "../shared/clock.js";
import type { Logger } from "../shared/logger.js";
import { TimeoutError, withTimeout } from "../shared/with-timeout.js";
import { chooseDemoClock } from "./choose-clock.js";

export interface RunningService {
  app: App;
  server: Server;
  port: number;
  /**
   * Stops taking new work (HTTP, timers), lets the jobs and sends in hand finish or hands them back
   * to the outbox, and closes the store. Resolves "timeout" if that took longer than `graceMs`,
   * "failed" if a part could not stop.
   */
  shutdown(reason: string): Promise<"clean" | "timeout" | "failed">;
}

export interface RunServiceOptions {
  config: AppConfig;
  logger: Logger;
  env?: NodeJS.ProcessEnv;
  /** Told when a background part has died: the caller exits non-zero. */
  onFatal(error: unknown): void;
  /** How long a shutdown may take before it is abandoned; default 20 s. */
  graceMs?: number;
}

/** `duban serve`: HTTP, the scheduler, the dispatch loop and, on the demo clock, the idle skipper. */
export async function runService(options: RunServiceOptions): Promise<RunningService> {
  const { config, logger } = options;
  const env = options.env ?? process.env;
  // Each platform's settings are read once, here, and handed on.
  const configured = readChannelConfigs(CHANNEL_PLUGINS, env);
  // A platform whose API is a fake on this machine reaches nobody: the demo clock may run with it.
  const reachingPeople = configured.filter(({ plugin, config: settings }) => !plugin.apiIsLocal?.(settings));
  const playground = playgroundRuns(config, configured.length > 0);
  // The playground's clock controls need a clock they can move: at real time until moved.
  const demo =
    chooseDemoClock(config, channelNames(reachingPeople)) ??
    (playground ? createDemoClock({ start: new Date(), speed: 1 }) : undefined);
  const clock = demo ?? systemClock;
  const app = await createApp(config, logger, {
    clock,
    env,
    configured,
    // node-cron fires on the wall clock; a demo clock needs timers that read the demo clock.
    ...(demo ? { schedule: clockSchedule(demo), demoClock: demo } : {}),
  });
  const server: Server = app.http.listen(config.PORT, config.HOST);
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  logger.info("duban listening", { port });
  if (playground)
    logger.info("playground: open it in a browser on this machine", { url: `http://localhost:${port}/` });
  if (demo && !playgroundClockOnly(config))
    logger.warn("demo clock: the service runs on a clock of its own", {
      now: demo.now().toISOString(),
      speed: demo.speed,
      skipIdle: config.DUBAN_CLOCK_SKIP_IDLE ?? false,
    });

  await app.startBackground({ onFatal: options.onFatal });
  let skipper: NodeJS.Timeout | undefined;
  if (demo && config.DUBAN_CLOCK_SKIP_IDLE) {
    const { calendar, settings, store } = app.services;
    const window = createSendingWindow({ hours: settings.reminders.hours, calendar, random: Math.random });
    let busy = false;
    skipper = setInterval(() => {
      if (busy) return;
      busy = true;
      skipIdleTime({
        clock: demo,
        window,
        nextDueAt: () => store.outbox.nextDueAt(),
        logger,
      })
        .catch((error: unknown) => logger.warn("demo clock: could not look for idle time", { error }))
        .finally(() => {
          busy = false;
        });
    }, 500);
  }

  let stopping: Promise<"clean" | "timeout" | "failed"> | undefined;
  const shutdown = (reason: string) => {
    stopping ??= (async () => {
      logger.info("shutting down", { reason });
      clearInterval(skipper);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const outcome = await withTimeout(Promise.all([app.stop(), closed]), options.graceMs ?? 20_000).then(
        () => "clean" as const,
        (error: unknown) => {
          if (error instanceof TimeoutError) return "timeout" as const;
          logger.error("could not stop cleanly", { error });
          return "failed" as const;
        },
      );
      if (outcome !== "clean") server.closeAllConnections();
      logger.info("stopped", { outcome });
      return outcome;
    })();
    return stopping;
  };
  return { app, server, port, shutdown };
}
