import type { Command } from "commander";
import type { SimulateOptions } from "./run-simulate.js";
import { tuneForBatch } from "./tune-for-batch.js";

/**
 * `duban simulate`: the real scheduler, outbox, dispatcher and local channel on a virtual clock.
 * The services are imported when the command runs (run-simulate.ts), not by `duban --help`.
 */
export function registerSimulateCommand(program: Command): void {
  program
    .command("simulate")
    .description("run the service on a virtual clock over a period, with synthetic replies, and print totals")
    .requiredOption("--from <date>", "first day, YYYY-MM-DD")
    .requiredOption("--to <date>", "last day, YYYY-MM-DD")
    .option("--reply-rate <rate>", "share of units that answer their first reminder (0–1)", "0.8")
    .option("--seed <n>", "seed of the synthetic replies", "1")
    .option("--json", "print the totals as JSON")
    .option("--store <spec>", "where the registry is read from; default: the configured store")
    .action(async (options: SimulateOptions) => {
      // Before the services load: a simulated year is a batch that ends (tune-for-batch.ts).
      tuneForBatch();
      const { simulate } = await import("./run-simulate.js");
      process.stdout.write(`${await simulate(options)}\n`);
    });
}
