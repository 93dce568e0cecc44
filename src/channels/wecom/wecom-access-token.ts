import { createHash } from "node:crypto";
import type { Clock } from "../../shared/clock.js";
import type { Logger } from "../../shared/logger.js";
import type { AccessTokenCache, CachedToken } from "../access-token-cache.js";
import { WecomApiError, WecomTransportError } from "./wecom-api-error.js";
import { requestWecomJson } from "./wecom-request-json.js";

export interface WecomTokenSource {
  /** A token valid for a while yet; fetched, shared and refreshed as brief §5 asks. */
  get(): Promise<string>;
  /** WeCom refused `token` (40014/42001): forget it, unless another caller already replaced it. */
  invalidate(token: string): Promise<void>;
}

export interface WecomTokenSourceOptions {
  corpId: string;
  agentId: number;
  secret: string;
  apiBaseUrl: string;
  cache: AccessTokenCache;
  clock: Clock;
  fetch: typeof fetch;
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
  logger: Logger;
}

/** Refresh this long before expires_in runs out (brief §5: about 5 min early). */
export const REFRESH_EARLY_MS = 5 * 60_000;
const LOCK_TTL_MS = 10_000;
const WAIT_MS = 250;
// Together longer than LOCK_TTL_MS, so a dead holder's lock lapses before the waiters give up.
const MAX_WAITS = 60;
// gettoken is rate-limited ("不能频繁调用"): a refused secret is not asked again for a minute.
const FAILURE_PAUSE_MS = 60_000;
// While WeCom cannot be reached at all, every send in the next few seconds fails with the same
// error instead of each asking gettoken again: one request per pause, not one per message.
const UNREACHABLE_PAUSE_MS = 15_000;

/** Per (corp, app, secret): each app's token is independent (Doc 91039). The secret only enters hashed. */
export function tokenCacheKey(app: { corpId: string; agentId: number; secret: string }): string {
  const secretHash = createHash("sha256").update(app.secret).digest("hex").slice(0, 12);
  return `${app.corpId}:${app.agentId}:${secretHash}`;
}

export function createWecomTokenSource(options: WecomTokenSourceOptions): WecomTokenSource {
  const { cache, clock, logger } = options;
  const key = tokenCacheKey(options);
  let local: CachedToken | undefined;
  let inFlight: Promise<string> | undefined;
  let failure: { error: WecomApiError | WecomTransportError; untilMs: number } | undefined;

  const adopt = (token: CachedToken): string => {
    local = token;
    return token.token;
  };
  const nowMs = () => clock.now().getTime();
  const fresh = (t: CachedToken | undefined): t is CachedToken =>
    t !== undefined && nowMs() < t.expiresAtMs - REFRESH_EARLY_MS;
  const usable = (t: CachedToken | undefined): t is CachedToken => t !== undefined && nowMs() < t.expiresAtMs;

  // A cache outage degrades to this process's own copy and single flight, never to a gettoken per call.
  const safely = async <T>(what: string, run: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      logger.warn("WeCom token cache unavailable; using this process's copy", { op: what, error });
      return fallback;
    }
  };

  async function fetchToken(): Promise<CachedToken> {
    if (failure && nowMs() < failure.untilMs) throw failure.error;
    const url = new URL(`${options.apiBaseUrl}/cgi-bin/gettoken`);
    url.searchParams.set("corpid", options.corpId);
    url.searchParams.set("corpsecret", options.secret);
    const answer = await requestWecomJson({
      method: "gettoken",
      url: url.toString(),
      fetch: options.fetch,
      timeoutMs: options.timeoutMs,
      secrets: [options.secret],
    }).catch((error: unknown) => {
      if (error instanceof WecomTransportError) failure = { error, untilMs: nowMs() + UNREACHABLE_PAUSE_MS };
      throw error;
    });
    if (answer.errcode !== 0) {
      const error = new WecomApiError("gettoken", answer.errcode, answer.errmsg);
      failure = { error, untilMs: nowMs() + FAILURE_PAUSE_MS };
      throw error;
    }
    const token = answer.access_token;
    if (typeof token !== "string" || token === "" || token.length > 512) {
      throw new WecomTransportError("gettoken", "the answer has no usable access_token");
    }
    const expiresInS =
      typeof answer.expires_in === "number" && answer.expires_in > 0 ? answer.expires_in : 7200;
    failure = undefined;
    logger.debug("fetched a WeCom access token", { expiresInS });
    return { token, expiresAtMs: nowMs() + expiresInS * 1000 };
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
      if (waits >= MAX_WAITS) {
        throw new WecomTransportError("gettoken", "another instance held the token lock for too long");
      }
      await options.sleep(WAIT_MS);
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
