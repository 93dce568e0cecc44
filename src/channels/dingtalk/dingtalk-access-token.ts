import { createHash } from "node:crypto";
import type { Clock } from "../../shared/clock.js";
import type { Logger } from "../../shared/logger.js";
import { message } from "../../templates/template-store.js";
import type { AccessTokenCache, CachedToken } from "../access-token-cache.js";
import type { DingtalkFailure } from "./dingtalk-contracts.js";
import { failureOf } from "./dingtalk-failure.js";
import { exchangeDingtalk } from "./dingtalk-request.js";

/** No token could be had: why, as the failure every call waiting for it answers. */
export class DingtalkTokenError extends Error {
  readonly failure: DingtalkFailure;
  constructor(failure: DingtalkFailure) {
    super(`DingTalk access token unavailable: ${failure.kind}${failure.code ? ` (${failure.code})` : ""}`);
    this.name = "DingtalkTokenError";
    this.failure = failure;
  }
}

export interface DingtalkTokenSource {
  /** A token valid for a while yet; fetched, shared and refreshed as brief §3.1 asks. Rejects with DingtalkTokenError. */
  get(): Promise<string>;
  /** DingTalk refused `token` (InvalidAuthentication): forget it, unless another caller already replaced it. */
  invalidate(token: string): Promise<void>;
}

export interface DingtalkTokenSourceOptions {
  clientId: string;
  clientSecret: string;
  apiBaseUrl: string;
  cache: AccessTokenCache;
  clock: Clock;
  fetch: typeof fetch;
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
  logger: Logger;
}

/** Refresh this long before expireIn runs out (brief §3.1: about 5 min early). */
export const REFRESH_EARLY_MS = 5 * 60_000;
const LOCK_TTL_MS = 10_000;
const WAIT_MS = 250;
// Together longer than LOCK_TTL_MS, so a dead holder's lock lapses before the waiters give up.
const MAX_WAITS = 60;
// A refused secret is not asked again for a minute: every send meanwhile fails with the same
// answer instead of each asking DingTalk (which would count against the app's QPS).
const REFUSED_PAUSE_MS = 60_000;
// While DingTalk cannot be reached, one token request per pause, not one per message.
const UNREACHABLE_PAUSE_MS = 15_000;
const TOKEN_PATH = "/v1.0/oauth2/accessToken";

/** Per app (client id and secret): a new secret gets a new token. The secret only enters hashed. */
export function dingtalkTokenKey(app: { clientId: string; clientSecret: string }): string {
  const secretHash = createHash("sha256").update(app.clientSecret).digest("hex").slice(0, 12);
  return `${app.clientId}:${secretHash}`;
}

/**
 * The new API's app token (`POST /v1.0/oauth2/accessToken` with `{appKey, appSecret}` →
 * `{accessToken, expireIn}`, brief §3.1), shared by every instance through `cache`: one instance
 * at a time fetches it (a lock), the others wait for it or use the old one while it is still
 * valid; each process asks the cache at most once at a time (single flight).
 */
export function createDingtalkTokenSource(options: DingtalkTokenSourceOptions): DingtalkTokenSource {
  const { cache, clock, logger } = options;
  const key = dingtalkTokenKey(options);
  let local: CachedToken | undefined;
  let inFlight: Promise<string> | undefined;
  let paused: { failure: DingtalkFailure; untilMs: number } | undefined;

  const adopt = (token: CachedToken): string => {
    local = token;
    return token.token;
  };
  const nowMs = () => clock.now().getTime();
  const fresh = (t: CachedToken | undefined): t is CachedToken =>
    t !== undefined && nowMs() < t.expiresAtMs - REFRESH_EARLY_MS;
  const usable = (t: CachedToken | undefined): t is CachedToken => t !== undefined && nowMs() < t.expiresAtMs;

  // A cache outage degrades to this process's own copy and single flight, never to a fetch per call.
  const safely = async <T>(what: string, run: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      logger.warn("DingTalk token cache unavailable; using this process's copy", { op: what, error });
      return fallback;
    }
  };

  const pause = (failure: DingtalkFailure, ms: number): never => {
    paused = { failure, untilMs: nowMs() + ms };
    throw new DingtalkTokenError({ ...failure, retryAfterMs: Math.max(failure.retryAfterMs ?? 0, ms) });
  };

  async function fetchToken(): Promise<CachedToken> {
    if (paused && nowMs() < paused.untilMs)
      throw new DingtalkTokenError({ ...paused.failure, retryAfterMs: paused.untilMs - nowMs() });
    const exchange = await exchangeDingtalk({
      method: "POST",
      url: `${options.apiBaseUrl}${TOKEN_PATH}`,
      body: { appKey: options.clientId, appSecret: options.clientSecret },
      fetch: options.fetch,
      timeoutMs: options.timeoutMs,
    });
    const failure = failureOf(exchange, { path: TOKEN_PATH, secrets: [options.clientSecret] });
    if (failure) {
      switch (failure.kind) {
        case "transient":
          return pause(failure, UNREACHABLE_PAUSE_MS);
        // The api bans or holds every call on these; the token call is one of them.
        case "ip-banned":
        case "rate-limited":
          throw new DingtalkTokenError(failure);
        default:
          // Any other refusal of the token call is a refusal of the app's credentials.
          return pause(
            {
              ...failure,
              kind: "invalid-token",
              message: message("dingtalk", "badCredentials", {
                code: failure.code ?? `HTTP ${failure.httpStatus}`,
              }),
            },
            REFUSED_PAUSE_MS,
          );
      }
    }
    const json = exchange.kind === "answer" ? exchange.json : undefined;
    const token = json?.accessToken;
    if (typeof token !== "string" || token === "" || token.length > 512)
      return pause(
        { kind: "transient", message: message("dingtalk", "noTokenInAnswer") },
        UNREACHABLE_PAUSE_MS,
      );
    const expireIn = Number(json?.expireIn);
    const expiresInS = Number.isFinite(expireIn) && expireIn > 0 ? expireIn : 7200;
    paused = undefined;
    logger.debug("fetched a DingTalk access token", { expiresInS });
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
      if (waits >= MAX_WAITS)
        throw new DingtalkTokenError({ kind: "transient", message: message("dingtalk", "tokenLockHeld") });
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
