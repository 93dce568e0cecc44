import { REDIS_URL_FORM, type RedisUrlSource, redisUrlProblem } from "../config/redis-url.js";
import { ConfigError } from "../shared/errors.js";
import { redactUrl } from "./redact-url.js";
import type { StoreSpec } from "./store-spec.js";

const USAGE =
  "Use sqlite:<path> (e.g. sqlite:data/duban.sqlite, optionally ending in ?synchronous=full) " +
  `or ${REDIS_URL_FORM}.`;

/**
 * Reads `--store`: `sqlite:<path>[?synchronous=normal|full]`, `redis://…` or `rediss://…`; or a
 * Redis URL from `source` (REDIS_URL, DUBAN_TEST_REDIS_URL), which an error then names.
 * An error shows the spec with any password masked.
 */
export function parseStoreSpec(spec: string, source: RedisUrlSource = "--store"): StoreSpec {
  const trimmed = spec.trim();
  if (source === "--store" && trimmed.startsWith("sqlite:")) {
    const match = /^sqlite:(.*?)(?:\?synchronous=(normal|full))?$/.exec(trimmed);
    const path = match?.[1] ?? "";
    if (path === "") throw new ConfigError(`--store "${trimmed}": the SQLite file is missing. ${USAGE}`);
    const synchronous = match?.[2] as "normal" | "full" | undefined;
    return synchronous === undefined ? { kind: "sqlite", path } : { kind: "sqlite", path, synchronous };
  }
  if (/^rediss?:\/\//.test(trimmed)) {
    const problem = redisUrlProblem(trimmed);
    if (problem !== undefined)
      throw new ConfigError(
        `${source} "${redactUrl(trimmed)}": not a valid Redis URL (it ${problem}). ` +
          (source === "--store" ? USAGE : `Write ${REDIS_URL_FORM}.`),
      );
    return { kind: "redis", url: trimmed };
  }
  if (source !== "--store")
    throw new ConfigError(
      `${source} "${shown(trimmed)}" must start with redis:// or rediss://. Write ${REDIS_URL_FORM}.`,
    );
  throw new ConfigError(`--store "${shown(trimmed)}" is not a store Duban knows. ${USAGE}`);
}

/** Echoes a plain path (a likely typo for sqlite:<path>) but never anything that may hold a secret. */
function shown(spec: string): string {
  return spec.includes("@") || spec.includes("://") ? redactUrl(spec) : spec;
}
