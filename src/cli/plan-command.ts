import type { Command } from "commander";
import type { PlanOptions } from "./run-plan.js";

/**
 * `duban plan --from <date> --to <date> [--json]`: every reminder that would go out, without
 * sending. The planner and the store are imported when the command runs (run-plan.ts).
 */
export function registerPlanCommand(program: Command): void {
  program
    .command("plan")
    .description("list every reminder that would go out between two dates, without sending anything")
    .requiredOption("--from <date>", "first day, YYYY-MM-DD")
    .requiredOption("--to <date>", "last day, YYYY-MM-DD")
    .option("--json", "print a JSON array")
    .option("--store <spec>", "sqlite:<path> or redis://…; default: the configured store")
    .action(async (options: PlanOptions) => {
      const { plan } = await import("./run-plan.js");
      process.stdout.write(`${await plan(options)}\n`);
    });
}
