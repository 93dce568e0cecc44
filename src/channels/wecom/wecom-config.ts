import { z } from "zod";
import { ConfigError } from "../../shared/errors.js";
import { ENCODING_AES_KEY_PATTERN } from "./wecom-aes-key.js";

export interface WecomConfig {
  corpId: string;
  agentId: number;
  secret: string;
  token: string;
  /** The 43-character EncodingAESKey as shown in the admin console. */
  aesKey: string;
  /** Seconds a callback timestamp may differ from now; 0 turns the check off. */
  replayWindowS: number;
  /** Without a trailing slash. */
  apiBaseUrl: string;
  /**
   * 消息推送 (group robot) webhooks by name; each key is a credential on its own. A group in the
   * directory reaches one as `accounts: { wecom: "robot:<name>" }`.
   */
  robots: WecomRobotEntry[];
  /** The corp's licensed seats (账号上限数), when given: the app's daily quota is seats × 200. */
  seats?: number;
}

export interface WecomRobotEntry {
  /** As written before "=" in WECOM_ROBOT_KEYS, else robot1, robot2… by position. */
  name: string;
  key: string;
}

const REQUIRED = ["WECOM_CORP_ID", "WECOM_AGENT_ID", "WECOM_SECRET", "WECOM_TOKEN", "WECOM_AES_KEY"] as const;
const OFF = "or unset every WECOM_* variable to turn the WeCom channel off";
const NO_SPACE = /^\S+$/;
/** `key` or `name=key`, comma-separated; a name is letters (any script), digits, _ or -. */
const ROBOT_ENTRY = String.raw`\s*(?:[\p{L}\p{N}_-]+\s*=\s*)?[A-Za-z0-9-]+\s*`;
const ROBOT_LIST = new RegExp(`^${ROBOT_ENTRY}(?:,${ROBOT_ENTRY})*$`, "u");

/**
 * Each message names the variable and the fix, never the value: several of these are secrets.
 * A set-but-empty variable counts as unset, as .env files commonly leave them.
 */
const text = (name: string, fix: string, pattern: RegExp = NO_SPACE) =>
  z.string({ error: `${name} is not set. Fix: set it to ${fix}, ${OFF}` }).regex(pattern, {
    error: `${name} is malformed. Fix: set it to ${fix}`,
  });

const schema = z.object({
  WECOM_CORP_ID: text("WECOM_CORP_ID", "the CorpID (我的企业 → 企业信息), without spaces"),
  WECOM_AGENT_ID: text("WECOM_AGENT_ID", "the app's AgentId, digits only", /^[1-9][0-9]{0,9}$/),
  WECOM_SECRET: text("WECOM_SECRET", "the app's Secret (应用管理 → the app), without spaces"),
  WECOM_TOKEN: text("WECOM_TOKEN", "the Token from the app's 接收消息 → 设置API接收 page, without spaces"),
  WECOM_AES_KEY: text(
    "WECOM_AES_KEY",
    "the EncodingAESKey from the app's 接收消息 → 设置API接收 page: exactly 43 characters of A-Z, a-z, 0-9",
    ENCODING_AES_KEY_PATTERN,
  ),
  WECOM_REPLAY_WINDOW_S: z
    .string()
    .regex(/^[0-9]{1,6}$/, {
      error: "WECOM_REPLAY_WINDOW_S is malformed. Fix: a whole number of seconds (default 300; 0 = off)",
    })
    .default("300"),
  WECOM_API_BASE_URL: z
    .url({
      protocol: /^https?$/,
      error: "WECOM_API_BASE_URL is malformed. Fix: an http(s) URL such as https://qyapi.weixin.qq.com",
    })
    .default("https://qyapi.weixin.qq.com"),
  WECOM_ROBOT_KEYS: z
    .string()
    .regex(ROBOT_LIST, {
      error:
        "WECOM_ROBOT_KEYS is malformed. Fix: comma-separated webhook keys (the key= part of each URL), " +
        "each optionally named for the directory: 领导群=KEY1,office=KEY2",
    })
    .optional(),
  WECOM_SEATS: z
    .string()
    .regex(/^[1-9][0-9]{0,6}$/, {
      error:
        "WECOM_SEATS is malformed. Fix: the corp's licensed seats (账号上限数), a whole number, or unset it",
    })
    .optional(),
});

/**
 * Reads the WeCom settings from the environment. Returns undefined when none of the required
 * variables is set (the channel is off); throws a ConfigError listing every problem otherwise.
 */
export function readWecomConfig(env: NodeJS.ProcessEnv = process.env): WecomConfig | undefined {
  const present = Object.fromEntries(
    Object.entries(env).filter(([name, value]) => name.startsWith("WECOM_") && value !== ""),
  );
  if (!REQUIRED.some((name) => present[name] !== undefined)) return undefined;
  const result = schema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.message}`);
    throw new ConfigError(`WeCom configuration is incomplete or invalid:\n${lines.join("\n")}`);
  }
  const v = result.data;
  return {
    corpId: v.WECOM_CORP_ID,
    agentId: Number(v.WECOM_AGENT_ID),
    secret: v.WECOM_SECRET,
    token: v.WECOM_TOKEN,
    aesKey: v.WECOM_AES_KEY,
    replayWindowS: Number(v.WECOM_REPLAY_WINDOW_S),
    apiBaseUrl: v.WECOM_API_BASE_URL.replace(/\/+$/, ""),
    robots: readRobots(v.WECOM_ROBOT_KEYS ?? ""),
    ...(v.WECOM_SEATS !== undefined ? { seats: Number(v.WECOM_SEATS) } : {}),
  };
}

function readRobots(list: string): WecomRobotEntry[] {
  const entries = list.split(",").flatMap((entry) => (entry.trim() ? [entry.trim()] : []));
  const robots = entries.map((entry, i) => {
    const [name, key] = entry.includes("=")
      ? entry.split("=").map((part) => part.trim())
      : [`robot${i + 1}`, entry];
    return { name: name ?? `robot${i + 1}`, key: key ?? "" };
  });
  const names = robots.map((robot) => robot.name);
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated !== undefined)
    throw new ConfigError(
      `WeCom configuration is invalid:\n  - WECOM_ROBOT_KEYS names two robots "${repeated}". Fix: give each robot its own name`,
    );
  return robots;
}
