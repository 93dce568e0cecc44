import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BIN = fileURLToPath(new URL("../../bin/duban.js", import.meta.url));
export const SEED_NOTICE = fileURLToPath(
  new URL("../../../shared/seed/yanzhou-2021-work-report-tasks.txt", import.meta.url),
);

/** Variables the soak sets itself: none is inherited from the shell that runs it. */
const OWN_VARIABLES = /^(WECOM_|DINGTALK_|DUBAN_|REDIS_|PORT$|HOST$|LOG_LEVEL$)/;

function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([key]) => !OWN_VARIABLES.test(key));
  return { ...Object.fromEntries(inherited), ...env };
}

/** Runs the built `duban` to completion (import, outbox); throws with its output when it fails. */
export function runDuban(args: string[], env: Record<string, string>): string {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: childEnv(env),
    encoding: "utf8",
    timeout: 120_000,
  });
  if (result.status !== 0)
    throw new Error(`duban ${args.join(" ")} exited ${result.status}:\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

export interface SoakService {
  base: string;
  pid: number;
  /** The service's clock now, from its own start line (the demo clock runs at a fixed speed). */
  demoNow(): Date;
  /** Resident memory of the service process, in MB (Linux: /proc), or undefined elsewhere. */
  rssMb(): number | undefined;
  /** Resident memory of its child processes together (the chart renderer, while one runs), in MB. */
  childrenRssMb(): number | undefined;
  /** Warnings and errors the service logged, counted by message. */
  problems: Map<string, number>;
  /** The last lines it wrote, for a failure report. */
  tail(): string[];
  /** SIGTERM, and how it ended (SIGKILL after 30 s). */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `duban serve` from the build, on a free port of 127.0.0.1; resolves once it listens. */
export async function startSoakService(env: Record<string, string>): Promise<SoakService> {
  const child: ChildProcess = spawn(process.execPath, [BIN, "serve"], {
    cwd: ROOT,
    env: childEnv({ PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", ...env }),
    stdio: ["ignore", "ignore", "pipe"],
  });
  const problems = new Map<string, number>();
  const tail: string[] = [];
  let clockAt: { demoMs: number; wallMs: number; speed: number } | undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const listening = new Promise<number>((resolve, reject) => {
    let pending = "";
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      pending += chunk;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        tail.push(line);
        if (tail.length > 60) tail.shift();
        let record: { level?: string; msg?: string; [field: string]: unknown };
        try {
          record = JSON.parse(line) as typeof record;
        } catch {
          continue; // not a log record (a stack trace, a message from Node)
        }
        if (record.level === "warn" || record.level === "error") {
          const key = `${record.level}: ${record.msg}`;
          problems.set(key, (problems.get(key) ?? 0) + 1);
        }
        if (record.msg === "duban listening") resolve(Number(record.port));
        if (record.msg === "demo clock: the service runs on a clock of its own")
          clockAt = {
            demoMs: Date.parse(String(record.now)),
            wallMs: Date.parse(String(record.time)),
            speed: Number(record.speed),
          };
      }
    });
    void exited.then(({ code, signal }) =>
      reject(new Error(`duban serve exited (${code ?? signal}) before listening:\n${tail.join("\n")}`)),
    );
  });
  const port = await listening;
  // The clock line follows the listening line at once.
  for (let i = 0; i < 50 && clockAt === undefined; i++) await new Promise((r) => setTimeout(r, 20));
  const clock = clockAt;
  if (clock === undefined) throw new Error("duban serve did not say it runs on the demo clock");
  const pid = child.pid as number;
  return {
    base: `http://127.0.0.1:${port}`,
    pid,
    demoNow: () => new Date(clock.demoMs + (Date.now() - clock.wallMs) * clock.speed),
    rssMb: () => (process.platform === "linux" ? rssOf(pid) : undefined),
    childrenRssMb: () => {
      if (process.platform !== "linux") return undefined;
      return childrenOf(pid).reduce((sum, kid) => sum + rssOf(kid), 0);
    },
    problems,
    tail: () => [...tail],
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      const how = await exited;
      clearTimeout(timer);
      return how;
    },
  };
}

/** A process's resident memory in MB (Linux), 0 once it is gone. */
function rssOf(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb === undefined ? 0 : Number(kb) / 1024;
  } catch {
    return 0;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}
