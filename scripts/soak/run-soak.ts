import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore } from "../../src/store/open-store.js";
import { V1_ENV } from "../../test/fixtures/wecom/vectors.js";
import { createFakeWecomServer } from "../../test/helpers/fake-wecom-server.js";
import { accountSoak, type SoakAccount } from "./soak-account.js";
import type { SoakArgs } from "./soak-args.js";
import { type MemorySample, type RssFigures, rssFigures } from "./soak-memory.js";
import { readHeapMb, readInboundCounts } from "./soak-metrics.js";
import { runDuban, SEED_NOTICE, startSoakService } from "./soak-service.js";
import { createTraffic, type TrafficLog } from "./soak-traffic.js";

/** Monday 22 March 2021, 08:00 in Beijing: the seed's March cycle is about to be reminded. */
const DEMO_START = "2021-03-22T08:00+08:00";
const RSS_EVERY_MS = 10_000;
/** Callbacks posted at the same time at most: a slow answer must not pile requests up. */
const MAX_IN_FLIGHT = 8;
/** After the last callback: time for the answers to go out, then the service stops. */
const SETTLE_MS = 6_000;
/** What was due this long (real time) before the stop must have been sent: the dispatcher runs every second. */
const DISPATCH_SLACK_MS = 3_000;

export interface SoakResult {
  args: SoakArgs;
  store: string;
  realMinutes: number;
  demo: { from: string; to: string };
  traffic: TrafficLog;
  account: SoakAccount;
  rss: RssFigures | undefined;
  /** The service's child processes (the chart renderer): the most they held, and how often one ran. */
  children: { maxMb: number; samplesRunning: number; samples: number } | undefined;
  /** The service's warnings and errors, counted by message. */
  problems: Map<string, number>;
  stopped: { code: number | null; signal: NodeJS.Signals | null };
  failures: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The soak: the built `duban serve` with WeCom against a fake API on loopback (so the demo clock
 * may run) and the seed imported, fed mixed callbacks at a steady rate while its sweeps run on a
 * fast demo clock; its RSS read every 10 s; then stopped, and what was posted, stored and sent
 * matched up (soak-account.ts).
 */
export async function runSoak(args: SoakArgs): Promise<SoakResult> {
  if (!existsSync(new URL("../../dist/cli/main.js", import.meta.url)))
    throw new Error("dist/ is missing: run `npm run build` first (`npm run soak` does)");
  const data = mkdtempSync(join(tmpdir(), "duban-soak-"));
  const prefix = `soak-${process.pid}:`;
  const storeEnv: Record<string, string> = args.redisUrl
    ? { REDIS_URL: args.redisUrl, REDIS_KEY_PREFIX: prefix }
    : {};
  const env = { ...V1_ENV, DUBAN_DATA_DIR: data, ...storeEnv };
  const wecom = await createFakeWecomServer();
  let service: Awaited<ReturnType<typeof startSoakService>> | undefined;
  try {
    runDuban(["import", SEED_NOTICE], env);
    service = await startSoakService({
      ...env,
      WECOM_API_BASE_URL: wecom.baseUrl,
      DUBAN_CLOCK: DEMO_START,
      DUBAN_CLOCK_SPEED: String(args.speed),
    });
    const running = service;
    const traffic = createTraffic({ base: running.base, sends: wecom.sends, demoNow: running.demoNow });
    const started = Date.now();
    const demoFrom = running.demoNow();
    const samples: MemorySample[] = [];
    const childSamples: number[] = [];
    // The RSS and the heap read together: what the RSS holds besides the heap is their difference.
    const sample = async () => {
      const minute = (Date.now() - started) / 60_000;
      const heap = await readHeapMb(running.base).catch(() => undefined);
      const mb = running.rssMb();
      if (mb !== undefined) samples.push({ minute, mb, ...(heap ? { heap } : {}) });
      const children = running.childrenRssMb();
      if (children !== undefined) childSamples.push(children);
    };
    await sample();
    const sampler = setInterval(() => void sample(), RSS_EVERY_MS);
    const progress = setInterval(() => {
      const last = samples.at(-1);
      process.stderr.write(
        `soak: ${((Date.now() - started) / 60_000).toFixed(1)} min, ${traffic.log.callbacks.size} callbacks, ` +
          `${wecom.sends.length} sends at WeCom, demo clock ${running.demoNow().toISOString().slice(0, 16)}Z` +
          `${last ? `, RSS ${last.mb.toFixed(0)} MB` : ""}\n`,
      );
    }, 60_000);

    // A steady rate: tick i is due at start + i / rate, whatever the answers' pace.
    const endsAt = started + args.minutes * 60_000;
    const inFlight = new Set<Promise<void>>();
    for (let i = 0; ; i++) {
      const due = started + (i * 1000) / args.rate;
      if (due >= endsAt) break;
      await sleep(due - Date.now());
      while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
      const tick = traffic.tick().finally(() => inFlight.delete(tick));
      inFlight.add(tick);
    }
    await Promise.all(inFlight);
    await sleep(SETTLE_MS);
    clearInterval(progress);
    clearInterval(sampler);
    await sample();
    const inbound = await readInboundCounts(running.base, "wecom");
    const demoEnd = new Date(running.demoNow().getTime() - DISPATCH_SLACK_MS * args.speed);
    const stopped = await running.stop();

    const store = await openStore({
      dataDir: data,
      redisKeyPrefix: prefix,
      ...(args.redisUrl ? { redisUrl: args.redisUrl } : {}),
    });
    let account: SoakAccount;
    try {
      account = await accountSoak({
        store,
        traffic: traffic.log,
        sends: wecom.sends,
        uploads: wecom.uploads(),
        inbound,
        demoEnd,
      });
    } finally {
      await store.close();
    }
    return {
      args,
      store: args.redisUrl ? `redis (${prefix}*)` : "sqlite",
      realMinutes: (Date.now() - started) / 60_000,
      demo: { from: demoFrom.toISOString(), to: demoEnd.toISOString() },
      traffic: traffic.log,
      account,
      rss: rssFigures(samples),
      children:
        childSamples.length > 0
          ? {
              maxMb: Math.max(...childSamples),
              samplesRunning: childSamples.filter((mb) => mb > 0).length,
              samples: childSamples.length,
            }
          : undefined,
      problems: running.problems,
      stopped,
      failures: failuresOf(account, stopped),
    };
  } finally {
    await service?.stop();
    await wecom.close();
    if (args.redisUrl) await removeKeys(args.redisUrl, prefix);
    if (args.keep) process.stderr.write(`soak: data kept in ${data}\n`);
    else rmSync(data, { recursive: true, force: true });
  }
}

/** Losses and unabsorbed duplicates: each makes the soak exit non-zero. */
function failuresOf(account: SoakAccount, stopped: SoakResult["stopped"]): string[] {
  const failures: string[] = [];
  const { callbacks, duplicates, planned } = account;
  if (callbacks.lost > 0)
    failures.push(`${callbacks.lost} acknowledged callback(s) without a delivered answer`);
  if (callbacks.unprocessed > 0)
    failures.push(`${callbacks.unprocessed} acknowledged event(s) never processed`);
  if (duplicates.unabsorbed > 0) failures.push(`${duplicates.unabsorbed} duplicate(s) not absorbed`);
  if (planned.overdue > 0) failures.push(`${planned.overdue} planned message(s) due and not sent`);
  if (account.deadLetters > 0) failures.push(`${account.deadLetters} dead letter(s)`);
  if (stopped.code !== 0)
    failures.push(`the service did not stop cleanly (${stopped.code ?? stopped.signal})`);
  return failures;
}

async function removeKeys(url: string, prefix: string): Promise<void> {
  const { Redis } = await import("ioredis");
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 }) as AsyncIterable<string[]>)
      if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
