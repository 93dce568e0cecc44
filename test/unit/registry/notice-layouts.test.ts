import { describe, expect, it } from "vitest";
import { toLines } from "../../../src/registry/decode-text.js";
import { describeReading } from "../../../src/registry/describe-reading.js";
import { parseDeadline } from "../../../src/registry/parse-deadline.js";
import { readNoticeLines, type TaskReading } from "../../../src/registry/parse-notice.js";
import { readNotice } from "../../../src/registry/read-notice.js";
import { noticeWith, parseText } from "../../helpers/notice.js";

const read = (...body: string[]) =>
  readNoticeLines(toLines(noticeWith(...body)), { now: new Date("2021-01-01T00:00:00Z") });

describe("parseNotice: layouts other offices write", () => {
  it("says which rule told the hosts apart", () => {
    const { registry, readings } = read(
      "1、甲。（牵头领导：张三。责任单位：区财政局、区税务局）",
      "2、乙。（牵头领导：张三。牵头单位：区商务局、区投促中心）",
      "3、丙。（区发改局牵头，区统计局配合）",
    );
    expect(registry.tasks.map((t) => t.hostUnits)).toEqual([
      ["区财政局"],
      ["区商务局", "区投促中心"],
      ["区发改局"],
    ]);
    expect(readings.map((r) => r.rules.hosts)).toEqual(["first", "lead", "phrase"]);
    expect(readings[0]?.rules).toMatchObject({
      number: "printed",
      leaders: "annotation",
      deadline: "yearEnd",
    });
  });

  it("reads several labels on one field line, and a label whose value is on the next line", () => {
    const { registry, readings } = read(
      "1、加强监管。",
      "责任领导：张三  牵头单位：区财政局",
      "完成时限：",
      "三季度末",
    );
    expect(registry.tasks[0]).toMatchObject({
      leaders: ["张三"],
      hostUnits: ["区财政局"],
      deadline: "2021-09-30",
      deadlineText: "三季度末",
    });
    expect(readings[0]?.rules.leaders).toBe("fieldLines");
  });

  it("keeps a duplicated number a problem when the numbering does not restart per section", () => {
    const registry = parseText(
      noticeWith(
        "1、甲。（牵头领导：张三。承办单位：区财政局）",
        "1、乙。（牵头领导：张三。承办单位：区财政局）",
      ),
    );
    expect(registry.tasks.map((t) => [t.no, t.ref])).toEqual([
      [1, undefined],
      [1, undefined],
    ]);
    expect(registry.problems.map((p) => p.message).join()).toContain("重复");
  });

  it("takes a (一) line for a sub-heading where the chapter numbers its tasks 1、", () => {
    const registry = parseText(
      noticeWith("（一）做强工业。", "1、甲。（牵头领导：张三。承办单位：区财政局）"),
    );
    expect(registry.tasks.map((t) => [t.no, t.subsection])).toEqual([[1, "做强工业"]]);
  });

  it("reads a deadline in stages as its first milestone and keeps the words", () => {
    const registry = parseText(
      noticeWith(
        "1、甲。（牵头领导：张三。承办单位：区财政局。完成时限：分阶段，3月底前完成方案；其它事项12月底前）",
      ),
    );
    expect(registry.tasks[0]).toMatchObject({
      deadline: "2021-03-31",
      deadlineText: "分阶段，3月底前完成方案；其它事项12月底前",
    });
    expect(registry.problems).toEqual([]);
  });
});

describe("parseNotice: 主要预期目标 in other shapes", () => {
  it("reads numbered target lines under the heading, ranges as floor and ceiling, and more units", () => {
    const registry = parseText(
      [
        "关于2024年目标任务分解的通知",
        "一、主要预期目标",
        "1.地区生产总值增长5%—6%；",
        "2.粮食总产量稳定在45万吨以上；",
        "3.城镇调查失业率不超过5.5%。",
        "二、推动发展",
        "1、甲。（牵头领导：张三。承办单位：区财政局）",
      ].join("\n"),
    );
    expect(registry.targets.map((t) => [t.subject, t.value, t.unit, t.bound])).toEqual([
      ["地区生产总值", 5, "%", "min"],
      ["地区生产总值", 6, "%", "max"],
      ["粮食总产量", 45, "万吨", "min"],
      ["城镇调查失业率", 5.5, "%", "max"],
    ]);
    expect(registry.tasks.map((t) => t.no)).toEqual([1]);
    expect(registry.problems).toEqual([]);
  });
});

describe("readNotice: how each task was read", () => {
  it("returns the rule behind each field, and words it for the summary", async () => {
    const path = new URL("../../fixtures/notices/03-leader-headings.txt", import.meta.url).pathname;
    const { readings, registry } = await readNotice(path);
    expect(readings?.[2]).toEqual({
      no: 3,
      line: 7,
      rules: { number: "renumbered", leaders: "heading", hosts: "first", deadline: "yearEnd" },
    });
    expect(describeReading(readings?.[2] as TaskReading, registry.tasks[2]?.ref)).toEqual([
      "序号：文件各部分序号重新起编，按全文顺序编为第3项（原序号二（1））",
      "牵头领导：取自所在标题（如“××副县长牵头的工作”）",
      "主办单位：只列责任单位，按“列第一位的为牵头单位”取第一个",
      "完成时限：未写明，按年底",
    ]);
  });
});

describe("parseDeadline: words around the date", () => {
  it.each([
    ["年底前完成", "2021-12-31"],
    ["于6月底前建成", "2021-06-30"],
    ["力争三季度末投用", "2021-09-30"],
    ["每季度", "2021-12-31"],
    ["2021年10月", "2021-10-31"],
  ])("%s → %s", (text, date) => {
    expect(parseDeadline(text, 2021)).toBe(date);
  });
});
