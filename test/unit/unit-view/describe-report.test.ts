import { describe, expect, it } from "vitest";
import { indicatorLabel } from "../../../src/registry/indicator-label.js";
import type { Indicator } from "../../../src/registry/registry.js";
import type { ProgressReport } from "../../../src/store/progress-report.js";
import { describeReport } from "../../../src/unit-view/describe-report.js";

const JOBS: Indicator = { text: "年内城镇新增就业6000人", value: 6000, unit: "人", bound: "min" };
const RATE: Indicator = { text: "城镇登记失业率控制在3%以内", value: 3, unit: "%", bound: "max" };
const report = (change: Partial<ProgressReport>): ProgressReport => ({
  taskNo: 52,
  unit: "区人力资源和社会保障局",
  cycle: "2021-03",
  version: 1,
  reportedBy: "wecom:demo.u06.contact",
  // 08:30 in Shanghai on the 24th, 00:30 UTC: the day is the business day.
  reportedAt: "2021-03-24T00:30:00.000Z",
  status: "reported",
  values: [],
  note: "",
  source: "text",
  ...change,
});

describe("describeReport", () => {
  it.each([
    [
      "numbers first",
      {
        values: [
          { indicator: 0, value: 4200, unit: "人" },
          { indicator: 1, value: 2.9, unit: "%" },
        ],
        percent: 80,
      },
      "3月24日：城镇新增就业4200人，城镇登记失业率2.9%，完成80%",
    ],
    ["the note when there are none", { note: "春风行动招聘会3场" }, "3月24日：春风行动招聘会3场"],
    ["正常推进", { status: "on-track" }, "3月24日：正常推进"],
    ["a difficulty", { status: "difficulty", note: "场地未落实" }, "3月24日：有困难（场地未落实）"],
    ["申请办结", { status: "completion-requested", note: "申请办结" }, "3月24日：申请办结"],
    ["代报", { status: "on-track", proxy: true as const }, "3月24日：正常推进（督考办代报）"],
    [
      "a long note is cut",
      { note: "统筹抓好高校毕业生、退役军人、农民工、失业人员等群体就业工作稳步推进" },
      "3月24日：统筹抓好高校毕业生、退役军人、农民工、失业人员…",
    ],
  ])("%s", (_, change, line) => {
    expect(describeReport(report(change), { indicators: [JOBS, RATE] })).toBe(line);
  });
});

describe("indicatorLabel", () => {
  it.each([
    [JOBS, "城镇新增就业"],
    [RATE, "城镇登记失业率"],
    [{ text: "新建12万平方米标准化厂房", value: 12, unit: "万平方米", bound: "min" }, "新建标准化厂房"],
    [{ text: "力争年内农机产业产值达到30亿元", value: 30, unit: "亿元", bound: "min" }, "农机产业产值"],
    [{ text: "年内完成投资150亿元", value: 150, unit: "亿元", bound: "min" }, "投资"],
    [{ text: "6000人", value: 6000, unit: "人", bound: "min" }, "6000人"],
  ] as const)("%j → %s", (indicator, label) => {
    expect(indicatorLabel(indicator)).toBe(label);
  });
});
