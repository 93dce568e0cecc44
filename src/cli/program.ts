import { Command } from "commander";
import { registerBackupCommand } from "./backup-command.js";
import { registerBulletinCommand } from "./bulletin-command.js";
import { registerDigestCommand } from "./digest-command.js";
import { registerExportCommand } from "./export-command.js";
import { registerImportCommand } from "./import-command.js";
import { registerOutboxCommand } from "./outbox-command.js";
import { registerPlanCommand } from "./plan-command.js";
import { registerRestoreCommand } from "./restore-command.js";
import { registerServeCommand } from "./serve-command.js";
import { registerSimulateCommand } from "./simulate-command.js";

/** The configuration, read (and its modules loaded) only by a command that opens the store. */
const storeDefaults = async () => (await import("./store-defaults.js")).storeDefaults();

/**
 * The `duban` command line; each command lives in its own file. Only commander and the
 * commands' descriptions load here: each command imports what it needs when it runs, so that
 * `duban --help` costs little more than starting node (measured in bench/cli-start.bench.ts).
 */
export function buildProgram(): Command {
  const program = new Command("duban")
    .description("Duban (督办): task supervision inside the chat platforms an office already uses")
    .showHelpAfterError();
  registerServeCommand(program);
  registerImportCommand(program);
  registerPlanCommand(program);
  registerSimulateCommand(program);
  registerBackupCommand(program, storeDefaults);
  registerRestoreCommand(program, storeDefaults);
  registerOutboxCommand(program, storeDefaults);
  registerExportCommand(program, storeDefaults);
  registerBulletinCommand(program, storeDefaults);
  registerDigestCommand(program, storeDefaults);
  return program;
}
