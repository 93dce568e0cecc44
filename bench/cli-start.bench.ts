/**
 * `duban --help` against an empty node start (issue 11: ≤ 3×; it was 8× while exceljs loaded
 * eagerly). Both run as child processes, alternately, so that the machine's noise falls on both
 * alike; the ratio is of the medians. The wall clock is the target, as a user waits for it; the
 * CPU time each process reports is printed beside it.
 */

import { BIN, median, requireBuild, runNode } from "./child-process.js";
import type { BenchResult } from "./run.js";

const ROUNDS = 15;

export default async function run(): Promise<BenchResult[]> {
  requireBuild();
  const empty = { wall: [] as number[], cpu: [] as number[] };
  const help = { wall: [] as number[], cpu: [] as number[] };
  runNode([BIN, "--help"]); // the first start also warms the file cache
  for (let i = 0; i < ROUNDS; i++) {
    const a = runNode(["-e", ""]);
    empty.wall.push(a.wallMs);
    empty.cpu.push(a.cpuMs);
    const b = runNode([BIN, "--help"]);
    if (b.code !== 0 || !b.stdout.includes("simulate")) throw new Error(`duban --help failed: ${b.stderr}`);
    help.wall.push(b.wallMs);
    help.cpu.push(b.cpuMs);
  }
  const group = "CLI start";
  const wallRatio = median(help.wall) / median(empty.wall);
  const cpuRatio = median(help.cpu) / median(empty.cpu);
  return [
    { group, name: "node -e '' (median wall)", value: median(empty.wall), unit: "ms" },
    { group, name: "duban --help (median wall)", value: median(help.wall), unit: "ms" },
    {
      group,
      name: "duban --help / node -e '', wall",
      value: wallRatio,
      unit: "×",
      target: "≤ 3×",
      pass: wallRatio <= 3,
    },
    { group, name: "duban --help / node -e '', CPU", value: cpuRatio, unit: "×" },
  ];
}
