import { describe, expect, it } from "vitest";
import { serializeDump, serializedDumpBytes } from "../../../src/store/serialize-dump.js";
import { emptyDump, sampleCard, sampleMessage } from "../../fixtures/store/sample-records.js";

const message = (id: number, payload: unknown) => ({
  ...sampleMessage(`k${id}`, { payload }),
  id,
  status: "pending" as const,
  attempts: 0,
  dueAt: "2021-03-22T08:30:00+08:00",
});

describe("serializeDump", () => {
  it("gives the same bytes whatever the key order and record order it is given", () => {
    const a = { ...emptyDump(), outbox: [message(2, { b: 1, a: [{ y: 1, x: 2 }] }), message(1, {})] };
    const b = { ...emptyDump(), outbox: [message(1, {}), message(2, { a: [{ x: 2, y: 1 }], b: 1 })] };
    b.cards = [sampleCard("c2"), sampleCard("c1")];
    a.cards = [sampleCard("c1"), sampleCard("c2")];
    expect(serializeDump(a)).toBe(serializeDump(b));
  });

  it("starts with format and version, sorts keys below, indents by two spaces, ends with a newline", () => {
    const text = serializeDump({ ...emptyDump(), outbox: [message(1, { z: 1, a: { d: 1, c: 2 } })] });
    expect(text.endsWith("}\n")).toBe(true);
    expect(text.startsWith(`{\n  "format": "duban-store-dump",\n  "version": 1,\n  "registry"`)).toBe(true);
    expect(text).toContain(
      '"payload": {\n        "a": {\n          "c": 2,\n          "d": 1\n        },\n        "z": 1',
    );
  });

  it("leaves out properties that are undefined", () => {
    const text = serializeDump({ ...emptyDump(), cards: [{ ...sampleCard("c1"), responseCode: undefined }] });
    expect(text).not.toContain("responseCode");
  });

  it("tells the size of the text in bytes without sorting: keys and records out of order, Chinese, undefined", () => {
    const dump = {
      ...emptyDump(),
      outbox: [message(2, { 标题: "督办通知", b: [1, { y: "乙", x: undefined }] }), message(1, { a: "甲" })],
      cards: [{ ...sampleCard("c2"), responseCode: undefined }, sampleCard("c1")],
    };
    expect(serializedDumpBytes(dump)).toBe(Buffer.byteLength(serializeDump(dump), "utf8"));
    expect(serializedDumpBytes(emptyDump())).toBe(Buffer.byteLength(serializeDump(emptyDump()), "utf8"));
  });
});
