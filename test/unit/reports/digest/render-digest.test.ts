import { describe, expect, it } from "vitest";
import { byteLength } from "../../../../src/channels/split-text.js";
import type { Task } from "../../../../src/registry/registry.js";
import { formatAmount } from "../../../../src/reports/digest/format-amount.js";
import type { LeaderDigest } from "../../../../src/reports/digest/leader-digest.js";
import { renderDigest } from "../../../../src/reports/digest/render-digest.js";

function task(no: number, text: string, indicators: Task["indicators"] = []): Task {
  return {
    no,
    section: "推动经济高质量发展",
    text,
    leaders: ["龚标"],
    hostUnits: [],
    coUnits: [],
    unitGroups: [],
    indicators,
    deadline: "2021-12-31",
    line: no,
  };
}

const T6 = task(6, "推进农机装备产业集群发展，产值达到30亿元", [
  { text: "产值达到30亿元", value: 30, unit: "亿元", bound: "min" },
]);
const T52 = task(52, "年内城镇新增就业6000人", [
  { text: "年内城镇新增就业6000人", value: 6000, unit: "人", bound: "min" },
]);

const DIGEST: LeaderDigest = {
  leader: "龚标",
  week: "2021-W14",
  at: "2021-04-06T01:10:00.000Z",
  date: "2021-04-06",
  since: "2021-03-29T01:10:00.000Z",
  tasks: [T6, T52],
  taskCounts: { red: 1, yellow: 0, green: 1, completed: 0 },
  unitCounts: { red: 1, yellow: 0, green: 2, completed: 0 },
  alerts: [
    { task: T6, color: "red", units: ["区工信局"], reasons: ["产值完成16.7%，落后序时进度8.5个百分点"] },
  ],
  changes: [
    {
      kind: "report",
      at: "2021-03-31T02:00:00.000Z",
      task: T6,
      unit: "区工信局",
      report: {
        seq: 1,
        taskNo: 6,
        unit: "区工业和信息化局",
        cycle: "2021-03",
        reportedBy: "wecom:x",
        reportedAt: "2021-03-31T02:00:00.000Z",
        status: "on-track",
        values: [{ indicator: 0, value: 5, unit: "亿元" }],
        note: "",
        source: "text",
      } as never,
    },
    { kind: "extension", at: "2021-04-01T02:00:00.000Z", task: T52, unit: "区人社局", decision: "returned" },
    { kind: "light", task: T6, unit: "区工信局", from: "yellow", to: "red" },
  ],
  silent: [],
  upcoming: [{ date: "2021-04-23", task: T52, kind: "report", cycle: "2021-04", units: ["区人社局"] }],
  paceDetails: [
    { task: T6, unit: "区工信局", measure: "产值", share: 16.666, pace: 25.2 },
    { task: T52, unit: "区人社局", measure: "城镇新增就业", share: 70, pace: 25.2 },
  ],
  paceRows: [],
  pace: 25.2,
};

describe("rendering a digest", () => {
  it("writes counts, reasons, changes, dues and pace in short lines, amounts the office's way", () => {
    const [text, ...more] = renderDigest(DIGEST, { textBytes: 2048 });
    expect(more).toEqual([]);
    expect(text?.split("\n")).toEqual([
      "龚标同志：督办周报（2021年第14周）",
      "截至4月6日（周二）09:10，您牵头2项任务：红灯1项，绿灯1项。",
      "承办单位3个：红灯1个，绿灯2个。",
      "",
      "【红灯】",
      "第6项 推进农机装备产业集群发展",
      "· 区工信局：产值完成16.7%，落后序时进度8.5个百分点",
      "",
      "【变化（3月29日（周一）09:10以来）】",
      "· 3月31日（周三）第6项 区工信局：产值5.0亿元",
      "· 4月1日（周四）第52项 区人社局：延期申请被退回",
      "· 第6项 区工信局：黄灯转红灯",
      "",
      "【近两周到期】",
      "· 4月23日（周五）第52项 2021年4月进展：区人社局待报",
      "",
      "【数据指标（全年序时进度25.2%）】",
      "· 第6项 产值（区工信局）：完成16.7%，落后8.5个百分点",
      "· 第52项 城镇新增就业（区人社局）：完成70%，快于序时进度",
    ]);
  });

  it("says so when nothing is red or yellow and nothing changed", () => {
    const quiet = { ...DIGEST, alerts: [], changes: [], upcoming: [], paceDetails: [] };
    const [text] = renderDigest(quiet, { textBytes: 2048 });
    expect(text).toContain("各项任务均无红灯、黄灯。");
    expect(text).toContain("· 无新报送，灯色无变化。");
    expect(text).not.toContain("【数据指标");
  });

  it("stays within a small limit, in parts that each begin with the continuation line", () => {
    const busy = {
      ...DIGEST,
      changes: Array.from({ length: 20 }, () => ({
        ...(DIGEST.changes[0] as LeaderDigest["changes"][number]),
      })),
    };
    const parts = renderDigest(busy, { textBytes: 512 });
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(byteLength(part)).toBeLessThanOrEqual(512);
    for (const part of parts.slice(1)) expect(part.startsWith("龚标同志：督办周报（续）\n")).toBe(true);
    // Twelve reports are listed, the rest counted.
    expect(parts.join("\n").match(/产值5\.0亿元/g)).toHaveLength(12);
    expect(parts.join("\n")).toContain("· 另有8条报送，详见台账。");
  });

  it("formats amounts as an office reads them", () => {
    expect(formatAmount(5, "亿元")).toBe("5.0亿元");
    expect(formatAmount(12.345, "亿元")).toBe("12.3亿元");
    expect(formatAmount(4200, "人")).toBe("4200人");
    expect(formatAmount(2.125, "%")).toBe("2.13%");
  });
});
