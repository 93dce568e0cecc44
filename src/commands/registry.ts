import type { CommandSpec } from "./command-spec.js";
import { helpCommand } from "./help-command.js";
import { whoamiCommand } from "./whoami-command.js";

/** Every chat command, in the order /help lists them. One file per command. */
export const COMMANDS: readonly CommandSpec[] = [helpCommand, whoamiCommand];
