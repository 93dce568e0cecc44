import Router from "@koa/router";
import type Koa from "koa";
import type { AppConfig } from "./config/app-config.js";
import { startDispatchLoop } from "./delivery/start-dispatch-loop.js";
import { createServer } from "./http/create-server.js";
import { mountDevRoutes } from "./http/dev-routes.js";
import { createScheduler } from "./scheduler/create-scheduler.js";
import { createServices, type Services } from "./services.js";
import { type Clock, systemClock } from "./shared/clock.js";
import type { Logger } from "./shared/logger.js";

export interface App {
  http: Koa;
  services: Services;
  /** Starts the scheduler and the dispatch loop (the HTTP server is started by the caller). */
  startBackground(): Promise<void>;
  stop(): Promise<void>;
}

/** The HTTP app over the services; background work starts only when asked. */
export async function createApp(
  config: AppConfig,
  logger: Logger,
  options: { clock?: Clock; env?: NodeJS.ProcessEnv } = {},
): Promise<App> {
  const clock = options.clock ?? systemClock;
  const services = await createServices({
    config,
    logger,
    clock,
    ...(options.env ? { env: options.env } : {}),
  });
  const { store, directory, local } = services;
  if (directory.demo)
    logger.warn("using the demo directory: every contact in it is invented; set DUBAN_DIRECTORY");
  const current = await store.registry.current();
  if (current) logger.info("registry loaded", { store: store.label, tasks: current.registry.tasks.length });
  else logger.warn("no registry yet: run `duban import <notice>` to import one", { store: store.label });

  const routes = new Router();
  if (local) mountDevRoutes(routes, { channel: local, clock });
  services.mountRoutes(routes);
  const http = createServer({
    logger,
    routes,
    health: {
      registry: async () => {
        const registry = await store.registry.current();
        return registry ? { tasks: registry.registry.tasks.length, importedAt: registry.importedAt } : null;
      },
      directory: () => ({ units: directory.units.length, demo: directory.demo }),
      store: async () => {
        await store.ping();
        return { kind: store.kind };
      },
    },
  });

  const scheduler = createScheduler({ jobs: services.jobs, store, clock, logger });
  let loop: { stop(): Promise<void> } | undefined;
  return {
    http,
    services,
    async startBackground() {
      await scheduler.start();
      loop = startDispatchLoop(services.dispatcher, { logger });
    },
    async stop() {
      await scheduler.stop();
      await loop?.stop();
      await services.close();
    },
  };
}
