import type Koa from "koa";
import type { AppConfig } from "./config/app-config.js";
import { directoryPath } from "./config/load-config.js";
import { loadDirectory } from "./directory/load-directory.js";
import { createServer } from "./http/create-server.js";
import { readRegistryFile } from "./registry/registry-file.js";
import type { Logger } from "./shared/logger.js";

export interface App {
  http: Koa;
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
  const registry = await readRegistryFile(config.DUBAN_DATA_DIR);
  if (registry) {
    logger.info("registry loaded", {
      tasks: registry.registry.tasks.length,
      importedAt: registry.importedAt,
    });
  } else {
    logger.warn("no registry yet: run `duban import <notice>` to import one", {
      dataDir: config.DUBAN_DATA_DIR,
    });
  }
  const http = createServer({
    logger,
    health: {
      registry: async () => {
        const current = await readRegistryFile(config.DUBAN_DATA_DIR);
        return current ? { tasks: current.registry.tasks.length, importedAt: current.importedAt } : null;
      },
      directory: () => ({ units: directory.units.length, demo: directory.demo }),
    },
  });
  return { http, stop: async () => {} };
}
