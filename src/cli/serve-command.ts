import type { Command } from "commander";

/**
 * `duban serve`. The service's modules (Koa, the stores, the channels) are imported when the
 * command runs, so that `duban --help` and the other commands do not load them.
 */
export function registerServeCommand(program: Command): void {
  program
    .command("serve")
    .description(
      "run the service: HTTP on PORT (default 3000), the reminder scheduler and the outbox dispatcher",
    )
    .action(async () => {
      const { serve } = await import("./run-serve.js");
      await serve();
    });
}
