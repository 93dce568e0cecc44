import type { ChainableCommander, Redis } from "ioredis";
import { type PeopleStore, type PersonSettings, personSettingsSchema } from "../person-settings.js";
import type { StoreDump } from "../store-dump.js";
import { validateInput } from "../validate-input.js";
import type { RedisKeys } from "./redis-keys.js";

/** Per-person settings in one hash: person id → JSON. */
export class RedisPeople implements PeopleStore {
  private readonly hash: string;

  constructor(
    private readonly redis: Redis,
    keys: RedisKeys,
  ) {
    this.hash = keys.key("people");
  }

  async get(personId: string): Promise<PersonSettings | undefined> {
    const json = await this.redis.hget(this.hash, personId);
    return json === null ? undefined : (JSON.parse(json) as PersonSettings);
  }

  async all(): Promise<Map<string, PersonSettings>> {
    const all = await this.redis.hgetall(this.hash);
    return new Map(
      Object.entries(all).map(([personId, json]) => [personId, JSON.parse(json) as PersonSettings]),
    );
  }

  async put(personId: string, settings: PersonSettings): Promise<void> {
    const valid = validateInput(personSettingsSchema, settings, "people.put");
    await this.redis.hset(this.hash, personId, JSON.stringify(valid));
  }

  async dump(): Promise<StoreDump["people"]> {
    const all = await this.redis.hgetall(this.hash);
    return Object.entries(all).map(([personId, json]) => ({
      personId,
      settings: JSON.parse(json) as PersonSettings,
    }));
  }

  restore(tx: ChainableCommander, people: StoreDump["people"]): void {
    for (const { personId, settings } of people) tx.hset(this.hash, personId, JSON.stringify(settings));
  }
}
