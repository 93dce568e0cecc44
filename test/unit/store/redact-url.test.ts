import { describe, expect, it } from "vitest";
import { redactUrl } from "../../../src/store/redact-url.js";

describe("redactUrl", () => {
  it.each([
    ["redis://:s3cret@10.0.0.5:6379/0", "redis://:***@10.0.0.5:6379/0"],
    ["rediss://duban:s3cret@redis.example:6380", "rediss://duban:***@redis.example:6380"],
    ["redis://127.0.0.1:6379", "redis://127.0.0.1:6379"],
    ["redis://:p%40ss@host", "redis://:***@host"],
  ])("masks the password in %s", (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it("shows only the scheme of something that is not a URL", () => {
    expect(redactUrl("redis://:s3cret@[bad")).toBe("redis://…");
  });
});
