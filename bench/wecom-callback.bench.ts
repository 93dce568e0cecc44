/**
 * Encrypted WeCom text-message callbacks through the real Koa app (body cap, signature, replay
 * window, AES, both XML parses, the 200, then dedupe after the answer) against the same app
 * answering a trivial route. Load comes from this process over loopback with keep-alive, bodies
 * sealed beforehand: closed-loop at fixed concurrency for throughput, in alternating rounds so
 * that noise from the machine hits every route alike, then open-loop at 500 requests/s for p99.
 * The callback runs twice: with the SQLite store's claimOnce (the default deployment) and with
 * claims kept in memory (the route's own cost, as with a store that costs no CPU here).
 * Targets (issue 6): callback throughput ≥ 70% of the trivial route's; p99 < 20 ms at 500 req/s.
 */
import http from "node:http";
import { pathToFileURL } from "node:url";
import { mountWecomRoute } from "../src/http/wecom-route.js";
import { fixedClock } from "../src/shared/clock.js";
import { silentLogger } from "../src/shared/logger.js";
import { OFFICIAL_KEYS } from "../test/fixtures/wecom/vectors.js";
import { startWecomApp } from "../test/fixtures/wecom/wecom-app.js";
import { sealWecomCallback } from "../test/helpers/wecom-request.js";
import type { BenchResult } from "./run.js";

const CONCURRENCY = 16;
const ROUNDS = 6;
const PER_ROUND = 1_500;
const PACED_RATE = 500;
const PACED_REQUESTS = 2_500; // 5 s at 500/s
const PHASE_LIMIT_MS = 15_000;

type Shot = { path: string; body?: Buffer };
type Route = "trivial" | "post" | "sqlite" | "memory";

export default async function run(): Promise<BenchResult[]> {
  const now = new Date();
  const config = { ...OFFICIAL_KEYS, replayWindowS: 300 };
  const claimed = new Set<string>();
  const app = await startWecomApp({
    config,
    clock: fixedClock(now),
    extra: (router) => {
      router.get("/bench/ping", (ctx) => {
        ctx.body = "ok";
      });
      // The same sealed body POSTed to a route that only drains it: what receiving it costs alone.
      router.post("/bench/drain", async (ctx) => {
        for await (const _ of ctx.req);
        ctx.body = "";
      });
      mountWecomRoute(router, {
        config,
        path: "/wecom/callback-memory",
        claimOnce: async (key) => !claimed.has(key) && Boolean(claimed.add(key)),
        onInbound: async () => {},
        logger: silentLogger,
        clock: fixedClock(now),
      });
    },
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const { port } = new URL(app.base);
  const timestamp = String(Math.floor(now.getTime() / 1000));
  let msgId = 0;
  // Every callback is a distinct message (a new MsgId): each is decrypted, parsed and claimed.
  const shot = (route: Route): Shot => {
    if (route === "trivial") return { path: "/bench/ping" };
    msgId += 1;
    const xml =
      "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName>" +
      `<CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType>` +
      `<Content><![CDATA[52 已新增就业4200人，失业率2.9%]]></Content><MsgId>${7_000_000_000_000_000_000n + BigInt(msgId)}</MsgId>` +
      "<AgentID>1000002</AgentID></xml>";
    const sealed = sealWecomCallback(xml, config, { timestamp, nonce: String(msgId) });
    const path = { post: "/bench/drain", sqlite: "/wecom/callback", memory: "/wecom/callback-memory" }[route];
    return { path: `${path}?${sealed.search}`, body: Buffer.from(sealed.body) };
  };
  const shots = (route: Route, count: number) => Array.from({ length: count }, () => shot(route));

  const send = ({ path, body }: Shot): Promise<number> =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      // As WeCom sends it: a declared length, not chunked encoding.
      const headers = body ? { "content-type": "text/xml", "content-length": body.length } : {};
      const request = http.request(
        { host: "127.0.0.1", port, method: body ? "POST" : "GET", path, agent, headers },
        (response) => {
          response.resume();
          response.on("end", () =>
            response.statusCode === 200
              ? resolve(performance.now() - started)
              : reject(new Error(`HTTP ${response.statusCode}`)),
          );
        },
      );
      request.on("error", reject);
      request.end(body);
    });

  async function closedLoop(list: Shot[]): Promise<{ perSecond: number; latencies: number[] }> {
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < list.length && performance.now() - started < PHASE_LIMIT_MS) {
        latencies.push(await send(list[next++] as Shot));
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return { perSecond: latencies.length / ((performance.now() - started) / 1000), latencies };
  }

  async function paced(list: Shot[]): Promise<number[]> {
    const latencies: Promise<number>[] = [];
    const started = performance.now();
    for (let i = 0; i < list.length && performance.now() - started < PHASE_LIMIT_MS; i++) {
      const wait = started + (i * 1000) / PACED_RATE - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      latencies.push(send(list[i] as Shot));
    }
    return Promise.all(latencies);
  }

  const routes: Route[] = ["trivial", "post", "sqlite", "memory"];
  const rates: Record<Route, number[]> = { trivial: [], post: [], sqlite: [], memory: [] };
  const latencies: Record<Route, number[]> = { trivial: [], post: [], sqlite: [], memory: [] };
  try {
    for (const route of routes) await closedLoop(shots(route, 500)); // warm-up
    for (let round = 0; round < ROUNDS; round++) {
      for (const route of routes) {
        const load = await closedLoop(shots(route, PER_ROUND));
        rates[route].push(load.perSecond);
        latencies[route].push(...load.latencies);
      }
    }
    const trivialPaced = await paced(shots("trivial", PACED_REQUESTS));
    const callbackPaced = await paced(shots("sqlite", PACED_REQUESTS));
    await app.settled();
    const group = "wecom callback";
    const rate = (route: Route) => median(rates[route]);
    const ratio = (route: Route) => (rate(route) / rate("trivial")) * 100;
    const callbackP99 = percentile99(callbackPaced);
    return [
      { group, name: `trivial route, ${CONCURRENCY} concurrent`, value: rate("trivial"), unit: "req/s" },
      { group, name: "same body POSTed, only drained", value: rate("post"), unit: "req/s" },
      { group, name: "callback + SQLite dedupe", value: rate("sqlite"), unit: "req/s" },
      { group, name: "callback, dedupe in memory", value: rate("memory"), unit: "req/s" },
      {
        group,
        name: "callback + SQLite / trivial",
        value: ratio("sqlite"),
        unit: "%",
        target: "≥ 70%",
        pass: ratio("sqlite") >= 70,
      },
      {
        group,
        name: "callback in memory / trivial",
        value: ratio("memory"),
        unit: "%",
        target: "≥ 70%",
        pass: ratio("memory") >= 70,
      },
      {
        group,
        name: `trivial p99, ${CONCURRENCY} concurrent`,
        value: percentile99(latencies.trivial),
        unit: "ms",
      },
      {
        group,
        name: `callback + SQLite p99, ${CONCURRENCY} concurrent`,
        value: percentile99(latencies.sqlite),
        unit: "ms",
      },
      { group, name: `trivial p99 at ${PACED_RATE} req/s`, value: percentile99(trivialPaced), unit: "ms" },
      {
        group,
        name: `callback + SQLite p99 at ${PACED_RATE} req/s`,
        value: callbackP99,
        unit: "ms",
        target: "< 20 ms",
        pass: callbackP99 < 20,
      },
    ];
  } finally {
    agent.destroy();
    await app.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
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
