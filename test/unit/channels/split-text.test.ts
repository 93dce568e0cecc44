import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { byteLength, splitText } from "../../../src/channels/split-text.js";

describe("splitText", () => {
  it("keeps a text within the limit as one part", () => {
    expect(splitText("第一行\n第二行", 2048)).toEqual(["第一行\n第二行"]);
  });

  it("splits at line boundaries, each part within the byte limit", () => {
    const line = "进展情况：已完成年度目标的百分之八十。"; // 19 chars, 57 bytes
    const text = Array.from({ length: 100 }, () => line).join("\n");
    const parts = splitText(text, 2048);
    expect(parts.length).toBe(3);
    for (const part of parts) {
      expect(byteLength(part)).toBeLessThanOrEqual(2048);
      expect(part.split("\n").every((l) => l === line)).toBe(true);
    }
  });

  it("gives the text back when joined with newlines, when no part is blank", () => {
    const text = ["# 周报", "", "一、总体情况", "本周共反馈42项。", "二、逾期事项"].join("\n");
    const parts = splitText(text, 30);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join("\n")).toBe(text);
  });

  it("cuts a single over-long line between characters, never inside one", () => {
    const parts = splitText("汉".repeat(1000), 2048); // 3000 bytes
    expect(parts).toEqual(["汉".repeat(682), "汉".repeat(318)]);
  });

  it("drops parts that hold only whitespace", () => {
    expect(splitText("a\n   \n   \n\n", 3)).toEqual(["a"]);
  });

  it("keeps every non-blank character in order, within the limit and as valid UTF-8", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: "grapheme", maxLength: 80 }), { maxLength: 40 }),
        fc.integer({ min: 4, max: 300 }),
        (lines, maxBytes) => {
          const text = lines.join("\n");
          const parts = splitText(text, maxBytes);
          for (const part of parts) {
            expect(byteLength(part)).toBeLessThanOrEqual(maxBytes);
            expect(Buffer.from(part, "utf8").toString("utf8")).toBe(part);
            expect(part).not.toMatch(/[\uD800-\uDBFF]$/);
          }
          const visible = (t: string) => t.replace(/\s/g, "");
          expect(visible(parts.join(""))).toBe(visible(text));
        },
      ),
    );
  });
});
