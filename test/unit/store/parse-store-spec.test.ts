import { describe, expect, it } from "vitest";
import { parseStoreSpec } from "../../../src/store/parse-store-spec.js";

describe("parseStoreSpec", () => {
  it.each([
    ["sqlite:data/duban.sqlite", { kind: "sqlite", path: "data/duban.sqlite" }],
    ["sqlite:/var/lib/duban/duban.sqlite", { kind: "sqlite", path: "/var/lib/duban/duban.sqlite" }],
    ["sqlite:d.sqlite?synchronous=full", { kind: "sqlite", path: "d.sqlite", synchronous: "full" }],
    ["redis://127.0.0.1:6379", { kind: "redis", url: "redis://127.0.0.1:6379" }],
    ["rediss://:pw@redis.example:6380/2", { kind: "redis", url: "rediss://:pw@redis.example:6380/2" }],
  ])("reads %s", (spec, expected) => {
    expect(parseStoreSpec(spec)).toEqual(expected);
  });

  it("says how to write a store it does not know, and shows a plain path back", () => {
    expect(() => parseStoreSpec("data/duban.sqlite")).toThrow(
      /--store "data\/duban\.sqlite" is not a store Duban knows\. Use sqlite:<path>/,
    );
  });

  it("refuses an empty SQLite path", () => {
    expect(() => parseStoreSpec("sqlite:")).toThrow(/SQLite file is missing/);
  });

  it.each(["mysql://admin:s3cret-pw@db:3306/duban", "redis://:s3cret-pw@/0", "postgres://u:s3cret-pw@x"])(
    "never echoes the password of %s",
    (spec) => {
      let message = "";
      try {
        parseStoreSpec(spec);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/Use sqlite:<path>/);
      expect(message).not.toContain("s3cret-pw");
    },
  );
});
