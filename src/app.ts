import Router from "@koa/router";
import type Koa from "koa";
import type { ChannelPlugin, ConfiguredPlugin } from "./channels/channel-plugin.js";
import { runStartupChecks } from "./checks/run-startup-checks.js";
import type { AppConfig } from "./config/app-config.js";
import { directoryPath } from "./config/load-config.js";
import { settingsPath } from "./config/load-settings.js";
import { type DispatchLoop, startDispatchLoop } from "./delivery/start-dispatch-loop.js";
import type { DemoClock } from "./demo/demo-clock.js";
import { createHealthCheck } from "./health/check-health.js";
import { createRuntimeStatus } from "./health/runtime-status.js";
import { createServer } from "./http/create-server.js";
import { mountDevRoutes } from "./http/dev-routes.js";
import { createMetrics } from "./metrics/create-metrics.js";
import { mountMetricsRoute } from "./metrics/metrics-route.js";
import { SEED_NOTICE } from "./playground/load-seed.js";
import { mountPlayground } from "./playground/mount-playground.js";
import { playgroundRuns } from "./playground/playground-runs.js";
import { chartFontProblem } from "./reports/charts/find-chart-font.js";
import { createScheduler, type ScheduleFn } from "./scheduler/create-scheduler.js";
import { createServices, type Services } from "./services.js";
import { type Clock, systemClock } from "./shared/clock.js";
import type { Logger } from "./shared/logger.js";
import type { Store } from "./store/store.js";
import { mountWebAuth, type WebAuth } from "./web/auth/mount-web-auth.js";
import { mountDashboard } from "./web/dashboard/mount-dashboard.js";
import type { Viewer } from "./web/viewer.js";

export interface App {
  http: Koa;
  services: Services;
  /** The web console's sign-in (/web/login, /web/logout, /web/whoami): who looks, and their forms' token. */
  webAuth: WebAuth;
  /**
   * Starts the scheduler and the dispatch loop (the HTTP server is started by the caller), then
   * runs every job once, so a service started at 09:00 does not wait for the next tick to plan
   * the day's reminders (the jobs are idempotent).
   */
  startBackground(options?: BackgroundOptions): Promise<void>;
  /** Stops the scheduler (waiting for runs in progress), the dispatch loop, then the services. */
  stop(): Promise<void>;
}

export interface BackgroundOptions {
  /** Told when the dispatch loop or the scheduler can no longer work; `duban serve` exits non-zero. */
  onFatal?: (error: unknown) => void;
  /** The dispatch loop's pause between rounds (default 1 s). */
  dispatchIntervalMs?: number;
}

/** The HTTP app over the services; background work starts only when asked. */
export async function createApp(
  config: AppConfig,
  logger: Logger,
  options: {
    clock?: Clock;
    env?: NodeJS.ProcessEnv;
    schedule?: ScheduleFn;
    store?: Store;
    /** The platform table; tests add a platform of their own. */
    plugins?: readonly ChannelPlugin[];
    /** The platforms found configured, read once by the caller. */
    configured?: readonly ConfiguredPlugin[];
    /** The service's demo clock (the same as `clock`): the playground's clock controls move it. */
    demoClock?: DemoClock;
  } = {},
): Promise<App> {
  const clock = options.clock ?? systemClock;
  const runtime = createRuntimeStatus(clock);
  const metrics =
    config.DUBAN_METRICS === "off"
      ? undefined
      : createMetrics({ clock, storeTimeoutMs: config.DUBAN_HEALTH_TIMEOUT_MS });
  const services = await createServices({
    config,
    logger,
    clock,
    onSend: (channel, result) => {
      runtime.channelSent(channel, result);
      metrics?.channelSent(channel, result);
    },
    ...(metrics ? { onInbound: metrics.inboundAccepted, onRefused: metrics.inboundRefused } : {}),
    ...(options.env ? { env: options.env } : {}),
    ...(options.store ? { store: options.store } : {}),
    ...(options.plugins ? { plugins: options.plugins } : {}),
    ...(options.configured ? { configured: options.configured } : {}),
  });
  const { store, directory, local } = services;
  const current = await store.registry.current();
  if (current) logger.info("registry loaded", { store: store.label, tasks: current.registry.tasks.length });
  else logger.warn("no registry yet: run `duban import <notice>` to import one", { store: store.label });
  const checked = {
    directory,
    directoryFile: directoryPath(config).path,
    settingsFile: settingsPath(config.DUBAN_SETTINGS),
    digest: services.settings.digest,
    calendar: services.calendar,
    chartFont: chartFontProblem(options.env ?? process.env),
    webSecretUnshared: store.kind === "redis" && services.webKeys.ephemeral,
  };
  for (const { code, count, text } of runStartupChecks({ ...checked, current, now: clock.now() }))
    logger.warn(`start-up check: ${code}`, { code, count, text });

  let loop: DispatchLoop | undefined;
  // The platforms' callback routes first, as before any other route.
  const routes = new Router();
  services.receive(routes);
  // An answer to what someone sent goes out now, not at the dispatch loop's next round.
  if (local)
    mountDevRoutes(routes, {
      channel: local,
      inbox: services.inbox,
      clock,
      onReceived: () => loop?.wake(),
    });
  if (metrics) {
    metrics.watch({
      store,
      channels: [...services.channels.keys()],
      jobs: services.jobs.map((job) => job.name),
      receiving: services.receiving,
    });
    mountMetricsRoute(routes, { metrics, access: config.DUBAN_METRICS === "open" ? "open" : "loopback" });
  }
  // Before any /web page: its headers and CSRF guard cover the /web routes mounted after it.
  const webAuth = mountWebAuth(routes, {
    keys: services.webKeys,
    store,
    counters: store.counters,
    people: () => services.people,
    clock,
    logger,
    // A platform returns its sign-in to PUBLIC_BASE_URL, which it must know (WeCom: 可信域名).
    ...(config.PUBLIC_BASE_URL && services.webSignIn.size > 0
      ? { platformSignIns: { publicBaseUrl: config.PUBLIC_BASE_URL, platforms: services.webSignIn } }
      : {}),
  });
  // The dashboard's pages run behind the sign-in: the viewer and the CSRF token of the session
  // are read once per request, before the page.
  const assets = mountDashboard(routes, {
    sources: () => ({
      store,
      directory: services.directory,
      people: services.people,
      calendar: services.calendar,
      settings: services.settings,
    }),
    clock,
    viewerOf: (ctx) => ctx.state.viewer as Viewer | undefined,
    requireViewer: (ctx, next) =>
      webAuth.requireViewer(ctx, async () => {
        ctx.state.csrf = await webAuth.csrfToken(ctx);
        await next();
      }),
    csrfToken: (ctx) => ctx.state.csrf as string,
  });
  const scheduler = createScheduler({
    jobs: services.jobs,
    store,
    clock,
    logger,
    ...(options.schedule ? { schedule: options.schedule } : {}),
    onRun: (job, run, durationMs) => {
      runtime.jobRan(job, run);
      metrics?.jobRan(job, run, durationMs);
    },
    onRunning: runtime.schedulerRunning,
  });
  if (local && playgroundRuns(config, false))
    mountPlayground(routes, assets, {
      channel: local,
      inbox: services.inbox,
      onReceived: () => loop?.wake(),
      store,
      clock,
      ...(options.demoClock ? { demoClock: options.demoClock } : {}),
      sources: () => services,
      jobs: services.jobs,
      runJobsNow: async () => {
        for (const job of services.jobs) await scheduler.runNow(job.name);
        loop?.wake();
      },
      seedFile: SEED_NOTICE,
      logger,
    });
  const http = createServer({
    logger,
    routes,
    health: createHealthCheck({
      ...checked,
      store,
      clock,
      runtime,
      jobs: services.jobs.map((job) => job.name),
      channels: [...services.channels.keys()],
      receiving: services.receiving,
      storeTimeoutMs: config.DUBAN_HEALTH_TIMEOUT_MS,
    }),
  });

  return {
    http,
    services,
    webAuth,
    async startBackground(background = {}) {
      await scheduler.start();
      loop = startDispatchLoop(services.dispatcher, {
        logger,
        ...(background.onFatal ? { onFatal: background.onFatal } : {}),
        ...(background.dispatchIntervalMs !== undefined ? { intervalMs: background.dispatchIntervalMs } : {}),
        onRound: runtime.dispatchRound,
        onRunning: runtime.dispatchLoopRunning,
      });
      // Events acknowledged but left unprocessed (a crash after the 200) are resumed now, then swept.
      services.inbox.start();
      for (const job of services.jobs) await scheduler.runNow(job.name);
    },
    async stop() {
      await scheduler.stop();
      await loop?.stop();
      await services.inbox.stop();
      await services.close();
    },
  };
}
