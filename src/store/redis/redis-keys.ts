/**
 * Every key Duban writes, under one configurable prefix. Families whose last part is free text
 * (a card id, a person id) end in a separator no fixed key shares, so no two families collide.
 * For Redis Cluster put the prefix in braces ("{duban}:") so that all keys share one slot.
 */
export class RedisKeys {
  constructor(readonly prefix: string) {}

  key(name: string): string {
    return `${this.prefix}${name}`;
  }

  /** The keys whose existence means the store holds records (see Store.isEmpty). */
  recordIndexes(): string[] {
    return [
      "reg:current",
      "reg:imports",
      "prog:tasks",
      "req:order",
      "ob:ids",
      "card:ids",
      "prompt:people",
      "people",
      "audit:all",
      "overrides",
    ].map((name) => this.key(name));
  }

  /** The pattern for SCAN MATCH that finds every key under the prefix. */
  pattern(): string {
    return `${this.prefix.replace(/[*?[\]\\]/g, "\\$&")}*`;
  }
}
