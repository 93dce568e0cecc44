import { createHash } from "node:crypto";
import { message } from "../../templates/template-store.js";
import type { CachedToken } from "../access-token-cache.js";
import {
  createSharedTokenSource,
  type PauseFetching,
  type SharedTokenSource,
  type TokenSourceDeps,
} from "../shared-access-token.js";
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

/**
 * A token valid for a while yet, fetched, shared and refreshed as brief §3.1 asks; `invalidate`
 * when DingTalk refuses one (InvalidAuthentication). Rejects with DingtalkTokenError.
 */
export type DingtalkTokenSource = SharedTokenSource;

export interface DingtalkTokenSourceOptions extends TokenSourceDeps {
  clientId: string;
  clientSecret: string;
  apiBaseUrl: string;
  fetch: typeof fetch;
  timeoutMs: number;
}

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
 * `{accessToken, expireIn}`, brief §3.1), shared through `cache` (../shared-access-token.ts).
 */
export function createDingtalkTokenSource(options: DingtalkTokenSourceOptions): DingtalkTokenSource {
  return createSharedTokenSource<DingtalkTokenError>(options, {
    name: "DingTalk",
    key: dingtalkTokenKey(options),
    // Brief §3.1: refresh about 5 minutes before expireIn runs out.
    refreshEarlyMs: 5 * 60_000,
    fetchToken: (pause) => fetchDingtalkToken(options, pause),
    // Unlike WeCom's, a paused DingTalk failure tells each call how long the pause has yet to run.
    whilePaused: (error, remainingMs) =>
      new DingtalkTokenError({ ...error.failure, retryAfterMs: remainingMs }),
    lockHeldTooLong: () =>
      new DingtalkTokenError({ kind: "transient", message: message("dingtalk", "tokenLockHeld") }),
  });
}

/**
 * DingTalk's pauses: unreachable, or an answer without a usable token, for UNREACHABLE_PAUSE_MS;
 * any refusal of the app's credentials for REFUSED_PAUSE_MS; an IP ban or a rate limit is answered
 * as it comes, not paused here (the api holds every call on those).
 */
async function fetchDingtalkToken(
  options: DingtalkTokenSourceOptions,
  pause: PauseFetching<DingtalkTokenError>,
): Promise<CachedToken> {
  // The first call that meets the failure is told the whole pause (or DingTalk's own wait, if longer).
  const pauseFor = (failure: DingtalkFailure, ms: number): never =>
    pause(new DingtalkTokenError({ ...failure, retryAfterMs: Math.max(failure.retryAfterMs ?? 0, ms) }), ms);
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
        return pauseFor(failure, UNREACHABLE_PAUSE_MS);
      // The api bans or holds every call on these; the token call is one of them.
      case "ip-banned":
      case "rate-limited":
        throw new DingtalkTokenError(failure);
      default:
        // Any other refusal of the token call is a refusal of the app's credentials.
        return pauseFor(
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
    return pauseFor(
      { kind: "transient", message: message("dingtalk", "noTokenInAnswer") },
      UNREACHABLE_PAUSE_MS,
    );
  const expireIn = Number(json?.expireIn);
  const expiresInS = Number.isFinite(expireIn) && expireIn > 0 ? expireIn : 7200;
  options.logger.debug("fetched a DingTalk access token", { expiresInS });
  return { token, expiresAtMs: options.clock.now().getTime() + expiresInS * 1000 };
}
