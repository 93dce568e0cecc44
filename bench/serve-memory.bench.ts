/**
 * Issue 11: RSS after 100,000 callbacks within 1.3× of RSS after 10,000 (it rose from 89 to 271
 * MB over 140k fuzzed requests). A real `duban serve` (bin/duban.js, the SQLite store, WeCom
 * configured with the official test keys and pointed at a fake WeCom API on loopback) in a child
 * process; the load generator of wecom-callback.bench.ts drives it from another child, over
 * loopback with keep-alive, with signed, encrypted text callbacks, each a new message from someone
 * outside the directory: every one is verified, decrypted, stored in the inbox before its 200,
 * handled (an audit entry and a polite answer, written with its processed mark) and answered
 * through the fake API by the dispatcher. Sealed in phases of 10,000 (the replay window stays
 * open); RSS is read from /proc after each phase settles.
 */
import { type ChildProcess, fork, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { textCallback } from "../scripts/soak/soak-callbacks.js";
import { V1_ENV } from "../test/fixtures/wecom/vectors.js";
import { createFakeWecomServer } from "../test/helpers/fake-wecom-server.js";
import { BIN, ROOT, requireBuild } from "./child-process.js";
import type { BenchResult } from "./run.js";
import type { LoadReply, LoadRequest, LoadShot } from "./wecom-callback-load.js";

const FIRST = 10_000;
const TOTAL = 100_000;
const PHASE = 10_000;
const CONCURRENCY = 16;

export default async function run(): Promise<BenchResult[]> {
  requireBuild();
  if (process.platform !== "linux") {
    return [{ group: "serve memory", name: "skipped: RSS is read from /proc (Linux)", value: 0, unit: "" }];
  }
  const dir = mkdtempSync(join(tmpdir(), "duban-bench-rss-"));
  const port = await freePort();
  const wecom = await createFakeWecomServer();
  const serve = spawn(process.execPath, [BIN, "serve"], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...V1_ENV,
      WECOM_REPLAY_WINDOW_S: "600",
      WECOM_API_BASE_URL: wecom.baseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      DUBAN_DATA_DIR: dir,
      LOG_LEVEL: "warn",
    },
    stdio: "ignore",
  });
  const load = fork(join(import.meta.dirname, "wecom-callback-load.ts"), [], {
    execArgv: ["--import", "tsx"],
  });
  try {
    await waitUntilAnswering(port, serve);
    let msgId = 0;
    const drive = async (count: number) => {
      const reply = once(load, "message") as Promise<[LoadReply]>;
      load.send({
        port,
        shots: Array.from({ length: count }, () => callback(++msgId)),
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
    for (let done = FIRST; done < TOTAL; done += PHASE) await drive(Math.min(PHASE, TOTAL - done));
    const rssTotal = rssMb(serve);
    const ratio = rssTotal / rssFirst;
    const group = "serve memory";
    const n = (value: number) => value.toLocaleString("en-US");
    return [
      { group, name: "duban serve, WeCom callbacks: RSS after start", value: rssStart, unit: "MB" },
      { group, name: `RSS after ${n(FIRST)} callbacks`, value: rssFirst, unit: "MB" },
      { group, name: `RSS after ${n(TOTAL)} callbacks`, value: rssTotal, unit: "MB" },
      {
        group,
        name: `RSS after ${n(TOTAL)} / after ${n(FIRST)}`,
        value: ratio,
        unit: "×",
        target: "≤ 1.3×",
        pass: ratio <= 1.3,
      },
      { group, name: `throughput, ${CONCURRENCY} concurrent`, value: rate, unit: "req/s" },
      { group, name: "answers the fake WeCom API received", value: wecom.sends.length, unit: "" },
    ];
  } finally {
    load.kill();
    serve.kill("SIGKILL");
    await wecom.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A new text message from someone outside the directory, sealed as WeCom seals it, sent now. */
function callback(n: number): LoadShot {
  const sealed = textCallback(
    `bench.stranger${n % 100}`,
    String(7_100_000_000_000_000_000n + BigInt(n)),
    "52 已新增就业4200人",
    Math.floor(Date.now() / 1000),
  );
  return { path: sealed.path, body: Buffer.from(sealed.body).toString("base64") };
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
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      await response.text();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("duban serve did not answer /healthz within 60 s");
}
