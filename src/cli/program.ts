import { Command } from "commander";
import { registerImportCommand } from "./import-command.js";
import { registerServeCommand } from "./serve-command.js";

/** The `duban` command line; each command lives in its own file. */
export function buildProgram(): Command {
  const program = new Command("duban")
    .description("Duban (督办): task supervision inside WeCom and DingTalk")
    .showHelpAfterError();
  registerServeCommand(program);
  registerImportCommand(program);
  return program;
}
