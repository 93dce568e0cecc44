import type nock from "nock";
import type { SharedCounters } from "../../../../src/channels/channel-plugin.js";
import type { DingtalkConfig } from "../../../../src/channels/dingtalk/dingtalk-config.js";
import type { Clock } from "../../../../src/shared/clock.js";
import { createLogger, type Logger } from "../../../../src/shared/logger.js";

/** The app every sending test talks as; the secret and the tokens are checked never to leak. */
export const APP: DingtalkConfig = {
  clientId: "dingappkey00000001",
  clientSecret: "app-secret-0123456789abcdef",
  robotCode: "dingrobot00000001",
  mode: "stream",
  apiBaseUrl: "https://api.dingtalk.com",
  qpsLimit: 20,
  monthlyQuota: 5000,
};

export const OPENAPI = APP.apiBaseUrl;
export const TOKEN_PATH = "/v1.0/oauth2/accessToken";

/**
 * A clock on virtual time. `sleep` parks the caller until `run` moves the time to its wake-up;
 * `run` drives a piece of work to its end, letting real I/O (nock's answers) happen between moves.
 * So a rate bucket that waits seconds runs in milliseconds, and the times it keeps are exact.
 */
export interface VirtualTime extends Clock {
  advance(ms: number): void;
  sleep(ms: number): Promise<void>;
  run<T>(work: Promise<T>): Promise<T>;
  /** Every pause asked for, in order. */
  readonly slept: number[];
}

export function virtualTime(iso = "2026-03-02T01:00:00Z"): VirtualTime {
  let nowMs = Date.parse(iso);
  const sleepers: Array<{ at: number; wake: () => void }> = [];
  const slept: number[] = [];
  return {
    now: () => new Date(nowMs),
    advance: (ms) => {
      nowMs += ms;
    },
    sleep(ms) {
      slept.push(ms);
      if (ms <= 0) return Promise.resolve();
      return new Promise<void>((wake) => sleepers.push({ at: nowMs + ms, wake }));
    },
    async run(work) {
      let done = false;
      work.then(
        () => {
          done = true;
        },
        () => {
          done = true;
        },
      );
      while (!done) {
        await new Promise((resolve) => setImmediate(resolve));
        if (done || sleepers.length === 0) continue;
        sleepers.sort((a, b) => a.at - b.at);
        nowMs = Math.max(nowMs, sleepers[0]?.at ?? nowMs);
        const due = sleepers.filter((s) => s.at <= nowMs);
        sleepers.splice(0, due.length);
        for (const sleeper of due) sleeper.wake();
      }
      return work;
    },
    slept,
  };
}

/** The token call answering `token` (7200 s), once per call of this function. */
export function replyToken(scope: nock.Scope, token: string, expireIn = 7200): nock.Scope {
  return scope
    .post(TOKEN_PATH, { appKey: APP.clientId, appSecret: APP.clientSecret })
    .reply(200, { accessToken: token, expireIn });
}

/** A logger whose lines the test can read. */
export function recordingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return { logger: createLogger({ level: "debug", write: (line) => lines.push(line) }), lines };
}

/** The store's shared counters as the lead's store keeps them: a total per key, forgotten after its expiry. */
export function fakeCounters(clock: Clock): SharedCounters & { totals: Map<string, number> } {
  const entries = new Map<string, { total: number; expiresAtMs: number }>();
  const totals = new Map<string, number>();
  const live = (key: string, nowMs: number) => {
    const entry = entries.get(key);
    return entry && entry.expiresAtMs > nowMs ? entry : undefined;
  };
  return {
    async add(key, by, expiresAt) {
      const total = (live(key, clock.now().getTime())?.total ?? 0) + by;
      entries.set(key, { total, expiresAtMs: expiresAt.getTime() });
      totals.set(key, total);
      return total;
    },
    async read(key, now) {
      return live(key, now.getTime())?.total ?? 0;
    },
    totals,
  };
}

/** A fetch that records when each request left (on `clock`) and where to, then lets nock answer it. */
export function recordingFetch(clock: Clock): {
  fetch: typeof fetch;
  sent: Array<{ atMs: number; path: string }>;
} {
  const sent: Array<{ atMs: number; path: string }> = [];
  return {
    sent,
    fetch: (input, init) => {
      sent.push({ atMs: clock.now().getTime(), path: new URL(String(input)).pathname });
      return fetch(input, init);
    },
  };
}

/** The most calls in any window [t, t + 1000 ms). */
export function maxInAnySecond(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= 1000) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}
