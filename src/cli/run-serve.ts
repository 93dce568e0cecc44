import { loadConfig } from "../config/load-config.js";
import { type RunningService, runService } from "../serve/run-service.js";
import { createLogger } from "../shared/logger.js";

/**
 * Runs until SIGTERM or SIGINT, then stops cleanly (exit 0), or exits 1 when a background part
 * dies, so that a supervisor (systemd, Docker, pm2) restarts it instead of it living on deaf.
 * A second signal during the shutdown exits at once.
 */
export async function serve(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.LOG_LEVEL });
  let running: RunningService | undefined;
  let exiting = false;
  const exit = async (code: number, reason: string) => {
    if (exiting) return;
    exiting = true;
    const outcome = running ? await running.shutdown(reason) : "clean";
    process.exit(outcome === "clean" ? code : 1);
  };
  const fatal = (error: unknown, what: string) => {
    logger.error(`${what}: the service stops so that its supervisor can restart it`, { error });
    void exit(1, what);
  };
  process.on("uncaughtException", (error) => fatal(error, "uncaught exception"));
  process.on("unhandledRejection", (error) => fatal(error, "unhandled rejection"));
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      if (exiting) {
        logger.warn("second signal during shutdown: exiting now", { signal });
        process.exit(1);
      }
      void exit(0, signal);
    });
  }
  running = await runService({
    config,
    logger,
    onFatal: (error) => fatal(error, "the dispatch loop died"),
  });
}
