import type { ChainableCommander, Redis } from "ioredis";
import { compareText } from "../compare-text.js";
import {
  type OfficeOverride,
  type OverrideStore,
  officeOverrideSchema,
  overrideKey,
} from "../office-override.js";
import type { StoreDump } from "../store-dump.js";
import { validateInput } from "../validate-input.js";
import type { RedisKeys } from "./redis-keys.js";

/** The office's overrides in one hash: key → JSON. */
export class RedisOverrides implements OverrideStore {
  private readonly hash: string;

  constructor(
    private readonly redis: Redis,
    keys: RedisKeys,
  ) {
    this.hash = keys.key("overrides");
  }

  async list(): Promise<OfficeOverride[]> {
    const all = await this.redis.hgetall(this.hash);
    return Object.entries(all)
      .sort(([a], [b]) => compareText(a, b))
      .map(([, json]) => JSON.parse(json) as OfficeOverride);
  }

  async put(override: OfficeOverride): Promise<void> {
    const valid = validateInput(officeOverrideSchema, override, "overrides.put");
    await this.redis.hset(this.hash, overrideKey(valid), JSON.stringify(valid));
  }

  async remove(key: string): Promise<boolean> {
    return (await this.redis.hdel(this.hash, key)) > 0;
  }

  dump(): Promise<StoreDump["overrides"]> {
    return this.list();
  }

  restore(tx: ChainableCommander, overrides: StoreDump["overrides"]): void {
    for (const override of overrides) tx.hset(this.hash, overrideKey(override), JSON.stringify(override));
  }
}
