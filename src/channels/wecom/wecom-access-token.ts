import { createHash } from "node:crypto";
import type { CachedToken } from "../access-token-cache.js";
import {
  createSharedTokenSource,
  type PauseFetching,
  type SharedTokenSource,
  type TokenSourceDeps,
} from "../shared-access-token.js";
import { WecomApiError, WecomTransportError } from "./wecom-api-error.js";
import { requestWecomJson } from "./wecom-request-json.js";

/**
 * A token valid for a while yet, fetched, shared and refreshed as brief §5 asks; `invalidate` when
 * WeCom refuses one (40014/42001). Rejects with WecomApiError or WecomTransportError.
 */
export type WecomTokenSource = SharedTokenSource;

export interface WecomTokenSourceOptions extends TokenSourceDeps {
  corpId: string;
  agentId: number;
  secret: string;
  apiBaseUrl: string;
  fetch: typeof fetch;
  timeoutMs: number;
}

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

type WecomTokenError = WecomApiError | WecomTransportError;

/** The app's token from gettoken (Doc 91039), shared through `cache` (../shared-access-token.ts). */
export function createWecomTokenSource(options: WecomTokenSourceOptions): WecomTokenSource {
  return createSharedTokenSource<WecomTokenError>(options, {
    name: "WeCom",
    key: tokenCacheKey(options),
    // Brief §5: refresh about 5 minutes before expires_in runs out.
    refreshEarlyMs: 5 * 60_000,
    fetchToken: (pause) => fetchWecomToken(options, pause),
    // No whilePaused: during a pause every call gets the very error that paused it.
    lockHeldTooLong: () =>
      new WecomTransportError("gettoken", "another instance held the token lock for too long"),
  });
}

/**
 * GET /cgi-bin/gettoken. WeCom's pauses: a refused secret (an errcode) for FAILURE_PAUSE_MS, no
 * answer at all for UNREACHABLE_PAUSE_MS; an answer without a usable token is not paused (unlike
 * DingTalk's), the next call asks again.
 */
async function fetchWecomToken(
  options: WecomTokenSourceOptions,
  pause: PauseFetching<WecomTokenError>,
): Promise<CachedToken> {
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
    if (error instanceof WecomTransportError) pause(error, UNREACHABLE_PAUSE_MS);
    throw error;
  });
  if (answer.errcode !== 0) {
    return pause(new WecomApiError("gettoken", answer.errcode, answer.errmsg), FAILURE_PAUSE_MS);
  }
  const token = answer.access_token;
  if (typeof token !== "string" || token === "" || token.length > 512) {
    throw new WecomTransportError("gettoken", "the answer has no usable access_token");
  }
  const expiresInS =
    typeof answer.expires_in === "number" && answer.expires_in > 0 ? answer.expires_in : 7200;
  options.logger.debug("fetched a WeCom access token", { expiresInS });
  return { token, expiresAtMs: options.clock.now().getTime() + expiresInS * 1000 };
}
