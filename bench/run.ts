/**
 * `npm run bench`: runs every `bench/*.bench.ts` (each default-exports a function returning
 * BenchResult[]; words given after `--` pick the modules whose names contain them), prints one
 * table with the machine's facts, and exits non-zero when a measured target fails or a bench
 * module throws.
 */
import { readdir } from "node:fs/promises";
import { availableParallelism, cpus, totalmem } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** One measured figure; `target` is text such as "≥ 5,000/s" and `pass` says whether it was met. */
export interface BenchResult {
  group: string;
  name: string;
  value: number;
  unit: string;
  target?: string;
  pass?: boolean;
}

type BenchModule = { default: () => Promise<BenchResult[]> };

const dir = import.meta.dirname;
// `npm run bench -- simulate cli` runs only the modules whose names contain one of the words.
const only = process.argv.slice(2);
const files = (await readdir(dir))
  .filter((f) => f.endsWith(".bench.ts") && (only.length === 0 || only.some((word) => f.includes(word))))
  .sort();
const cpu = cpus()[0]?.model ?? "unknown CPU";
process.stdout.write(
  `Machine: ${cpu}, ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ` +
    `Node ${process.version}, ${process.platform}/${process.arch}\n\n`,
);

const results: BenchResult[] = [];
const crashed: string[] = [];
for (const file of files) {
  process.stderr.write(`running ${file} …\n`);
  try {
    const module = (await import(pathToFileURL(join(dir, file)).href)) as BenchModule;
    results.push(...(await module.default()));
  } catch (error) {
    crashed.push(`${file}: ${(error as Error).stack ?? String(error)}`);
  }
}

const rows = results.map((r) => [
  r.group,
  r.name,
  `${formatNumber(r.value)} ${r.unit}`,
  r.target ?? "",
  r.pass === undefined ? "" : r.pass ? "ok" : "FAIL",
]);
const header = ["group", "measure", "value", "target", ""];
const widths = header.map((h, i) => Math.max(width(h), ...rows.map((row) => width(row[i] ?? ""))));
for (const row of [header, widths.map((w) => "-".repeat(w)), ...rows]) {
  process.stdout.write(
    `${row
      .map((cell, i) => pad(cell, widths[i] ?? 0))
      .join("  ")
      .trimEnd()}\n`,
  );
}

const failed = results.filter((r) => r.pass === false);
for (const crash of crashed) process.stdout.write(`\nbench module failed: ${crash}\n`);
if (failed.length > 0) process.stdout.write(`\n${failed.length} target(s) missed.\n`);
process.exitCode = failed.length > 0 || crashed.length > 0 ? 1 : 0;

function formatNumber(value: number): string {
  if (value >= 100) return Math.round(value).toLocaleString("en-US");
  return value.toFixed(value >= 10 ? 1 : 2);
}

/** Display width: CJK characters take two columns in a terminal. */
function width(text: string): number {
  let n = 0;
  for (const ch of text)
    n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
      ch,
    )
      ? 2
      : 1;
  return n;
}

function pad(text: string, to: number): string {
  return text + " ".repeat(Math.max(0, to - width(text)));
}
