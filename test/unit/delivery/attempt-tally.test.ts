import { describe, expect, it } from "vitest";
import { readTally, reasonOf, writeTally } from "../../../src/delivery/attempt-tally.js";

describe("attempt tally", () => {
  it("starts at zero on the first claim", () => {
    expect(readTally({ attempts: 1, lastError: undefined })).toEqual({ failures: 0, deferrals: 0 });
  });

  it("reads back what was written, apart from the reason", () => {
    const lastError = writeTally("非工作时间，推迟至工作时间发送。", { failures: 1, deferrals: 3 });
    expect(readTally({ attempts: 5, lastError })).toEqual({ failures: 1, deferrals: 3 });
    expect(reasonOf(lastError)).toBe("非工作时间，推迟至工作时间发送。");
  });

  it("counts claims that ended without an outcome (a worker that died) as failures", () => {
    expect(readTally({ attempts: 2, lastError: undefined })).toEqual({ failures: 1, deferrals: 0 });
    const lastError = writeTally("x", { failures: 1, deferrals: 3 });
    expect(readTally({ attempts: 7, lastError })).toEqual({ failures: 3, deferrals: 3 });
  });
});
