import { describe, expect, it } from "vitest";
import { createLogger } from "../../../src/shared/logger.js";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}

describe("createLogger", () => {
  it("writes a Date field as its ISO string, however deep, not as {}", () => {
    const { logger, lines } = capture();
    const at = new Date("2021-03-22T01:02:03.004Z");
    logger.warn("send failed; will retry", { retryAfter: at, nested: { at }, list: [at] });
    expect(lines[0]).toMatchObject({
      retryAfter: "2021-03-22T01:02:03.004Z",
      nested: { at: "2021-03-22T01:02:03.004Z" },
      list: ["2021-03-22T01:02:03.004Z"],
    });
  });

  it("says so for an invalid Date instead of throwing", () => {
    const { logger, lines } = capture();
    logger.info("x", { at: new Date(Number.NaN) });
    expect(lines[0]).toMatchObject({ at: "Invalid Date" });
  });

  it("still redacts secrets next to dates", () => {
    const { logger, lines } = capture();
    logger.info("x", { accessToken: "abc", at: new Date(0) });
    expect(lines[0]).toMatchObject({ accessToken: "[redacted]", at: "1970-01-01T00:00:00.000Z" });
  });
});
