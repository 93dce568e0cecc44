import { describe, expect, it } from "vitest";
import { truncateChars } from "../../../../src/channels/wecom/wecom-text-limits.js";

describe("truncateChars", () => {
  it("leaves short text alone", () => {
    expect(truncateChars("区人社局", 5)).toBe("区人社局");
  });

  it("cuts visibly, counting emoji as one character", () => {
    expect(truncateChars("区人力资源和社会保障局", 5)).toBe("区人力资…");
    expect(truncateChars("👍👍👍👍👍👍", 3)).toBe("👍👍…");
  });
});
