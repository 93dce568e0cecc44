import { describe, expect, it } from "vitest";
import {
  type AccessTokenCache,
  type CachedToken,
  createMemoryTokenCache,
} from "../../../src/channels/access-token-cache.js";
import {
  createSharedTokenSource,
  type PauseFetching,
  type TokenPlatform,
} from "../../../src/channels/shared-access-token.js";
import { createLogger } from "../../../src/shared/logger.js";

/** A platform's failure, as a fetch rejects with it. */
class PlatformError extends Error {
  constructor(
    readonly why: string,
    readonly retryAfterMs?: number,
  ) {
    super(`no token: ${why}`);
  }
}

const KEY = "app-1:abcdef012345";
const HOUR_MS = 3_600_000;

/** Time that only moves when the test or a waiting source moves it. */
function testClock() {
  let nowMs = Date.parse("2026-03-02T01:00:00Z");
  const slept: number[] = [];
  return {
    now: () => new Date(nowMs),
    advance: (ms: number) => {
      nowMs += ms;
    },
    sleep: async (ms: number) => {
      slept.push(ms);
      nowMs += ms;
    },
    slept,
  };
}

/** A source over a platform whose answers the test scripts, one per fetch; `fetches` counts them. */
function platform(
  answers: Array<(pause: PauseFetching<PlatformError>, nowMs: number) => CachedToken>,
  overrides: Partial<TokenPlatform<PlatformError>> = {},
  /** What the source sees of the (real, in-memory) cache. */
  seen: (cache: AccessTokenCache) => AccessTokenCache = (cache) => cache,
) {
  const clock = testClock();
  const lines: string[] = [];
  const cache = createMemoryTokenCache(clock);
  let fetches = 0;
  const logger = createLogger({ level: "debug", write: (line) => lines.push(line) });
  const tokens = createSharedTokenSource<PlatformError>(
    { cache: seen(cache), clock, sleep: clock.sleep, logger },
    {
      name: "TestPlatform",
      key: KEY,
      refreshEarlyMs: 60_000,
      fetchToken: async (pause) => {
        const answer = answers[fetches++];
        if (!answer) throw new Error(`fetch ${fetches} was not expected`);
        return answer(pause, clock.now().getTime());
      },
      lockHeldTooLong: () => new PlatformError("lock held"),
      ...overrides,
    },
  );
  return { tokens, clock, cache, lines, fetches: () => fetches };
}

const valid =
  (token: string, lifetimeMs = 2 * HOUR_MS) =>
  (_pause: unknown, nowMs: number): CachedToken => ({ token, expiresAtMs: nowMs + lifetimeMs });

/** A cache in which another instance holds the lock, for ever. */
const lockedForever = (inner: AccessTokenCache): AccessTokenCache => ({
  ...inner,
  lock: async () => undefined,
});

describe("createSharedTokenSource", () => {
  it("fetches once for concurrent calls and stores the token with its expiry for other instances", async () => {
    const { tokens, clock, cache, fetches } = platform([valid("token-1", HOUR_MS)]);
    await expect(Promise.all([tokens.get(), tokens.get(), tokens.get()])).resolves.toEqual([
      "token-1",
      "token-1",
      "token-1",
    ]);
    await expect(tokens.get()).resolves.toBe("token-1");
    expect(fetches()).toBe(1);
    await expect(cache.read(KEY)).resolves.toEqual({
      token: "token-1",
      expiresAtMs: clock.now().getTime() + HOUR_MS,
    });
  });

  it("replaces the token refreshEarlyMs before it expires, not sooner", async () => {
    const { tokens, clock, fetches } = platform([valid("token-1", HOUR_MS), valid("token-2")]);
    await tokens.get();
    clock.advance(HOUR_MS - 60_000 - 1);
    await expect(tokens.get()).resolves.toBe("token-1");
    clock.advance(1);
    await expect(tokens.get()).resolves.toBe("token-2");
    expect(fetches()).toBe(2);
  });

  it("answers a paused failure to every call until the pause ends, without asking the platform", async () => {
    const refused = new PlatformError("secret refused");
    const { tokens, clock, fetches } = platform([(pause) => pause(refused, 60_000), valid("token-1")]);
    await expect(tokens.get()).rejects.toBe(refused);
    clock.advance(59_999);
    await expect(tokens.get()).rejects.toBe(refused);
    expect(fetches()).toBe(1);
    clock.advance(1);
    await expect(tokens.get()).resolves.toBe("token-1");
    expect(fetches()).toBe(2);
  });

  it("lets whilePaused say what a paused call gets, with the time the pause has yet to run", async () => {
    const { tokens, clock } = platform([(pause) => pause(new PlatformError("unreachable", 15_000), 15_000)], {
      whilePaused: (error, remainingMs) => new PlatformError(error.why, remainingMs),
    });
    await expect(tokens.get()).rejects.toMatchObject({ why: "unreachable", retryAfterMs: 15_000 });
    clock.advance(4000);
    await expect(tokens.get()).rejects.toMatchObject({ why: "unreachable", retryAfterMs: 11_000 });
  });

  it("asks the platform again at the next call after a failure that did not pause", async () => {
    const banned = new PlatformError("ip banned");
    const { tokens, fetches } = platform([
      () => {
        throw banned;
      },
      valid("token-1"),
    ]);
    await expect(tokens.get()).rejects.toBe(banned);
    await expect(tokens.get()).resolves.toBe("token-1");
    expect(fetches()).toBe(2);
  });

  it("gives up with lockHeldTooLong only after waiting longer than a lock lives", async () => {
    const { tokens, clock, fetches } = platform([valid("never")], {}, lockedForever);
    await expect(tokens.get()).rejects.toMatchObject({ why: "lock held" });
    expect(fetches()).toBe(0);
    expect(clock.slept.every((ms) => ms === 250)).toBe(true);
    expect(clock.slept.reduce((sum, ms) => sum + ms, 0)).toBeGreaterThan(10_000);
  });

  it("invalidates by compare-and-delete: only the token refused is forgotten", async () => {
    const { tokens, clock, cache, fetches } = platform([valid("token-1"), valid("token-3")]);
    await tokens.get();
    const replaced: CachedToken = { token: "token-2", expiresAtMs: clock.now().getTime() + HOUR_MS };
    await cache.write(KEY, replaced, HOUR_MS);
    await tokens.invalidate("token-1");
    await expect(cache.read(KEY)).resolves.toEqual(replaced);
    await expect(tokens.get()).resolves.toBe("token-2");
    await tokens.invalidate("token-2");
    await expect(tokens.get()).resolves.toBe("token-3");
    expect(fetches()).toBe(2);
  });

  it("survives a cache outage with one fetch for the whole process, and says which platform's", async () => {
    const down = () => Promise.reject(new Error("cache down"));
    const { tokens, lines, fetches } = platform([valid("token-1")], {}, () => ({
      read: down,
      write: down,
      discard: down,
      lock: down,
    }));
    await expect(Promise.all([tokens.get(), tokens.get()])).resolves.toEqual(["token-1", "token-1"]);
    await expect(tokens.get()).resolves.toBe("token-1");
    expect(fetches()).toBe(1);
    expect(lines.some((line) => line.includes("TestPlatform token cache unavailable"))).toBe(true);
    expect(lines.join("\n")).not.toContain("token-1");
  });
});
