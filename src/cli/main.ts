import { AppError } from "../shared/errors.js";
import { buildProgram } from "./program.js";

/** Exit codes: 1 = the input could not be read, 2 = the configuration is wrong, 3 = anything else. */
function exitCodeFor(error: unknown): number {
  if (error instanceof AppError) return error.code === "config_invalid" ? 2 : 1;
  return 3;
}

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  const text = error instanceof AppError ? error.message : String((error as Error)?.stack ?? error);
  process.stderr.write(`duban: ${text}\n`);
  process.exitCode = exitCodeFor(error);
}
