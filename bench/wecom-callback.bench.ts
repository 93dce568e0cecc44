/**
 * Encrypted WeCom text-message callbacks through the real Koa app (createServer, the route as the
 * service mounts it: body cap, signature, replay window, AES, both XML parses, the inbox write
 * before the 200, its processed mark after) against the same app answering a trivial route.
 *
 * The load comes from a child process (wecom-callback-load.ts) over loopback with keep-alive and
 * pre-sealed bodies, so that the app has a core to itself and the client's work is not counted
 * in either route: in one process the client's cost is added to both and squeezes the ratio
 * towards 1. Closed loop at fixed concurrency for throughput, in alternating rounds so that noise
 * on a shared machine hits every route alike, then open loop at 500 requests/s for p99 (three
 * phases per route, taking turns).
 * "server CPU" is this process's user + system time per answered request during the rounds: it
 * says what a route costs even on a busy machine. The "busy" rows tell whether the app had its
 * core: when other work takes the second core, app and load generator end up sharing one (the app
 * well under 100% in the trivial rounds) and the ratios come out higher, as in one process.
 * The callback runs twice: with the SQLite store's inbox (a turn's receipts in one commit), as
 * the service wires it (the default deployment), and with the dedupe kept in memory (the route's
 * own cost, as with a store that costs no CPU here). The full path is the whole service (createApp
 * with WeCom configured and the SQLite store, no background loops): verify, decrypt, parse, store in
 * the inbox, then the inbound handler records the stranger's message in the audit and enqueues the
 * answer, written with the event's processed mark (marks ride with a commit of receipts), each
 * round waiting until those writes have landed.
 * Targets: p99 < 20 ms at 500 req/s (issue 6); the full path ≥ 33% of the throughput of a bare
 * Koa route that reads the same body (issue 11; "≥ 70% of a trivial GET" compared a POST whose
 * body must be read with a GET that has none).
 */
import { fork } from "node:child_process";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import Router from "@koa/router";
import { createApp } from "../src/app.js";
import { mountWecomRoute } from "../src/channels/wecom/wecom-route.js";
import { loadConfig } from "../src/config/load-config.js";
import { createServer } from "../src/http/create-server.js";
import { createInbox } from "../src/inbound/inbox-processor.js";
import { fixedClock } from "../src/shared/clock.js";
import { silentLogger } from "../src/shared/logger.js";
import { SqliteStore } from "../src/store/sqlite/sqlite-store.js";
import { OFFICIAL_KEYS, V1_ENV } from "../test/fixtures/wecom/vectors.js";
import { makeTempDir } from "../test/helpers/temp-dir.js";
import { sealWecomCallback } from "../test/helpers/wecom-request.js";
import { median } from "./child-process.js";
import type { BenchResult } from "./run.js";
import type { LoadReply, LoadRequest, LoadShot } from "./wecom-callback-load.js";

type Route = "trivial" | "post" | "sqlite" | "memory" | "full";

const CONCURRENCY = 16;
const ROUNDS = 6;
// Enough requests that a round of the fastest route still lasts a few hundred milliseconds.
const PER_ROUND: Record<Route, number> = {
  trivial: 16_000,
  post: 12_000,
  sqlite: 4_000,
  memory: 4_000,
  full: 2_000,
};
const WARM_UP = 2_000;
const PACED_RATE = 500;
const PACED_REQUESTS = 2_500; // 5 s at 500/s
const PACED_PHASES = 3;
const PHASE_LIMIT_MS = 15_000;

const PATHS: Record<Route, string> = {
  trivial: "/bench/ping",
  post: "/bench/drain",
  sqlite: "/wecom/callback",
  memory: "/wecom/callback-memory",
  full: "/wecom/callback",
};

export default async function run(): Promise<BenchResult[]> {
  const now = new Date();
  const config = { ...OFFICIAL_KEYS, replayWindowS: 300 };
  const clock = fixedClock(now);
  const dir = makeTempDir("duban-wecom-bench");
  const store = new SqliteStore({ path: join(dir.path, "duban.sqlite") });
  const claimed = new Set<string>();
  // Mounted as src/wecom-services.ts and src/app.ts mount them.
  const routes = new Router();
  // The service's inbox over SQLite: accept (batched) before the 200, markProcessed (batched) after.
  const inbox = createInbox({
    inbox: store.inbox,
    handle: async () => {},
    logger: silentLogger,
    worker: "bench",
  });
  mountWecomRoute(routes, { config, inbox, logger: silentLogger, clock });
  mountWecomRoute(routes, {
    config,
    path: PATHS.memory,
    inbox: {
      accept: async (event) => !claimed.has(event.eventId) && Boolean(claimed.add(event.eventId)),
      process: async () => {},
    },
    logger: silentLogger,
    clock,
  });
  routes.get(PATHS.trivial, (ctx) => {
    ctx.body = "ok";
  });
  // The same sealed body POSTed to a route that only drains it: what receiving it costs alone.
  routes.post(PATHS.post, async (ctx) => {
    for await (const _ of ctx.req);
    ctx.body = "";
  });
  const server = createServer({ logger: silentLogger, routes }).listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  // The whole service, on its own port, with the keys the callbacks are sealed with.
  const fullDir = makeTempDir("duban-wecom-bench-full");
  const env = {
    ...V1_ENV,
    DUBAN_DATA_DIR: fullDir.path,
    WECOM_AGENT_ID: "1000002",
    WECOM_REPLAY_WINDOW_S: String(config.replayWindowS),
  };
  const app = await createApp(loadConfig(env), silentLogger, { env });
  const fullServer = app.http.listen(0, "127.0.0.1");
  await once(fullServer, "listening");
  const fullPort = (fullServer.address() as AddressInfo).port;
  // Every callback answered 200 was accepted unprocessed; its mark lands with its audit entry and
  // answer (one transaction), so none pending means all of them written. A count, not a read of
  // the whole audit: that would add its cost to the CPU figures.
  const pending = () => app.services.store.inbox.pendingCount();
  const load = fork(join(import.meta.dirname, "wecom-callback-load.ts"), [], {
    execArgv: ["--import", "tsx"],
  });

  const timestamp = String(Math.floor(now.getTime() / 1000));
  let msgId = 0;
  // Every callback is a distinct message (a new MsgId): each is decrypted, parsed and claimed.
  const sealed = (path: string): LoadShot => {
    msgId += 1;
    const xml =
      "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName>" +
      `<CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType>` +
      `<Content><![CDATA[52 已新增就业4200人，失业率2.9%]]></Content><MsgId>${7_000_000_000_000_000_000n + BigInt(msgId)}</MsgId>` +
      "<AgentID>1000002</AgentID></xml>";
    const callback = sealWecomCallback(xml, config, { timestamp, nonce: String(msgId) });
    return { path: `${path}?${callback.search}`, body: Buffer.from(callback.body).toString("base64") };
  };
  // The drain route only reads the body, so one sealed callback serves all its requests.
  const drained = sealed(PATHS.post);
  const shot = (route: Route): LoadShot =>
    route === "trivial" ? { path: PATHS.trivial } : route === "post" ? drained : sealed(PATHS[route]);
  const shots = (route: Route, count: number) => Array.from({ length: count }, () => shot(route));

  type Measured = LoadReply & { cpuUsPerRequest: number; appBusy: number };
  let fullAnswered = 0;
  const drive = async (route: Route, request: Omit<LoadRequest, "port" | "limitMs">): Promise<Measured> => {
    const reply = once(load, "message") as Promise<[LoadReply]>;
    load.send({
      ...request,
      port: route === "full" ? fullPort : port,
      limitMs: PHASE_LIMIT_MS,
    } satisfies LoadRequest);
    const cpu = process.cpuUsage();
    const [answer] = await reply;
    if (answer.error) throw new Error(`wecom-callback bench: ${answer.error}`);
    // Claims still running after the last answer belong to this phase, not to the next one.
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The full path handles each callback after its 200: wait until every one is processed.
    for (let i = 0; route === "full" && i < 500; i++) {
      if ((await pending()) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    if (route === "full") fullAnswered += answer.latencies.length;
    const used = (({ user, system }) => user + system)(process.cpuUsage(cpu));
    return { ...answer, cpuUsPerRequest: used / answer.latencies.length, appBusy: used / 1000 / answer.ms };
  };
  const closedLoop = (route: Route, count: number) =>
    drive(route, { shots: shots(route, count), mode: "closed", concurrency: CONCURRENCY, rate: 0 });
  const paced = (route: Route) =>
    drive(route, {
      shots: shots(route, PACED_REQUESTS),
      mode: "paced",
      concurrency: CONCURRENCY,
      rate: PACED_RATE,
    });

  const routeNames = Object.keys(PATHS) as Route[];
  const rates = new Map<Route, number[]>(routeNames.map((r) => [r, []]));
  const cpu = new Map<Route, number[]>(routeNames.map((r) => [r, []]));
  const latencies = new Map<Route, number[]>(routeNames.map((r) => [r, []]));
  const busy = { app: [] as number[], load: [] as number[] };
  try {
    for (const route of routeNames) await closedLoop(route, WARM_UP);
    for (let round = 0; round < ROUNDS; round++) {
      for (const route of routeNames) {
        const measured = await closedLoop(route, PER_ROUND[route]);
        rates.get(route)?.push(measured.perSecond);
        cpu.get(route)?.push(measured.cpuUsPerRequest);
        latencies.get(route)?.push(...measured.latencies);
        if (route === "trivial") busy.app.push(measured.appBusy);
        if (route === "trivial") busy.load.push(measured.busy);
      }
    }
    // The full path did all its work: the stranger's message is in the audit for every callback.
    const audited = (await app.services.store.audit.query({})).length;
    if (audited < fullAnswered) {
      throw new Error(`wecom-callback bench: ${fullAnswered} full-path callbacks, ${audited} audit entries`);
    }
    // Three 5 s phases each, taking turns, and the p99 of all their requests: a stall of the
    // shared host (the trivial route's p99 read 9 to 17 ms at 500 req/s within an hour) delays a
    // few dozen requests by 10-20 ms, fewer than 1% of 7,500 but more than 1% of 2,500.
    const trivialPaced: number[][] = [];
    const callbackPaced: number[][] = [];
    for (let phase = 0; phase < PACED_PHASES; phase++) {
      trivialPaced.push((await paced("trivial")).latencies);
      callbackPaced.push((await paced("sqlite")).latencies);
    }
    return report({ rates, cpu, latencies, busy, trivialPaced, callbackPaced });
  } finally {
    load.kill();
    fullServer.closeAllConnections();
    await new Promise((resolve) => fullServer.close(resolve));
    await app.stop();
    fullDir.remove();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await store.close();
    dir.remove();
  }
}

function report(measured: {
  rates: Map<Route, number[]>;
  cpu: Map<Route, number[]>;
  latencies: Map<Route, number[]>;
  busy: { app: number[]; load: number[] };
  /** Each paced phase's latencies. */
  trivialPaced: number[][];
  callbackPaced: number[][];
}): BenchResult[] {
  const group = "wecom callback";
  const rate = (route: Route) => median(measured.rates.get(route) ?? []);
  // Against the bare Koa route that reads the same body, not against a GET that has none.
  const ratio = (route: Route) => (rate(route) / rate("post")) * 100;
  const cpu = (route: Route) => median(measured.cpu.get(route) ?? []);
  const p99 = (route: Route) => percentile99(measured.latencies.get(route) ?? []);
  const callbackP99 = percentile99(measured.callbackPaced.flat());
  const full = ratio("full");
  return [
    { group, name: `trivial route, ${CONCURRENCY} concurrent`, value: rate("trivial"), unit: "req/s" },
    { group, name: "same body POSTed, only drained", value: rate("post"), unit: "req/s" },
    { group, name: "callback + SQLite dedupe", value: rate("sqlite"), unit: "req/s" },
    { group, name: "callback, dedupe in memory", value: rate("memory"), unit: "req/s" },
    { group, name: "full callback path (the service, SQLite)", value: rate("full"), unit: "req/s" },
    { group, name: "callback route + SQLite / POST drained", value: ratio("sqlite"), unit: "%" },
    { group, name: "callback route in memory / POST drained", value: ratio("memory"), unit: "%" },
    {
      group,
      name: "full callback path / POST drained",
      value: full,
      unit: "%",
      target: "≥ 33%",
      pass: full >= 33,
    },
    // The app near 100% and the load generator well below: the app set the trivial route's rate.
    { group, name: "app busy, trivial rounds", value: median(measured.busy.app) * 100, unit: "% of a core" },
    {
      group,
      name: "load generator busy, trivial rounds",
      value: median(measured.busy.load) * 100,
      unit: "% of a core",
    },
    { group, name: "server CPU per request: trivial", value: cpu("trivial"), unit: "µs" },
    { group, name: "server CPU per request: POST drained", value: cpu("post"), unit: "µs" },
    { group, name: "server CPU per request: callback + SQLite", value: cpu("sqlite"), unit: "µs" },
    { group, name: "server CPU per request: callback in memory", value: cpu("memory"), unit: "µs" },
    { group, name: "server CPU per request: full callback path", value: cpu("full"), unit: "µs" },
    // The target's ratio by CPU instead of answers: the throughput ratio is higher whenever the
    // drained route was held back by something else than the app's CPU (the host, the client).
    {
      group,
      name: "full callback path / POST drained, by server CPU",
      value: (cpu("post") / cpu("full")) * 100,
      unit: "%",
    },
    { group, name: `trivial p99, ${CONCURRENCY} concurrent`, value: p99("trivial"), unit: "ms" },
    { group, name: `callback + SQLite p99, ${CONCURRENCY} concurrent`, value: p99("sqlite"), unit: "ms" },
    {
      group,
      name: `trivial p99 at ${PACED_RATE} req/s (${PACED_PHASES} phases of 5 s)`,
      value: percentile99(measured.trivialPaced.flat()),
      unit: "ms",
    },
    {
      group,
      name: `callback + SQLite p99 at ${PACED_RATE} req/s (${PACED_PHASES} phases of 5 s)`,
      value: callbackP99,
      unit: "ms",
      target: "< 20 ms",
      pass: callbackP99 < 20,
    },
    {
      group,
      name: `callback + SQLite p99 at ${PACED_RATE} req/s, the worst phase alone`,
      value: Math.max(...measured.callbackPaced.map(percentile99)),
      unit: "ms",
    },
  ];
}

function percentile99(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? Number.NaN;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const result of await run()) {
    const verdict = result.pass === undefined ? "" : result.pass ? "ok" : "MISSED";
    process.stdout.write(
      `${result.name}: ${result.value.toFixed(2)} ${result.unit} ${result.target ?? ""} ${verdict}\n`,
    );
  }
}
