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

// Loaded before anything else in the child: prints its CPU time and peak RSS as the process exits,
// and on Linux its main thread's CPU time (utime + stime in /proc, in ticks of 10 ms): the rest is
// V8's compiler and garbage collector threads (and libuv's), which run beside the main thread.
const REPORT_CPU = `data:text/javascript,${encodeURIComponent(
  'import { readFileSync } from "node:fs"; process.on("exit", () => { const u = process.cpuUsage(); let main = -1; try { const f = readFileSync("/proc/self/task/" + process.pid + "/stat", "utf8").split(") ")[1].split(" "); main = (Number(f[11]) + Number(f[12])) * 10000; } catch {} process.stderr.write("\\ncpu-us " + (u.user + u.system) + " rss-kb " + process.resourceUsage().maxRSS + " main-us " + main + "\\n"); });',
)}`;

export interface Measured {
  wallMs: number;
  cpuMs: number;
  /** The child's peak resident set size. */
  maxRssKb: number;
  /** Its main thread's CPU time (Linux; 10 ms resolution), else undefined. */
  mainCpuMs?: number;
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
  const report = /\ncpu-us (\d+) rss-kb (\d+) main-us (-?\d+)\n/.exec(result.stderr);
  const cpu = report?.[1];
  if (cpu === undefined)
    throw new Error(
      `node ${args.join(" ")}: no CPU report (exit ${result.status}): ${result.stderr.slice(0, 500)}`,
    );
  return {
    wallMs,
    cpuMs: Number(cpu) / 1000,
    maxRssKb: Number(report?.[2]),
    ...(Number(report?.[3]) >= 0 ? { mainCpuMs: Number(report?.[3]) / 1000 } : {}),
    code: result.status,
    stdout: result.stdout,
    stderr: result.stderr.replace(/\ncpu-us \d+ rss-kb \d+ main-us -?\d+\n/, ""),
  };
}

/** The benches run the built CLI: `npm run bench` builds first. */
export function requireBuild(): void {
  if (!existsSync(new URL("../dist/cli/main.js", import.meta.url)))
    throw new Error("dist/ is missing: run `npm run build` first (`npm run bench` does).");
}

export function median(values: number[]): number {
  return ranked(values, (v) => v).median ?? Number.NaN;
}

/**
 * Samples in order of `key`: the lowest, the median (the upper one of an even count) and the
 * highest, for a figure shown with the run it came from (its other measures beside it).
 */
export function ranked<T>(
  samples: readonly T[],
  key: (sample: T) => number,
): { lowest?: T; median?: T; highest?: T } {
  const sorted = [...samples].sort((a, b) => key(a) - key(b));
  return { lowest: sorted[0], median: sorted[Math.floor(sorted.length / 2)], highest: sorted.at(-1) };
}
