import type { RegistryImport } from "./registry-import.js";

/**
 * The current registry, parsed once per change instead of on every read (a year's simulation
 * read it thousands of times and spent over a second in JSON.parse). Each store computes a cheap
 * version key from what it holds (the last import's history line, the stored length) and clears
 * the cache on its own saves and restores; a key that differs, as after another instance's
 * import, reads the registry afresh.
 *
 * Every reader gets the same object, so it is frozen: a caller that changed it would change what
 * all later readers see, and now fails loudly instead.
 */
export class ParsedRegistryCache {
  private entry: { key: string; value: RegistryImport } | undefined;

  /** The registry parsed under `key`, if that is the version cached. */
  get(key: string): RegistryImport | undefined {
    return this.entry?.key === key ? this.entry.value : undefined;
  }

  /** Parses `json`, caches it under `key` and returns it. */
  set(key: string, json: string): RegistryImport {
    const value = deepFreeze(JSON.parse(json)) as RegistryImport;
    this.entry = { key, value };
    return value;
  }

  clear(): void {
    this.entry = undefined;
  }
}

function deepFreeze(value: unknown): unknown {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}
