import type Koa from "koa";
import type { AppConfig } from "./config/app-config.js";
import { directoryPath } from "./config/load-config.js";
import { loadDirectory } from "./directory/load-directory.js";
import { createServer } from "./http/create-server.js";
import type { Logger } from "./shared/logger.js";
import { openStore } from "./store/open-store.js";
import type { Store } from "./store/store.js";

export interface App {
  http: Koa;
  store: Store;
  stop(): Promise<void>;
}

/** The composition root: the only place that picks concrete implementations. */
export async function createApp(config: AppConfig, logger: Logger): Promise<App> {
  const chosen = directoryPath(config);
  const directory = await loadDirectory(chosen.path);
  if (directory.demo) {
    logger.warn("using the demo directory: every contact in it is invented; set DUBAN_DIRECTORY", {
      directory: chosen.path,
    });
  }
  const store = await openStore({
    dataDir: config.DUBAN_DATA_DIR,
    redisKeyPrefix: config.REDIS_KEY_PREFIX,
    ...(config.REDIS_URL ? { redisUrl: config.REDIS_URL } : {}),
  });
  const current = await store.registry.current();
  if (current) {
    logger.info("registry loaded", { store: store.label, tasks: current.registry.tasks.length });
  } else {
    logger.warn("no registry yet: run `duban import <notice>` to import one", { store: store.label });
  }
  const http = createServer({
    logger,
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
  return { http, store, stop: () => store.close() };
}
