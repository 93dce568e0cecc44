import type { Clock } from "../shared/clock.js";
import type { Logger } from "../shared/logger.js";
import type { AccessTokenCache, CachedToken } from "./access-token-cache.js";

/** An app's access token, as every sender of one platform's app asks for it. */
export interface SharedTokenSource {
  /** A token valid for a while yet: this process's copy, the cache's, or a new one. */
  get(): Promise<string>;
  /** The platform refused `token`: forget it, unless another caller already replaced it. */
  invalidate(token: string): Promise<void>;
}

/**
 * Throws `error` and, for the next `ms`, answers every fetch with it instead of asking the
 * platform again. `fetchToken` calls it for the failures that must not be retried at once.
 */
export type PauseFetching<E extends Error> = (error: E, ms: number) => never;

/** What every platform's token source is built with, besides what it asks the platform with. */
export interface TokenSourceDeps {
  cache: AccessTokenCache;
  clock: Clock;
  /** How waiting for another instance's lock is done; tests pass a virtual one. */
  sleep: (ms: number) => Promise<void>;
  logger: Logger;
}

/** What is a platform's own: its cache key, its request, its errors, how early it refreshes. */
export interface TokenPlatform<E extends Error> {
  /** The platform as log lines name it ("WeCom", "DingTalk"). */
  name: string;
  /** The app's entry in the cache, in the platform's own scheme: a deployed service finds its token by it. */
  key: string;
  /** A token is replaced this long before it expires (each platform's brief says how early). */
  refreshEarlyMs: number;
  /**
   * Asks the platform for a new token; rejects with what callers get. Runs on one instance at a
   * time (it holds the cache's lock) and never during a pause; logs nothing secret. Which failures
   * pause further fetching, and for how long, is the platform's to say: it calls `pause` for them.
   */
  fetchToken: (pause: PauseFetching<E>) => Promise<CachedToken>;
  /** What a call gets during a pause, `remainingMs` before it ends; default: the error that paused. */
  whilePaused?: (error: E, remainingMs: number) => E;
  /** What a call gets after waiting in vain for another instance to fetch the token. */
  lockHeldTooLong: () => E;
}

const LOCK_TTL_MS = 10_000;
const WAIT_MS = 250;
// Together longer than LOCK_TTL_MS, so a dead holder's lock lapses before the waiters give up.
const MAX_WAITS = 60;

/**
 * An access token shared by every instance through `cache` (WeCom brief §5, DingTalk brief §3.1):
 * one instance at a time fetches it (a lock), the others wait for it or use the old one while it is
 * still valid; each process asks the cache at most once at a time (single flight). A refused token
 * is invalidated by compare-and-delete. What is a platform's own comes in `platform`.
 */
export function createSharedTokenSource<E extends Error>(
  deps: TokenSourceDeps,
  platform: TokenPlatform<E>,
): SharedTokenSource {
  const { cache, clock, logger } = deps;
  const { key, refreshEarlyMs } = platform;
  let local: CachedToken | undefined;
  let inFlight: Promise<string> | undefined;
  let paused: { error: E; untilMs: number } | undefined;

  const adopt = (token: CachedToken): string => {
    local = token;
    return token.token;
  };
  const nowMs = () => clock.now().getTime();
  const fresh = (t: CachedToken | undefined): t is CachedToken =>
    t !== undefined && nowMs() < t.expiresAtMs - refreshEarlyMs;
  const usable = (t: CachedToken | undefined): t is CachedToken => t !== undefined && nowMs() < t.expiresAtMs;

  // A cache outage degrades to this process's own copy and single flight, never to a fetch per call.
  const safely = async <T>(what: string, run: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      logger.warn(`${platform.name} token cache unavailable; using this process's copy`, {
        op: what,
        error,
      });
      return fallback;
    }
  };

  const pause: PauseFetching<E> = (error, ms) => {
    paused = { error, untilMs: nowMs() + ms };
    throw error;
  };

  async function fetchToken(): Promise<CachedToken> {
    if (paused && nowMs() < paused.untilMs) {
      const remainingMs = paused.untilMs - nowMs();
      throw platform.whilePaused ? platform.whilePaused(paused.error, remainingMs) : paused.error;
    }
    const fetched = await platform.fetchToken(pause);
    paused = undefined;
    return fetched;
  }

  async function refresh(): Promise<string> {
    for (let waits = 0; ; waits++) {
      const cached = await safely("read", () => cache.read(key), undefined);
      if (fresh(cached)) return adopt(cached);
      const release = await safely(
        "lock",
        () => cache.lock(key, LOCK_TTL_MS),
        async () => {},
      );
      if (release) {
        try {
          // Another instance may have stored a new token between our read and our lock.
          const again = await safely("read", () => cache.read(key), undefined);
          if (fresh(again)) return adopt(again);
          const fetched = await fetchToken();
          await safely("write", () => cache.write(key, fetched, fetched.expiresAtMs - nowMs()), undefined);
          return adopt(fetched);
        } finally {
          await safely("release", release, undefined);
        }
      }
      // Someone else is fetching: a token that is old but still valid serves meanwhile.
      const fallback = usable(cached) ? cached : local;
      if (usable(fallback)) return adopt(fallback);
      if (waits >= MAX_WAITS) throw platform.lockHeldTooLong();
      await deps.sleep(WAIT_MS);
    }
  }

  return {
    async get() {
      if (fresh(local)) return local.token;
      inFlight ??= refresh().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
    async invalidate(token) {
      if (local?.token === token) local = undefined;
      await safely("discard", () => cache.discard(key, token), undefined);
    },
  };
}
