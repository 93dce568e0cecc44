/**
 * Runs the built `duban` (or any node script) in a child process, as users run it, and measures
 * it from outside: wall time, and the CPU time the child itself reports at exit (user + system,
 * bootstrap included), which says what it costs even when a shared machine slows the wall clock.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const BIN = fileURLToPath(new URL("../bin/duban.js", import.meta.url));

// Loaded before anything else in the child: prints its CPU time and peak RSS as the process exits.
const REPORT_CPU = `data:text/javascript,${encodeURIComponent(
  'process.on("exit", () => { const u = process.cpuUsage(); process.stderr.write("\\ncpu-us " + (u.user + u.system) + " rss-kb " + process.resourceUsage().maxRSS + "\\n"); });',
)}`;

export interface Measured {
  wallMs: number;
  cpuMs: number;
  /** The child's peak resident set size. */
  maxRssKb: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node <args>` with the CPU reporter; env replaces variables of the same name. */
export function runNode(args: string[], env: Record<string, string> = {}, timeoutMs = 120_000): Measured {
  const started = performance.now();
  const result = spawnSync(process.execPath, ["--import", REPORT_CPU, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: timeoutMs,
    maxBuffer: 64 * 2 ** 20,
  });
  const wallMs = performance.now() - started;
  const report = /\ncpu-us (\d+) rss-kb (\d+)\n/.exec(result.stderr);
  const cpu = report?.[1];
  if (cpu === undefined)
    throw new Error(
      `node ${args.join(" ")}: no CPU report (exit ${result.status}): ${result.stderr.slice(0, 500)}`,
    );
  return {
    wallMs,
    cpuMs: Number(cpu) / 1000,
    maxRssKb: Number(report?.[2]),
    code: result.status,
    stdout: result.stdout,
    stderr: result.stderr.replace(/\ncpu-us \d+ rss-kb \d+\n/, ""),
  };
}

/** The benches run the built CLI: `npm run bench` builds first. */
export function requireBuild(): void {
  if (!existsSync(new URL("../dist/cli/main.js", import.meta.url)))
    throw new Error("dist/ is missing: run `npm run build` first (`npm run bench` does).");
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
