import { z } from "zod";

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
    .regex(/^rediss?:\/\//, "must start with redis:// or rediss://")
    .optional(),
  /** Prefix of every Redis key Duban writes, so several deployments can share one Redis. */
  REDIS_KEY_PREFIX: z.string().min(1).default("duban:"),
  /** debug | info | warn | error */
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
});

export type AppConfig = z.infer<typeof appConfigSchema>;
