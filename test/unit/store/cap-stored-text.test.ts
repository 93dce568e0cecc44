import { describe, expect, it } from "vitest";
import { capStoredText, STORED_TEXT_MAX_BYTES } from "../../../src/store/cap-stored-text.js";

const bytes = (text: string) => Buffer.byteLength(text, "utf8");

describe("capStoredText", () => {
  it("cuts a 10 KB text to 4 KB on a character boundary and notes the original length", () => {
    const text = `${"进展".repeat(1_700)}x`; // 10,201 bytes
    const capped = capStoredText({ reason: "not-in-directory", text, nested: { note: text } });
    expect(bytes(capped.text)).toBeLessThanOrEqual(STORED_TEXT_MAX_BYTES);
    expect(bytes(capped.text)).toBeGreaterThan(STORED_TEXT_MAX_BYTES - 6);
    expect(capped.text.endsWith("…")).toBe(true);
    expect(text.startsWith(capped.text.slice(0, -1))).toBe(true);
    expect(capped).toMatchObject({ reason: "not-in-directory", textLength: 3_401 });
    expect(capped.nested).toMatchObject({ noteLength: 3_401 });
    expect(bytes(capped.nested.note)).toBeLessThanOrEqual(STORED_TEXT_MAX_BYTES);
  });

  it("never splits a character that takes four bytes", () => {
    const capped = capStoredText(`a${"😀".repeat(2_000)}`, 100);
    expect(capped).toBe(`a${"😀".repeat(24)}…`);
  });

  it("returns the value itself when nothing is too long", () => {
    const record = { text: "完成".repeat(600), items: ["a", { b: 1 }], at: new Date(0) };
    expect(capStoredText(record)).toBe(record);
  });

  it("in an array, copies the array and the items it cuts, and leaves the others as they were", () => {
    const long = "长".repeat(2_000);
    const kept = { note: "短" };
    const items = ["a", long, kept];
    const capped = capStoredText({ items });
    expect(capped.items).not.toBe(items);
    expect(capped.items[0]).toBe("a");
    expect(bytes(capped.items[1] as string)).toBeLessThanOrEqual(STORED_TEXT_MAX_BYTES);
    expect(capped.items[2]).toBe(kept);
    expect(items[1]).toBe(long);
  });
});
