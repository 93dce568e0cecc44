import { z } from "zod";
import { parseDemoInstant } from "./demo-instant.js";
import { redisUrlProblem } from "./redis-url.js";

const flagSchema = z
  .enum(["1", "0", "true", "false", "yes", "no"], { error: "write 1 (on) or 0 (off)" })
  .transform((v) => v === "1" || v === "true" || v === "yes");

/**
 * Settings read from the environment (and `.env.example` documents each one).
 * Platform channels own their own schemas; this holds what the whole service needs.
 */
export const appConfigSchema = z.object({
  /** HTTP port of the service. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Address to listen on. */
  HOST: z.string().min(1).default("0.0.0.0"),
  /** Folder for the embedded store and other local data. */
  DUBAN_DATA_DIR: z.string().min(1).default("data"),
  /** The directory (单位名录) YAML; unset → config/directory.yaml if present, else the demo directory. */
  DUBAN_DIRECTORY: z.string().min(1).optional(),
  /** Settings file (calendar, reporting cycles, reminders); unset → config/duban.yaml if present, else defaults. */
  DUBAN_SETTINGS: z.string().min(1).optional(),
  /** Redis URL for running several instances; unset → the embedded store. */
  REDIS_URL: z
    .string()
    .superRefine((url, context) => {
      const problem = redisUrlProblem(url);
      if (problem !== undefined) context.addIssue({ code: "custom", message: problem });
    })
    .optional(),
  /** Prefix of every Redis key Duban writes, so several deployments can share one Redis. */
  REDIS_KEY_PREFIX: z.string().min(1).default("duban:"),
  /**
   * How long GET /healthz waits for the store (and any other dependency) before it answers 503,
   * in milliseconds; a load balancer's probe usually gives up after 1–2 s.
   */
  DUBAN_HEALTH_TIMEOUT_MS: z.coerce
    .number({ error: "write a number of milliseconds such as 1000" })
    .int("write a whole number of milliseconds")
    .min(50, "at least 50")
    .max(30_000, "at most 30000")
    .default(1_000),
  /**
   * Who may read GET /metrics (Prometheus): `loopback` (this machine only), `open` (any address:
   * put a firewall or the scraper's network in front), `off` (no route).
   */
  DUBAN_METRICS: z
    .enum(["off", "loopback", "open"], {
      error: "not a choice for GET /metrics (loopback: this machine only; open: any address; off: no route)",
    })
    .default("loopback"),
  /**
   * Signs the web console's (看板) sign-in links, session cookies and CSRF tokens: at least 32
   * characters, the same on every instance. Unset → a random secret per process (sessions end at
   * a restart; with Redis, a link made by one instance fails on another: a start-up warning says so).
   */
  DUBAN_WEB_SECRET: z
    .string()
    .min(32, {
      error:
        "DUBAN_WEB_SECRET is too short (at least 32 characters). Fix: set it to the output of `openssl rand -base64 48`, the same on every instance",
    })
    .optional(),
  /**
   * The address people's browsers reach this service at, without a trailing slash (the 看板's
   * sign-in links; DingTalk's card links read it too); unset → http://localhost:<PORT>.
   */
  PUBLIC_BASE_URL: z
    .url({ error: "PUBLIC_BASE_URL is not a URL. Fix: write it as https://duban.example.gov.cn" })
    .transform((url) => url.replace(/\/+$/, ""))
    .optional(),
  /** debug | info | warn | error */
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /**
   * Demo clock (local channel only): the instant the service's clock starts at, e.g.
   * 2021-03-22T08:20+08:00; unset → the real time.
   */
  DUBAN_CLOCK: z
    .string()
    .refine((v) => parseDemoInstant(v) !== undefined, {
      error: "write an instant such as 2021-03-22T08:20+08:00 (without an offset, Beijing time)",
    })
    .optional(),
  /** Demo clock: how many times faster than real time it runs (e.g. 60: an hour a minute). */
  DUBAN_CLOCK_SPEED: z.coerce
    .number({ error: "write a number such as 60" })
    .positive("write a number above 0, such as 60")
    .max(100_000, "at most 100000")
    .optional(),
  /** Demo clock: 1 jumps over nights and days off when nothing is due. */
  DUBAN_CLOCK_SKIP_IDLE: flagSchema.optional(),
  /**
   * The playground at / (loopback only): on by default when no platform is configured (the local
   * channel runs); 0 turns it off. It needs the local channel, so 1 with a platform is refused.
   */
  DUBAN_PLAYGROUND: flagSchema.optional(),
});

export type AppConfig = z.infer<typeof appConfigSchema>;
