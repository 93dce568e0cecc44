import { describe, expect, it } from "vitest";
import { byteLength } from "../../../../src/channels/split-text.js";
import { packParts } from "../../../../src/reports/digest/pack-parts.js";

const HEAD = ["寇宁同志：督办周报（2021年第14周）", "截至4月6日（周二）09:10，您牵头3项任务。"];
const CONTINUED = "寇宁同志：督办周报（续）";
const titleContinued = (title: string) => `${title}（续）`;
const lines = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `· ${prefix}第${i + 1}条：区卫健局报送核酸检测进展，完成30%`);

function pack(sections: { title: string; lines: string[] }[], maxBytes: number) {
  return packParts({ head: HEAD, sections, continued: CONTINUED, titleContinued, maxBytes });
}

describe("packing a digest into parts", () => {
  it("keeps a digest that fits in one part as one message", () => {
    const parts = pack([{ title: "【红灯】", lines: lines("红", 2) }], 2048);
    expect(parts).toEqual([[...HEAD, "", "【红灯】", ...lines("红", 2)].join("\n")]);
  });

  it("splits only between lines, each part within the limit and readable on its own", () => {
    const sections = [
      { title: "【红灯】", lines: lines("红", 9) },
      { title: "【变化】", lines: lines("变", 4) },
      { title: "【近两周到期】", lines: lines("到", 3) },
    ];
    const parts = pack(sections, 600);
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) expect(byteLength(part)).toBeLessThanOrEqual(600);
    for (const part of parts.slice(1)) expect(part.split("\n")[0]).toBe(CONTINUED);
    // Every line arrives whole and in order; only the continuation lines are added.
    const sent = parts
      .join("\n")
      .split("\n")
      .filter((line) => line !== CONTINUED && !line.endsWith("（续）") && line !== "");
    const expected = [...HEAD, ...sections.flatMap((s) => [s.title, ...s.lines])];
    expect(sent).toEqual(expected);
    // A section split across parts names itself again; no part ends on a bare title.
    expect(parts.some((part) => part.includes("【红灯】（续）"))).toBe(true);
    for (const part of parts) expect(part.split("\n").at(-1)).not.toMatch(/^【/);
  });

  it("moves a section that fits a part of its own rather than splitting it, but never leaves the head alone", () => {
    const parts = pack(
      [
        { title: "【红灯】", lines: lines("红", 3) },
        { title: "【变化】", lines: lines("变", 5) },
      ],
      500,
    );
    expect(parts[0]).toContain("【红灯】");
    expect(parts[1]?.split("\n").slice(0, 3)).toEqual([CONTINUED, "", "【变化】"]);
    // A first section too big for what is left after the head fills the first part.
    const long = pack([{ title: "【红灯】", lines: lines("红", 12) }], 500);
    expect(long[0]?.split("\n").length).toBeGreaterThan(HEAD.length + 2);
  });

  it("keeps a block of several lines (a task and its units) together", () => {
    const block = (n: number) => `第${n}项 深化政银企对接合作\n· 区法院：反映困难：风险企业重整周期较长`;
    const parts = pack([{ title: "【黄灯】", lines: [1, 2, 3, 4, 5, 6].map(block) }], 400);
    for (const part of parts) {
      const body = part.split("\n");
      for (const [i, line] of body.entries())
        if (line.startsWith("第")) expect(body[i + 1]).toMatch(/^· 区法院/);
    }
  });
});
