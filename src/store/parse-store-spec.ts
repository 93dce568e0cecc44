import { ConfigError } from "../shared/errors.js";
import { redactUrl } from "./redact-url.js";
import type { StoreSpec } from "./store-spec.js";

const USAGE =
  "Use sqlite:<path> (e.g. sqlite:data/duban.sqlite, optionally ending in ?synchronous=full) " +
  "or redis://[:password@]host:6379[/db] (rediss:// for TLS).";

/**
 * Reads `--store`: `sqlite:<path>[?synchronous=normal|full]`, `redis://…` or `rediss://…`.
 * An error shows the spec with any password masked.
 */
export function parseStoreSpec(spec: string): StoreSpec {
  const trimmed = spec.trim();
  if (trimmed.startsWith("sqlite:")) {
    const match = /^sqlite:(.*?)(?:\?synchronous=(normal|full))?$/.exec(trimmed);
    const path = match?.[1] ?? "";
    if (path === "") throw new ConfigError(`--store "${trimmed}": the SQLite file is missing. ${USAGE}`);
    const synchronous = match?.[2] as "normal" | "full" | undefined;
    return synchronous === undefined ? { kind: "sqlite", path } : { kind: "sqlite", path, synchronous };
  }
  if (/^rediss?:\/\//.test(trimmed)) {
    let host = "";
    try {
      host = new URL(trimmed).hostname;
    } catch {
      // Reported below, like a URL without a host.
    }
    if (host === "")
      throw new ConfigError(`--store "${redactUrl(trimmed)}": not a valid Redis URL. ${USAGE}`);
    return { kind: "redis", url: trimmed };
  }
  throw new ConfigError(`--store "${shown(trimmed)}" is not a store Duban knows. ${USAGE}`);
}

/** Echoes a plain path (a likely typo for sqlite:<path>) but never anything that may hold a secret. */
function shown(spec: string): string {
  return spec.includes("@") || spec.includes("://") ? redactUrl(spec) : spec;
}
