import { describe, expect, it } from "vitest";
import { pageLines } from "../../../src/commands/page-lines.js";

const bytes = (text: string) => new TextEncoder().encode(text).length;
const lines = Array.from(
  { length: 60 },
  (_, i) => `第${i + 1}项 区人力资源和社会保障局：报送逾期${i}个工作日`,
);
const options = (page: number) => ({
  page,
  textBytes: 600,
  header: "逾期未报送共60项：",
  commandFor: (n: number) => `/overdue ${n}`,
});

describe("pageLines", () => {
  it("cuts a long list into pages that each fit one message, every line once, in order", () => {
    const first = pageLines(lines, options(1));
    if (!first.ok) throw new Error(first.text);
    expect(first.pages).toBeGreaterThan(3);
    const shown: string[] = [];
    for (let page = 1; page <= first.pages; page++) {
      const result = pageLines(lines, options(page));
      if (!result.ok) throw new Error(result.text);
      expect(bytes(result.text)).toBeLessThanOrEqual(600);
      const body = result.text.split("\n");
      expect(body[0]).toBe("逾期未报送共60项：");
      expect(body.at(-1)).toBe(
        page < first.pages
          ? `（第${page}/${first.pages}页，发送“/overdue ${page + 1}”查看下一页）`
          : `（第${page}/${first.pages}页，已是最后一页）`,
      );
      shown.push(...body.slice(1, -1));
    }
    expect(shown).toEqual(lines);
  });

  it("shows a short list whole, without a footer", () => {
    const result = pageLines(lines.slice(0, 3), options(1));
    expect(result).toEqual({
      ok: true,
      text: ["逾期未报送共60项：", ...lines.slice(0, 3)].join("\n"),
      page: 1,
      pages: 1,
    });
  });

  it("says how many pages there are when asked for one past the end", () => {
    const result = pageLines(lines.slice(0, 3), options(4));
    expect(result).toEqual({ ok: false, text: "共1页，没有第4页。", pages: 1 });
    expect(pageLines(lines, options(0)).ok).toBe(false);
  });

  it("shortens a line that alone would not fit", () => {
    const long = "很".repeat(400);
    const result = pageLines([long], options(1));
    if (!result.ok) throw new Error(result.text);
    expect(bytes(result.text)).toBeLessThanOrEqual(600);
    expect(result.text.endsWith("…")).toBe(true);
  });
});
