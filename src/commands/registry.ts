import { awayCommand } from "./away-command.js";
import { backCommand } from "./back-command.js";
import type { CommandSpec } from "./command-spec.js";
import { helpCommand } from "./help-command.js";
import { myCommand } from "./my-command.js";
import { snoozeCommand } from "./snooze-command.js";
import { taskCommand } from "./task-command.js";
import { unsnoozeCommand } from "./unsnooze-command.js";
import { whoamiCommand } from "./whoami-command.js";

/** Every chat command, in the order /help lists them. One file per command. */
export const COMMANDS: readonly CommandSpec[] = [
  helpCommand,
  whoamiCommand,
  // Contacts and leaders (issue #13).
  myCommand,
  taskCommand,
  awayCommand,
  backCommand,
  snoozeCommand,
  unsnoozeCommand,
];
