import { describe, expect, it } from "vitest";
import { parseDump } from "../../../src/store/parse-dump.js";
import { serializeDump } from "../../../src/store/serialize-dump.js";
import { emptyDump, sampleMessage, sampleReport } from "../../fixtures/store/sample-records.js";

const empty = emptyDump();
const pending = (id: number, key = `k${id}`) => ({
  ...sampleMessage(key),
  id,
  status: "pending" as const,
  attempts: 0,
  dueAt: "2021-03-22T08:30:00+08:00",
});
const text = (dump: unknown) => JSON.stringify(dump);

describe("parseDump", () => {
  it("reads what serializeDump writes", () => {
    const dump = { ...empty, outbox: [pending(1)], progress: [{ ...sampleReport(), version: 1 }] };
    expect(parseDump(serializeDump(dump), "b.json")).toEqual(dump);
  });

  it.each([
    ["not JSON", "{", /b\.json: not a Duban backup \(not JSON/],
    ["another file", text({ hello: 1 }), /not a Duban backup \(no "format": "duban-store-dump"\)/],
    [
      "a newer format",
      text({ ...empty, version: 2 }),
      /version 2 was written by a newer Duban.*Upgrade Duban/,
    ],
    [
      "a bad field",
      text({ ...empty, outbox: [{ ...pending(1), notBefore: "soon" }] }),
      /invalid backup:\n {2}- outbox\[0\]\.notBefore/,
    ],
  ])("refuses %s and says why", (_, content, message) => {
    expect(() => parseDump(content, "b.json")).toThrow(message);
  });

  it("refuses duplicates, a version gap and a delivery without its platform id", () => {
    const dump = {
      ...empty,
      outbox: [pending(1, "same"), pending(2, "same"), { ...pending(3), status: "sent" }],
      progress: [
        { ...sampleReport(), version: 1 },
        { ...sampleReport(), version: 3 },
      ],
    };
    let message = "";
    try {
      parseDump(text(dump), "b.json");
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("inconsistent backup");
    expect(message).toContain("outbox idempotencyKey same appears more than once");
    expect(message).toContain("outbox 3: sent without platformMessageId and sentAt");
    expect(message).toMatch(/version 3 where 2 was expected/);
  });
});
