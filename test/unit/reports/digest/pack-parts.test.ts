import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { byteLength, splitText } from "../../../../src/channels/split-text.js";
import { packParts, type TextSection } from "../../../../src/reports/digest/pack-parts.js";

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

describe("packing with the size kept as lines are added", () => {
  it("packs as joining the part again for every line tried did", () => {
    const line = fc.string({
      unit: fc.constantFrom("a", "汉", "·", " ", "😀"),
      minLength: 0,
      maxLength: 120,
    });
    const section = fc.record({ title: line, lines: fc.array(line, { maxLength: 12 }) });
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 3 }),
        fc.array(section, { maxLength: 6 }),
        fc.integer({ min: 160, max: 1200 }),
        (head, sections, maxBytes) => {
          const input = { head, sections, continued: CONTINUED, titleContinued, maxBytes };
          expect(packParts(input)).toEqual(joinEveryTimePackParts(input));
        },
      ),
      { numRuns: 400 },
    );
  });
});

/** packParts as it was before it kept the part's size: the oracle for the test above. */
function joinEveryTimePackParts(input: {
  head: readonly string[];
  sections: readonly TextSection[];
  continued: string;
  titleContinued: (title: string) => string;
  maxBytes: number;
}): string[] {
  const { maxBytes } = input;
  const parts: string[][] = [];
  let lines: string[] = [...input.head];
  /** Whether the part being filled holds a section yet: a part of the head alone says nothing. */
  let holdsSection = false;
  const size = (candidate: readonly string[]) => byteLength(candidate.join("\n"));
  const fits = (more: readonly string[]) => size([...lines, ...more]) <= maxBytes;
  const newPart = (first: readonly string[]) => {
    parts.push(lines);
    lines = [input.continued, ...first];
    holdsSection = first.length > 0;
  };
  for (const section of input.sections) {
    const block = ["", section.title, ...section.lines];
    if (fits(block)) {
      lines.push(...block);
      holdsSection = true;
      continue;
    }
    // A section that fits a part of its own starts one, unless the part is not half full (a
    // short first message and a long second read worse than a section split between them); a
    // longer one, or one after the head alone, fills what is left first.
    if (holdsSection && size(lines) > maxBytes / 2 && size([input.continued, ...block]) <= maxBytes) {
      newPart(block);
      continue;
    }
    let title = section.title;
    const room = maxBytes - size([input.continued, "", input.titleContinued(title)]) - 1;
    const pieces = section.lines.flatMap((line) => splitText(line, room));
    // Never a title at the foot of a part with none of its lines under it.
    if (!fits(["", title, ...pieces.slice(0, 1)])) newPart([]);
    lines.push("", title);
    holdsSection = true;
    for (const piece of pieces) {
      if (!fits([piece])) {
        title = input.titleContinued(section.title);
        newPart(["", title]);
      }
      lines.push(piece);
    }
  }
  parts.push(lines);
  return parts.map((part) => part.join("\n"));
}
