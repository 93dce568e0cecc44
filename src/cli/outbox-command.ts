import type { Command } from "commander";
import type { Clock } from "../shared/clock.js";
import type { ListOptions, StoreOptions } from "./run-outbox.js";
import type { StoreDefaultsOption } from "./store-defaults-option.js";

/**
 * `duban outbox [--status s] [--json]`: what is waiting, retrying or could not be delivered; and
 * `duban outbox retry [--dead] [ids…]`: due again now (with --dead, dead messages start over).
 * A running `duban serve` picks them up at its next round; nothing is sent from here. The store
 * is imported when a command runs (run-outbox.ts); `clock` is the system clock unless a test
 * injects one.
 */
export function registerOutboxCommand(program: Command, defaults: StoreDefaultsOption, clock?: Clock): void {
  const outbox = program
    .command("outbox")
    .description("list the messages waiting, retrying or not delivered (see `outbox retry`)")
    .option("--status <status>", "only pending, retrying, sending or dead")
    .option("--limit <n>", "at most this many rows", "200")
    .option("--json", "machine-readable output")
    .option("--store <spec>", "sqlite:<path> or redis://…; default: the configured store")
    .option("--data-dir <dir>", "the data folder of the SQLite store; default: DUBAN_DATA_DIR")
    .action(async (options: ListOptions) => {
      const { listOutbox } = await import("./run-outbox.js");
      await listOutbox(defaults, options);
    });

  outbox
    .command("retry")
    .description("make retrying messages due now; with --dead, also send dead messages again")
    .argument("[ids...]", "message ids (default: every retrying message, and with --dead every dead one)")
    .option("--dead", "also revive dead messages, their attempts reset")
    // --store and --data-dir are the parent's options (commander lets them follow `retry`).
    .action(async (ids: string[], _options: unknown, command: Command) => {
      const options = command.optsWithGlobals<StoreOptions & { dead?: boolean }>();
      const { retryOutbox } = await import("./run-outbox.js");
      await retryOutbox(defaults, ids, options, clock);
    });
}
