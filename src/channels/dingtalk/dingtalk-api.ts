import { type Clock, systemClock } from "../../shared/clock.js";
import { type Logger, silentLogger } from "../../shared/logger.js";
import { message } from "../../templates/template-store.js";
import { type AccessTokenCache, createMemoryTokenCache } from "../access-token-cache.js";
import type { SharedCounters } from "../channel-plugin.js";
import { createDingtalkTokenSource, DingtalkTokenError } from "./dingtalk-access-token.js";
import { type DingtalkConfig, oapiBaseUrl } from "./dingtalk-config.js";
import type { DingtalkAnswer, DingtalkApi, DingtalkCall, DingtalkFailure } from "./dingtalk-contracts.js";
import { failureOf } from "./dingtalk-failure.js";
import { createDingtalkQuota } from "./dingtalk-quota.js";
import { createRateGate } from "./dingtalk-rate-gate.js";
import { exchangeDingtalk } from "./dingtalk-request.js";

export interface DingtalkApiOptions {
  config: Pick<
    DingtalkConfig,
    "clientId" | "clientSecret" | "apiBaseUrl" | "oapiBaseUrl" | "qpsLimit" | "monthlyQuota"
  >;
  /** Share the token between clients (and, in Redis, between instances); default: in-process. */
  tokenCache?: AccessTokenCache;
  /** The store's counters, shared by every instance, for the monthly quota; absent: per process. */
  counters?: SharedCounters;
  /** Where the quota's notices go (PluginDeps.notifyAdmins); absent: logged only. */
  notifyAdmins?: (notice: { key: string; text: string }) => void;
  clock?: Clock;
  logger?: Logger;
  fetch?: typeof fetch;
  /** Per request; default 10 s. */
  timeoutMs?: number;
  /** How waiting is done (the rate bucket, the token lock); tests pass a virtual one. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** The concrete client: `blocked` is always there. */
export type DingtalkClient = DingtalkApi & { blocked(): DingtalkFailure | undefined };

/**
 * The DingTalk OpenAPI (api.dingtalk.com, or DINGTALK_API_BASE_URL) for one app. Create ONE per
 * app and process and hand it to every sender (robot messages, cards): the rate bucket, the QPS
 * hold and the IP ban it keeps are the app's, and two clients would each spend the whole budget.
 * A call goes: quota already spent or an IP ban? → a token → its slot in the bucket → counted
 * against the monthly quota (metered calls) → sent → its answer classified. An InvalidAuthentication
 * is answered by a fresh token and one retry. Never throws for a platform answer.
 */
export function createDingtalkApi(options: DingtalkApiOptions): DingtalkClient {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 10_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const tokens = createDingtalkTokenSource({
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    apiBaseUrl: config.apiBaseUrl,
    cache: options.tokenCache ?? createMemoryTokenCache(clock),
    clock,
    fetch: fetchFn,
    timeoutMs,
    sleep,
    logger,
  });
  const gate = createRateGate({
    qpsLimit: config.qpsLimit,
    clock,
    sleep,
    random: options.random ?? Math.random,
  });
  const quota = createDingtalkQuota({
    clientId: config.clientId,
    monthlyQuota: config.monthlyQuota,
    ...(options.counters ? { counters: options.counters } : {}),
    clock,
    logger,
    notifyAdmins:
      options.notifyAdmins ??
      ((notice) => logger.warn("DingTalk notice for the admins (no one to tell)", { key: notice.key })),
  });

  /** What a failure does to every other call of the app, and the failure as the caller gets it. */
  async function settle(failure: DingtalkFailure, call: DingtalkCall): Promise<DingtalkFailure> {
    switch (failure.kind) {
      case "rate-limited":
        return { ...failure, retryAfterMs: gate.hold() };
      case "ip-banned": {
        if (!gate.banned())
          logger.warn(
            "DingTalk answered with a page that is not JSON (IP ban?); nothing is sent for five minutes",
            {
              path: call.path,
              httpStatus: failure.httpStatus,
            },
          );
        return { ...failure, retryAfterMs: gate.ban() };
      }
      case "quota-spent":
        return quota.spentByPlatform(failure);
      case "invalid-token":
      case "permission":
        logger.warn("DingTalk refused the app", { path: call.path, kind: failure.kind, code: failure.code });
        return failure;
      default:
        logger.debug("DingTalk call failed", { path: call.path, kind: failure.kind, code: failure.code });
        return failure;
    }
  }

  async function call<T>(request: DingtalkCall): Promise<DingtalkAnswer<T>> {
    const failed = async (failure: DingtalkFailure): Promise<DingtalkAnswer<T>> => ({
      ok: false,
      failure: await settle(failure, request),
    });
    // A spent quota is answered at once: no slot is taken, nothing waits.
    const spent = request.metered ? quota.spent() : undefined;
    if (spent) return { ok: false, failure: spent };
    let built = false;
    let body: unknown;
    const bodyOnce = () => {
      if (!built) {
        body = request.buildBody ? request.buildBody() : request.body;
        built = true;
      }
      return body;
    };
    let counted = false;
    for (let attempt = 1; ; attempt++) {
      // During a ban not even the token is asked for.
      const banned = gate.banned();
      if (banned) return { ok: false, failure: banned };
      let token: string;
      try {
        token = await tokens.get();
      } catch (error) {
        if (error instanceof DingtalkTokenError) return failed(error.failure);
        throw error;
      }
      // The slot is taken last, right before sending: calls that waited for the token together
      // must not leave together.
      const stopped = await gate.pass();
      if (stopped) return { ok: false, failure: stopped };
      if (request.metered && !counted) {
        const refused = await quota.take();
        if (refused) return { ok: false, failure: refused };
        counted = true;
      }
      const { oapi } = request;
      const exchange = await exchangeDingtalk(
        oapi
          ? {
              method: request.method,
              url: `${oapiBaseUrl(config)}${request.path}?${new URLSearchParams({ access_token: token, ...oapi.query })}`,
              form: oapi.form(),
              fetch: fetchFn,
              timeoutMs,
            }
          : {
              method: request.method,
              url: `${config.apiBaseUrl}${request.path}`,
              accessToken: token,
              body: bodyOnce(),
              fetch: fetchFn,
              timeoutMs,
            },
      );
      const failure = failureOf(exchange, { path: request.path, secrets: [token, config.clientSecret] });
      if (!failure) {
        const json = exchange.kind === "answer" ? exchange.json : undefined;
        return { ok: true, body: (json ?? {}) as T };
      }
      if (failure.kind !== "invalid-token") return failed(failure);
      // Refresh once and retry once (brief §3.1); a second refusal is reported, not looped on.
      await tokens.invalidate(token);
      if (attempt >= 2)
        return failed({
          ...failure,
          message: message("dingtalk", "tokenRefusedTwice", { code: failure.code }),
        });
    }
  }

  return { call, blocked: () => gate.banned() };
}
