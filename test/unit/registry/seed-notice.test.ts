import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeText, toLines } from "../../../src/registry/decode-text.js";
import { parseNotice } from "../../../src/registry/parse-notice.js";
import { SEED_PATH } from "../../helpers/notice.js";

const registry = parseNotice(toLines(decodeText(readFileSync(SEED_PATH), "seed").text), {
  now: new Date("2026-01-01T00:00:00Z"),
});

describe("the seed notice (济兖政发〔2021〕1号)", () => {
  it("has 66 tasks in 8 sections, 6 targets and no problems", () => {
    expect(registry.tasks).toHaveLength(66);
    expect(registry.sections).toHaveLength(8);
    expect(registry.targets).toHaveLength(6);
    expect(registry.problems).toEqual([]);
    expect(registry.tasks.map((t) => t.no)).toEqual(Array.from({ length: 66 }, (_, i) => i + 1));
  });

  it("reads the document's identity", () => {
    expect(registry.document).toEqual({
      title: "关于分解落实2021年政府工作报告任务目标的通知",
      docNo: "济兖政发〔2021〕1号",
      issuer: "济宁市兖州区人民政府",
      issuedOn: "2021-01-21",
      year: 2021,
    });
  });

  it("reads task 52 as the issue describes it", () => {
    const task = registry.tasks.find((t) => t.no === 52);
    expect(task).toMatchObject({
      section: "改善人民生活品质",
      leaders: ["屈耀武", "张修斌"],
      hostUnits: ["区人力资源和社会保障局"],
      coUnits: ["区退役军人事务局"],
      unitGroups: ["各镇街"],
      deadline: "2021-12-31",
      indicators: [
        { text: "年内城镇新增就业6000人", value: 6000, unit: "人", bound: "min" },
        { text: "城镇登记失业率控制在3%以内", value: 3, unit: "%", bound: "max" },
      ],
    });
    expect(task?.text.startsWith("统筹抓好高校毕业生")).toBe(true);
    expect(task?.text).not.toContain("牵头领导");
  });

  it("keeps the first task's host with its bracketed name and its groups", () => {
    expect(registry.tasks[0]).toMatchObject({
      hostUnits: ["区委统筹疫情防控和经济运行工作领导小组（指挥部）"],
      coUnits: ["区卫生健康局", "区市场监督管理局", "区应急管理局"],
      unitGroups: ["各镇街"],
    });
  });

  it("reads the main targets including the 分别 form", () => {
    expect(registry.targets.map((t) => `${t.subject}|${t.value}${t.unit}|${t.bound}`)).toEqual([
      "地区生产总值|6%|min",
      "一般公共预算收入|3%|min",
      "规模以上工业增加值|8%|min",
      "固定资产投资|6%|min",
      "城镇居民人均可支配收入|6%|min",
      "农村居民人均可支配收入|7%|min",
    ]);
  });

  it("gives the same registry from a GB18030 copy of the file", () => {
    const text = readFileSync(SEED_PATH, "utf8");
    // Node's TextEncoder only writes UTF-8; encode GB18030 through the decoder's inverse table.
    const gb = encodeGb18030(text);
    const decoded = decodeText(gb, "seed-gb18030.txt");
    expect(decoded.encoding).toBe("gb18030");
    const again = parseNotice(toLines(decoded.text), { now: new Date("2026-01-01T00:00:00Z") });
    expect(again).toEqual(registry);
  });
});

/** Builds GB18030 bytes for the characters used, from the platform decoder (no encoder ships with Node). */
function encodeGb18030(text: string): Uint8Array {
  const decoder = new TextDecoder("gb18030", { fatal: true });
  const table = new Map<string, number[]>();
  const need = new Set([...text].filter((ch) => ch.charCodeAt(0) > 0x7f));
  for (let lead = 0x81; lead <= 0xfe && table.size < need.size; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      let ch: string;
      try {
        ch = decoder.decode(new Uint8Array([lead, trail]));
      } catch {
        continue;
      }
      if (need.has(ch) && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  for (const ch of need) {
    if (!table.has(ch)) table.set(ch, fourByte(ch, decoder));
  }
  const bytes: number[] = [];
  for (const ch of text)
    bytes.push(...(ch.charCodeAt(0) <= 0x7f ? [ch.charCodeAt(0)] : (table.get(ch) as number[])));
  return new Uint8Array(bytes);
}

/** GB18030 four-byte sequences (for the few characters outside GBK, such as some punctuation). */
function fourByte(ch: string, decoder: InstanceType<typeof TextDecoder>): number[] {
  for (let b1 = 0x81; b1 <= 0x84; b1++) {
    for (let b2 = 0x30; b2 <= 0x39; b2++) {
      for (let b3 = 0x81; b3 <= 0xfe; b3++) {
        for (let b4 = 0x30; b4 <= 0x39; b4++) {
          if (decoder.decode(new Uint8Array([b1, b2, b3, b4])) === ch) return [b1, b2, b3, b4];
        }
      }
    }
  }
  throw new Error(`no GB18030 encoding found for ${ch}`);
}
