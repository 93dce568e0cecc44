/**
 * Issue 11: RSS after 100,000 requests within 1.3× of RSS after 10,000 (it rose from 89 to
 * 271 MB over 140k fuzzed requests). A real `duban serve` (bin/duban.js, the SQLite store, the
 * local channel) in a child process; the load generator of wecom-callback.bench.ts drives it
 * from another child, over loopback with keep-alive. The route is GET /healthz, which every
 * request runs through Koa, the router, the store check and the start-up checks: the callback
 * path is being rewritten into a store-then-acknowledge inbox, and /dev/inbound keeps every
 * message it answers in the local channel's in-memory log by design (it is a development window),
 * so it would grow for that reason alone. RSS is read from /proc after each phase settles.
 */
import { type ChildProcess, fork, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BIN, ROOT, requireBuild } from "./child-process.js";
import type { BenchResult } from "./run.js";
import type { LoadReply, LoadRequest } from "./wecom-callback-load.js";

const FIRST = 10_000;
const TOTAL = 100_000;
const CONCURRENCY = 16;
const PATH = "/healthz";

export default async function run(): Promise<BenchResult[]> {
  requireBuild();
  if (process.platform !== "linux") {
    return [{ group: "serve memory", name: "skipped: RSS is read from /proc (Linux)", value: 0, unit: "" }];
  }
  const dir = mkdtempSync(join(tmpdir(), "duban-bench-rss-"));
  const port = await freePort();
  const serve = spawn(process.execPath, [BIN, "serve"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DUBAN_DATA_DIR: dir, LOG_LEVEL: "warn" },
    stdio: "ignore",
  });
  const load = fork(join(import.meta.dirname, "wecom-callback-load.ts"), [], {
    execArgv: ["--import", "tsx"],
  });
  try {
    await waitUntilAnswering(port, serve);
    const drive = async (count: number) => {
      const reply = once(load, "message") as Promise<[LoadReply]>;
      load.send({
        port,
        shots: Array.from({ length: count }, () => ({ path: PATH })),
        mode: "closed",
        concurrency: CONCURRENCY,
        rate: 0,
        limitMs: 600_000,
      } satisfies LoadRequest);
      const [answer] = await reply;
      if (answer.error) throw new Error(`serve-memory bench: ${answer.error}`);
      if (answer.latencies.length !== count)
        throw new Error(`serve-memory bench: ${answer.latencies.length} of ${count}`);
      await new Promise((resolve) => setTimeout(resolve, 1_000)); // let the last responses and timers settle
      return answer.perSecond;
    };
    const rssStart = rssMb(serve);
    const rate = await drive(FIRST);
    const rssFirst = rssMb(serve);
    await drive(TOTAL - FIRST);
    const rssTotal = rssMb(serve);
    const ratio = rssTotal / rssFirst;
    const group = "serve memory";
    const n = (value: number) => value.toLocaleString("en-US");
    return [
      { group, name: `duban serve, GET ${PATH}: RSS after start`, value: rssStart, unit: "MB" },
      { group, name: `RSS after ${n(FIRST)} requests`, value: rssFirst, unit: "MB" },
      { group, name: `RSS after ${n(TOTAL)} requests`, value: rssTotal, unit: "MB" },
      {
        group,
        name: `RSS after ${n(TOTAL)} / after ${n(FIRST)}`,
        value: ratio,
        unit: "×",
        target: "≤ 1.3×",
        pass: ratio <= 1.3,
      },
      { group, name: `throughput, ${CONCURRENCY} concurrent`, value: rate, unit: "req/s" },
    ];
  } finally {
    load.kill();
    serve.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  }
}

function rssMb(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  if (kb === undefined) throw new Error("serve-memory bench: no VmRSS for the service");
  return Number(kb) / 1024;
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

async function waitUntilAnswering(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`duban serve exited (${child.exitCode}) before answering`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}${PATH}`);
      await response.text();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("duban serve did not answer /healthz within 60 s");
}
