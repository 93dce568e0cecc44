import { z } from "zod";
import { ConfigError } from "../../shared/errors.js";

export type DingtalkMode = "stream" | "http";

export interface DingtalkConfig {
  /** The app's Client ID (AppKey): also the owner key of event callbacks. */
  clientId: string;
  /** The app's Client Secret (AppSecret): signs HTTP robot callbacks and fetches tokens. */
  clientSecret: string;
  /** The robot's code (机器人 → RobotCode); an internal app's robot defaults to the Client ID. */
  robotCode: string;
  /** stream: one outbound connection (no public address needed); http: callbacks to this service. */
  mode: DingtalkMode;
  /** Event subscription over HTTP (事件订阅 → 加密 aes_key / 签名 token); both or neither. */
  eventCallback?: { token: string; aesKey: string };
  /** An interactive card template (互动卡片高级版) imported from docs/dingtalk-card-template.json. */
  cardTemplateId?: string;
  /** Without a trailing slash: https://api.dingtalk.com, https://api.dingtalk.io, or a local fake. */
  apiBaseUrl: string;
  /** The old API (media uploads), without a trailing slash; default: oapiBaseUrl(). */
  oapiBaseUrl?: string;
  /** The address people's phones reach this service at (for card links), without a trailing slash. */
  publicBaseUrl?: string;
  /** The app's server-API limit by edition (20, 40 or 60 QPS); Duban stays below it. */
  qpsLimit: number;
  /** Metered calls (robot sends, card sends and updates) the organisation may make a calendar month. */
  monthlyQuota: number;
}

const REQUIRED = ["DINGTALK_CLIENT_ID", "DINGTALK_CLIENT_SECRET"] as const;
const OFF = "or unset every DINGTALK_* variable to turn the DingTalk channel off";
const NO_SPACE = /^\S+$/;

/**
 * Each message names the variable and the fix, never the value: several of these are secrets.
 * A set-but-empty variable counts as unset, as .env files commonly leave them.
 */
const text = (name: string, fix: string, pattern: RegExp = NO_SPACE) =>
  z.string({ error: `${name} is not set. Fix: set it to ${fix}, ${OFF}` }).regex(pattern, {
    error: `${name} is malformed. Fix: set it to ${fix}`,
  });

const url = (name: string, example: string) =>
  z.url({
    protocol: /^https?$/,
    error: `${name} is malformed. Fix: an http(s) URL such as ${example}`,
  });

const wholeNumber = (name: string, fix: string, fallback: string) =>
  z
    .string()
    .regex(/^[1-9][0-9]{0,8}$/, { error: `${name} is malformed. Fix: ${fix}` })
    .default(fallback);

const schema = z.object({
  DINGTALK_CLIENT_ID: text(
    "DINGTALK_CLIENT_ID",
    "the app's Client ID (AppKey) from the developer console's 凭证与基础信息 page, without spaces",
  ),
  DINGTALK_CLIENT_SECRET: text(
    "DINGTALK_CLIENT_SECRET",
    "the app's Client Secret (AppSecret) from the developer console's 凭证与基础信息 page, without spaces",
  ),
  DINGTALK_ROBOT_CODE: text(
    "DINGTALK_ROBOT_CODE",
    "the robot's RobotCode (机器人 page), without spaces",
  ).optional(),
  DINGTALK_MODE: z
    .enum(["stream", "http"], {
      error: "DINGTALK_MODE is malformed. Fix: stream (the default: no public address needed) or http",
    })
    .default("stream"),
  DINGTALK_CALLBACK_TOKEN: text(
    "DINGTALK_CALLBACK_TOKEN",
    "the 签名 token of the app's 事件订阅 page (HTTP mode), without spaces",
  ).optional(),
  DINGTALK_CALLBACK_AES_KEY: text(
    "DINGTALK_CALLBACK_AES_KEY",
    "the 加密 aes_key of the app's 事件订阅 page: exactly 43 characters of A-Z, a-z, 0-9",
    /^[A-Za-z0-9]{43}$/,
  ).optional(),
  DINGTALK_CARD_TEMPLATE_ID: text(
    "DINGTALK_CARD_TEMPLATE_ID",
    "the id of the card template imported from docs/dingtalk-card-template.json (ends in .schema)",
  ).optional(),
  DINGTALK_API_BASE_URL: url("DINGTALK_API_BASE_URL", "https://api.dingtalk.com").default(
    "https://api.dingtalk.com",
  ),
  DINGTALK_OAPI_BASE_URL: url("DINGTALK_OAPI_BASE_URL", "https://oapi.dingtalk.com").optional(),
  PUBLIC_BASE_URL: url("PUBLIC_BASE_URL", "https://duban.example.gov.cn").optional(),
  DINGTALK_QPS_LIMIT: wholeNumber(
    "DINGTALK_QPS_LIMIT",
    "the app's server-API limit by edition: 20 (standard), 40 or 60",
    "20",
  ),
  DINGTALK_MONTHLY_QUOTA: wholeNumber(
    "DINGTALK_MONTHLY_QUOTA",
    "the organisation's metered API calls a month (5000 or 10000 on basic editions; ask the 管理员)",
    "5000",
  ),
});

/**
 * Reads the DingTalk settings from the environment (and PUBLIC_BASE_URL, shared with other parts).
 * Returns undefined when neither the Client ID nor the Client Secret is set (the channel is off);
 * throws a ConfigError listing every problem otherwise.
 */
export function readDingtalkConfig(env: NodeJS.ProcessEnv = process.env): DingtalkConfig | undefined {
  const present = Object.fromEntries(
    Object.entries(env).filter(
      ([name, value]) => (name.startsWith("DINGTALK_") || name === "PUBLIC_BASE_URL") && value !== "",
    ),
  );
  if (!REQUIRED.some((name) => present[name] !== undefined)) return undefined;
  const result = schema.safeParse(present);
  const problems = result.success ? [] : result.error.issues.map((issue) => issue.message);
  if (result.success) {
    const v = result.data;
    if ((v.DINGTALK_CALLBACK_TOKEN === undefined) !== (v.DINGTALK_CALLBACK_AES_KEY === undefined))
      problems.push(
        "DINGTALK_CALLBACK_TOKEN and DINGTALK_CALLBACK_AES_KEY go together. Fix: set both (event subscription over HTTP) or neither",
      );
  }
  if (!result.success || problems.length > 0) {
    const lines = problems.map((problem) => `  - ${problem}`);
    throw new ConfigError(`DingTalk configuration is incomplete or invalid:\n${lines.join("\n")}`);
  }
  const v = result.data;
  return {
    clientId: v.DINGTALK_CLIENT_ID,
    clientSecret: v.DINGTALK_CLIENT_SECRET,
    robotCode: v.DINGTALK_ROBOT_CODE ?? v.DINGTALK_CLIENT_ID,
    mode: v.DINGTALK_MODE,
    ...(v.DINGTALK_CALLBACK_TOKEN && v.DINGTALK_CALLBACK_AES_KEY
      ? { eventCallback: { token: v.DINGTALK_CALLBACK_TOKEN, aesKey: v.DINGTALK_CALLBACK_AES_KEY } }
      : {}),
    ...(v.DINGTALK_CARD_TEMPLATE_ID ? { cardTemplateId: v.DINGTALK_CARD_TEMPLATE_ID } : {}),
    apiBaseUrl: v.DINGTALK_API_BASE_URL.replace(/\/+$/, ""),
    ...(v.DINGTALK_OAPI_BASE_URL ? { oapiBaseUrl: v.DINGTALK_OAPI_BASE_URL.replace(/\/+$/, "") } : {}),
    ...(v.PUBLIC_BASE_URL ? { publicBaseUrl: v.PUBLIC_BASE_URL.replace(/\/+$/, "") } : {}),
    qpsLimit: Number(v.DINGTALK_QPS_LIMIT),
    monthlyQuota: Number(v.DINGTALK_MONTHLY_QUOTA),
  };
}

/**
 * Where old-API calls (media/upload) go: the one configured, else the new API's host with "api."
 * read as "oapi." (api.dingtalk.com → oapi.dingtalk.com), else the new API's own base URL, which is
 * what a local stand-in serves both from.
 */
export function oapiBaseUrl(config: Pick<DingtalkConfig, "apiBaseUrl" | "oapiBaseUrl">): string {
  if (config.oapiBaseUrl) return config.oapiBaseUrl;
  const url = new URL(config.apiBaseUrl);
  if (!/^api\.dingtalk\.(com|io)$/.test(url.hostname)) return config.apiBaseUrl;
  url.hostname = `o${url.hostname}`;
  return url.toString().replace(/\/+$/, "");
}
