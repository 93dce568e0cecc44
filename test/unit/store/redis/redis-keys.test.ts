import { describe, expect, it } from "vitest";
import { RedisKeys } from "../../../../src/store/redis/redis-keys.js";

describe("RedisKeys", () => {
  it("puts every key under the prefix", () => {
    const keys = new RedisKeys("duban:");
    expect(keys.key("ob:seq")).toBe("duban:ob:seq");
    expect(keys.recordIndexes().every((k) => k.startsWith("duban:"))).toBe(true);
  });

  it("escapes glob characters of the prefix in the SCAN pattern", () => {
    expect(new RedisKeys("{duban}*[x]:").pattern()).toBe("{duban}\\*\\[x\\]:*");
  });
});
