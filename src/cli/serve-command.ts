import type { Server } from "node:http";
import type { Command } from "commander";
import { createApp } from "../app.js";
import { loadConfig } from "../config/load-config.js";
import { createLogger } from "../shared/logger.js";

export function registerServeCommand(program: Command): void {
  program
    .command("serve")
    .description("run the service (HTTP on PORT, default 3000; GET /healthz)")
    .action(async () => {
      await serve();
    });
}

async function serve(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.LOG_LEVEL });
  const app = await createApp(config, logger);
  const server: Server = app.http.listen(config.PORT, config.HOST);
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const address = server.address();
  logger.info("duban listening", {
    port: typeof address === "object" && address ? address.port : config.PORT,
  });
  const shutdown = (signal: string) => {
    logger.info("shutting down", { signal });
    server.close();
    void app.stop().finally(() => process.exit(0));
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}
