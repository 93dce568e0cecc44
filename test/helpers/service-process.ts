import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, onTestFailed, onTestFinished } from "vitest";
import { makeTempDir } from "./temp-dir.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BIN = fileURLToPath(new URL("../../bin/duban.js", import.meta.url));
export const SEED_NOTICE = fileURLToPath(
  new URL("../../../shared/seed/yanzhou-2021-work-report-tasks.txt", import.meta.url),
);

/** Variables a test must not inherit from the developer's shell: each test says what it runs on. */
const OWN_VARIABLES = /^(WECOM_|DINGTALK_|DUBAN_|REDIS_|PORT$|HOST$|LOG_LEVEL$)/;

function baseEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !OWN_VARIABLES.test(key)));
}

/** Runs the built `duban` command to completion, as an operator would in a shell. */
export function runBuiltCli(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...baseEnv(), ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * A data directory of its own for this test (removed after it) with the seed imported by the built
 * `duban import`, as an operator starts: the path, for DUBAN_DATA_DIR.
 */
export function seededDataDir(name: string, env: Record<string, string> = {}): string {
  const data = makeTempDir(name);
  onTestFinished(data.remove);
  const imported = runBuiltCli(["import", SEED_NOTICE], { ...env, DUBAN_DATA_DIR: data.path });
  expect(imported.code, imported.stderr).toBe(0);
  return data.path;
}

export interface LogRecord {
  level: string;
  msg: string;
  [field: string]: unknown;
}

export interface ServiceProcess {
  base: string;
  child: ChildProcess;
  /** Every JSON log line the service has written so far. */
  logs(): LogRecord[];
  get<T = unknown>(path: string): Promise<{ status: number; body: T }>;
  post<T = unknown>(path: string, body: unknown): Promise<{ status: number; body: T }>;
  /** Sends `signal` and resolves with how the process ended. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * `node bin/duban.js serve` in a child process on a free port of 127.0.0.1, with `env` (a
 * scratch DUBAN_DATA_DIR at least). Resolves once it listens; killed when the test finishes.
 */
export async function startServiceProcess(env: Record<string, string>): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [BIN, "serve"], {
    cwd: ROOT,
    env: { ...baseEnv(), PORT: "0", HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  const records: LogRecord[] = [];
  const raw: string[] = [];
  // When a test fails, what the service said is the first thing to read.
  onTestFailed(() => {
    const state =
      child.exitCode !== null || child.signalCode !== null
        ? `exited (${child.exitCode ?? child.signalCode})`
        : "running";
    process.stderr.write(`--- duban serve (${state}), last log lines:\n${raw.slice(-40).join("\n")}\n---\n`);
  });
  let pending = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  const listening = new Promise<number>((resolve, reject) => {
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      pending += chunk;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        raw.push(line);
        try {
          const record = JSON.parse(line) as LogRecord;
          records.push(record);
          if (record.msg === "duban listening") resolve(Number(record.port));
        } catch {
          // not a log record (a stack trace, a message from Node)
        }
      }
    });
    void exited.then(({ code, signal }) =>
      reject(new Error(`duban serve exited (${code ?? signal}) before listening:\n${raw.join("\n")}`)),
    );
  });
  child.stdout?.resume();
  const port = await listening;
  const base = `http://127.0.0.1:${port}`;
  const request = async <T>(path: string, init?: RequestInit) => {
    const response = await fetch(`${base}${path}`, init);
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // plain text (WeCom answers "success")
    }
    return { status: response.status, body: body as T };
  };
  return {
    base,
    child,
    logs: () => records,
    get: (path) => request(path),
    post: (path, body) =>
      request(path, {
        method: "POST",
        headers: { "content-type": typeof body === "string" ? "text/xml" : "application/json" },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
    stop: async (signal = "SIGTERM") => {
      child.kill(signal);
      return exited;
    },
    exited,
  };
}

/** Polls `probe` until it returns something other than undefined/false, or fails naming `what`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  { timeoutMs = 60_000, everyMs = 100 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
