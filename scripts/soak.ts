/**
 * `npm run soak [-- --minutes N] [--rate R] [--speed S] [--redis URL] [--keep]`: the built service
 * under mixed WeCom callbacks and its own sweeps on the demo clock for N minutes (default 10), then
 * the count: callbacks acknowledged and answered once, duplicates absorbed, planned messages
 * delivered, dead letters, RSS. Exits 1 on a loss or an unabsorbed duplicate. Not part of CI (it
 * runs for minutes); docs/operations.md has its figures.
 */
import { runSoak } from "./soak/run-soak.js";
import { parseSoakArgs } from "./soak/soak-args.js";
import { formatSoakReport } from "./soak/soak-report.js";

let args: ReturnType<typeof parseSoakArgs>;
try {
  args = parseSoakArgs(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`soak: ${(error as Error).message}\n`);
  process.exit(2);
}
const result = await runSoak(args);
process.stdout.write(formatSoakReport(result));
process.exitCode = result.failures.length > 0 ? 1 : 0;
