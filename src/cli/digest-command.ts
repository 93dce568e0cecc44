import type { Command } from "commander";
import type { Clock } from "../shared/clock.js";
import type { DigestOptions } from "./run-digest.js";
import type { StoreDefaultsOption } from "./store-defaults-option.js";

/**
 * `duban digest --leader 寇宁 [--week 2021-W14] [--at instant] [--out chart.png]`: prints the weekly
 * leader digest exactly as the scheduled job would send it, part by part. The store and the digest
 * are imported when the command runs (run-digest.ts); `clock` (this week, when no --week is given)
 * is the system clock unless a test injects one.
 */
export function registerDigestCommand(program: Command, defaults: StoreDefaultsOption, clock?: Clock): void {
  program
    .command("digest")
    .description("print a lead leader's weekly digest (督办周报) as it would be sent")
    .requiredOption("--leader <name>", "the lead leader (牵头领导), e.g. 寇宁")
    .option("--week <week>", "the ISO week, e.g. 2021-W14; default: this week")
    .option(
      "--at <instant>",
      "as if sent at this instant, e.g. 2021-04-06T09:10+08:00; default: the week's send time",
    )
    .option("--out <file>", "also write the pace chart to this .png file")
    .option("--store <spec>", "sqlite:<path> or redis://…; default: the configured store")
    .option("--data-dir <dir>", "the data folder of the SQLite store; default: DUBAN_DATA_DIR")
    .action(async (options: DigestOptions) => {
      const { printDigest } = await import("./run-digest.js");
      const { text, notes } = await printDigest(defaults, options, clock);
      process.stdout.write(`${text}\n`);
      for (const note of notes) process.stderr.write(`duban: ${note}\n`);
    });
}
