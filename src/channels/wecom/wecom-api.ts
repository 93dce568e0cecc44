import { type Clock, systemClock } from "../../shared/clock.js";
import { type Logger, silentLogger } from "../../shared/logger.js";
import { type AccessTokenCache, createMemoryTokenCache } from "../access-token-cache.js";
import { createWecomTokenSource, type WecomTokenSource } from "./wecom-access-token.js";
import { WecomApiError } from "./wecom-api-error.js";
import type { WecomConfig } from "./wecom-config.js";
import { requestWecomJson, type WecomAnswer } from "./wecom-request-json.js";

/** The self-built app's qyapi client (Doc 90236, 94888, 91039). */
export interface WecomApi {
  readonly agentId: number;
  /**
   * POSTs `body` to `<apiBaseUrl>/cgi-bin/<method>?access_token=…` and resolves with the answer
   * when errcode is 0. Rejects with WecomApiError (an errcode) or WecomTransportError (no answer).
   */
  post(method: string, body: unknown): Promise<WecomAnswer>;
  /**
   * POSTs a multipart form to `<apiBaseUrl>/cgi-bin/<method>?access_token=…&<query>` (media/upload),
   * with the same token handling and errors as `post`.
   */
  postForm(method: string, query: Record<string, string>, form: () => FormData): Promise<WecomAnswer>;
  /** GETs `<apiBaseUrl>/cgi-bin/<method>?access_token=…&<query>` (auth/getuserinfo), as `post` does. */
  get(method: string, query: Record<string, string>): Promise<WecomAnswer>;
}

export interface WecomApiOptions {
  config: Pick<WecomConfig, "corpId" | "agentId" | "secret" | "apiBaseUrl">;
  /** Share one cache between clients (and, in Redis, between instances); default: in-process. */
  tokenCache?: AccessTokenCache;
  clock?: Clock;
  logger?: Logger;
  fetch?: typeof fetch;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

// 40014 不合法的access_token, 42001 access_token已过期: WeCom may invalidate a token early (Doc 91039).
const TOKEN_REFUSED = new Set([40014, 42001]);

export function createWecomApi(options: WecomApiOptions): WecomApi {
  const clock = options.clock ?? systemClock;
  const fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 10_000;
  const tokens: WecomTokenSource = createWecomTokenSource({
    ...options.config,
    cache: options.tokenCache ?? createMemoryTokenCache(clock),
    clock,
    fetch: fetchFn,
    timeoutMs,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    logger: options.logger ?? silentLogger,
  });

  type Payload =
    | { body: unknown }
    | { query: Record<string, string>; form: () => FormData }
    | { query: Record<string, string> };
  const call = (method: string, token: string, payload: Payload) => {
    const query = new URLSearchParams({ access_token: token, ...("query" in payload ? payload.query : {}) });
    return requestWecomJson({
      method,
      url: `${options.config.apiBaseUrl}/cgi-bin/${method}?${query.toString()}`,
      ...("form" in payload ? { form: payload.form() } : "body" in payload ? { body: payload.body } : {}),
      fetch: fetchFn,
      timeoutMs,
      secrets: [token, options.config.secret],
    });
  };

  async function send(method: string, payload: Payload): Promise<WecomAnswer> {
    const token = await tokens.get();
    let answer = await call(method, token, payload);
    if (TOKEN_REFUSED.has(answer.errcode)) {
      // Refresh once and retry once (brief §5); a second refusal is reported, not looped on.
      await tokens.invalidate(token);
      answer = await call(method, await tokens.get(), payload);
    }
    if (answer.errcode !== 0) throw new WecomApiError(method, answer.errcode, answer.errmsg);
    return answer;
  }

  return {
    agentId: options.config.agentId,
    post: (method, body) => send(method, { body }),
    postForm: (method, query, form) => send(method, { query, form }),
    get: (method, query) => send(method, { query }),
  };
}
