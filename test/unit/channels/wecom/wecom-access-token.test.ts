import nock from "nock";
import { describe, expect, it } from "vitest";
import {
  type AccessTokenCache,
  type CachedToken,
  createMemoryTokenCache,
} from "../../../../src/channels/access-token-cache.js";
import { createWecomTokenSource, tokenCacheKey } from "../../../../src/channels/wecom/wecom-access-token.js";
import { APP, type MovingClock, movingClock, QYAPI, recordingLogger, replyToken } from "./wecom-api-kit.js";

const T1 = "accesstoken000001";
const T2 = "accesstoken000002";
const KEY = tokenCacheKey(APP);

function source(clock: MovingClock, cache: AccessTokenCache, logger = recordingLogger().logger) {
  return createWecomTokenSource({
    ...APP,
    cache,
    clock,
    fetch: (input, init) => fetch(input, init),
    timeoutMs: 1000,
    sleep: clock.sleep,
    logger,
  });
}

/** Wraps a cache so that another instance appears to hold the lock `heldFor` times. */
function contended(inner: AccessTokenCache, heldFor: number, onWait?: () => Promise<void>): AccessTokenCache {
  let refusals = 0;
  return {
    ...inner,
    lock: async (key, ttlMs) => {
      if (refusals >= heldFor) return inner.lock(key, ttlMs);
      refusals += 1;
      await onWait?.();
      return undefined;
    },
  };
}

const failing: AccessTokenCache = {
  read: () => Promise.reject(new Error("redis down")),
  write: () => Promise.reject(new Error("redis down")),
  discard: () => Promise.reject(new Error("redis down")),
  lock: () => Promise.reject(new Error("redis down")),
};

describe("createWecomTokenSource", () => {
  it("uses the still-valid token while another instance holds the refresh lock", async () => {
    const clock = movingClock();
    const cache = createMemoryTokenCache(clock);
    const expiresAtMs = clock.now().getTime() + 200_000; // inside the 5-minute refresh window
    await cache.write(KEY, { token: T1, expiresAtMs }, 200_000);
    const tokens = source(clock, contended(cache, 1));
    await expect(tokens.get()).resolves.toBe(T1);
  });

  it("waits for the lock holder's token instead of fetching one itself", async () => {
    const clock = movingClock();
    const cache = createMemoryTokenCache(clock);
    let waits = 0;
    const other = async () => {
      waits += 1;
      if (waits === 3)
        await cache.write(KEY, { token: T2, expiresAtMs: clock.now().getTime() + 7_200_000 }, 1);
    };
    const tokens = source(clock, contended(cache, 3, other));
    await expect(tokens.get()).resolves.toBe(T2);
    expect(clock.slept).toEqual([250, 250, 250]);
  });

  it("invalidates by compare-and-delete: a refused old token never removes the new one", async () => {
    const clock = movingClock();
    const cache = createMemoryTokenCache(clock);
    const scope = replyToken(nock(QYAPI), T1);
    const tokens = source(clock, cache);
    await expect(tokens.get()).resolves.toBe(T1);
    const fresh: CachedToken = { token: T2, expiresAtMs: clock.now().getTime() + 7_200_000 };
    await cache.write(KEY, fresh, 1);
    await tokens.invalidate(T1);
    await expect(cache.read(KEY)).resolves.toEqual(fresh);
    await expect(tokens.get()).resolves.toBe(T2);
    expect(scope.isDone()).toBe(true);
  });

  it("survives a cache outage with one gettoken for the whole process", async () => {
    const clock = movingClock();
    const scope = replyToken(nock(QYAPI), T1);
    const { logger, lines } = recordingLogger();
    const tokens = source(clock, failing, logger);
    await expect(Promise.all([tokens.get(), tokens.get()])).resolves.toEqual([T1, T1]);
    await expect(tokens.get()).resolves.toBe(T1);
    expect(scope.isDone()).toBe(true);
    expect(lines.some((line) => line.includes("token cache unavailable"))).toBe(true);
    expect(lines.join("\n")).not.toContain(T1);
  });

  it("stores the token with its expiry so that other instances can use it", async () => {
    const clock = movingClock();
    const cache = createMemoryTokenCache(clock);
    const scope = replyToken(nock(QYAPI), T1, 3600);
    await source(clock, cache).get();
    await expect(cache.read(KEY)).resolves.toEqual({
      token: T1,
      expiresAtMs: clock.now().getTime() + 3_600_000,
    });
    expect(scope.isDone()).toBe(true);
  });
});
