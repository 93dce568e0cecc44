import { describe, expect, it } from "vitest";
import { noticeWith, parseText } from "../../helpers/notice.js";

const task = (line: string) => {
  const registry = parseText(noticeWith(line));
  return { task: registry.tasks[0], problems: registry.problems };
};

describe("parseNotice: task numbering and headings", () => {
  it.each(["1、", "1.", "1．", "1 、"])("reads task numbering %j", (numbering) => {
    const { task: t } = task(`${numbering}加强监管。（牵头领导：张三。承办单位：区财政局）`);
    expect(t?.no).toBe(1);
    expect(t?.text).toBe("加强监管。");
  });

  it("does not take a decimal number for a task", () => {
    const registry = parseText(noticeWith("1.5万人参加培训。"));
    expect(registry.tasks).toEqual([]);
  });

  it("records chapters without their numeral, and sub-headings", () => {
    const registry = parseText(
      [
        "一、总体要求",
        "二、推动经济高质量发展",
        "（一）做强工业",
        "1、加强监管（牵头领导：张三。承办单位：区财政局）",
        "三、改善民生",
        "2、稳定就业（牵头领导：李四。承办单位：区人社局）",
      ].join("\n"),
    );
    expect(registry.sections).toEqual([
      { no: "二", title: "推动经济高质量发展" },
      { no: "三", title: "改善民生" },
    ]);
    expect(registry.tasks.map((t) => [t.no, t.section, t.subsection])).toEqual([
      [1, "推动经济高质量发展", "做强工业"],
      [2, "改善民生", undefined],
    ]);
  });
});

describe("parseNotice: labels", () => {
  it.each([
    ["牵头领导：张三、李四。承办单位：区财政局", ["张三", "李四"]],
    ["责任领导:张三。责任单位:区财政局", ["张三"]],
    ["分管领导：张三，李四；牵头单位：区财政局", ["张三", "李四"]],
  ])("reads leaders from %s", (parenthetical, leaders) => {
    expect(task(`1、加强监管（${parenthetical}）`).task?.leaders).toEqual(leaders);
  });

  it("takes co-units from 配合单位 / 协办单位 and the deadline from 完成时限", () => {
    const { task: t, problems } = task(
      "1、建设步行街（牵头领导：张三。牵头单位：城市建设指挥部；配合单位：区住房城乡建设局、区商务局；完成时限：9月底前）",
    );
    expect(problems).toEqual([]);
    expect(t?.hostUnits).toEqual(["城市建设指挥部"]);
    expect(t?.coUnits).toEqual(["区住房城乡建设局", "区商务局"]);
    expect(t?.deadline).toBe("2021-09-30");
    expect(t?.deadlineText).toBe("9月底前");
  });

  it("uses the year end when no deadline is written", () => {
    expect(task("1、加强监管（牵头领导：张三。承办单位：区财政局）").task?.deadline).toBe("2021-12-31");
  });

  it("reports an unknown label and a deadline it cannot read", () => {
    const { task: t, problems } = task(
      "1、加强监管（牵头领导：张三。承办单位：区财政局。督办人：王五。完成时限：尽快）",
    );
    expect(t?.deadline).toBe("2021-12-31");
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining("「督办人」无法识别"),
      expect.stringContaining("完成时限「尽快」无法识别"),
    ]);
    expect(problems.every((p) => p.line === 4)).toBe(true);
  });
});

describe("parseNotice: unit lists", () => {
  it("splits on 、 and ，, drops a trailing 等, keeps names with brackets whole, skips notes", () => {
    const { task: t } = task(
      "1、严防输入（牵头领导：张三。承办单位：区委统筹疫情防控和经济运行工作领导小组（指挥部）、区卫生健康局等，各镇街。黑体为主办单位，其他为协办单位，下同）",
    );
    expect(t?.hostUnits).toEqual(["区委统筹疫情防控和经济运行工作领导小组（指挥部）"]);
    expect(t?.coUnits).toEqual(["区卫生健康局"]);
    expect(t?.unitGroups).toEqual(["各镇街"]);
  });

  it.each([
    "各镇街",
    "相关镇街",
    "各镇",
    "各乡镇",
    "各乡镇（街道）",
    "各乡镇、街道",
    "区直各部门",
    "区直有关部门",
    "县直有关部门",
    "各金融机构",
  ])("keeps %s as a group", (group) => {
    const { task: t } = task(`1、加强监管（牵头领导：张三。承办单位：区财政局，${group}）`);
    expect(t?.hostUnits).toEqual(["区财政局"]);
    expect(t?.unitGroups).toEqual([group]);
    expect(t?.coUnits).toEqual([]);
  });

  it("splits 各镇、兴隆庄街道 into a group and a unit", () => {
    const { task: t } = task("1、壮大镇域经济（牵头领导：张三。承办单位：园区建设指挥部、各镇、兴隆庄街道）");
    expect(t?.unitGroups).toEqual(["各镇"]);
    expect(t?.coUnits).toEqual(["兴隆庄街道"]);
  });
});

describe("parseNotice: problems instead of guesses", () => {
  it("reports a task line without a parenthetical and a gap in the numbering", () => {
    const registry = parseText(
      noticeWith(
        "1、加强监管（牵头领导：张三。承办单位：区财政局）",
        "2、没有括注的任务。",
        "4、稳定就业（牵头领导：李四。承办单位：区人社局）",
      ),
    );
    expect(registry.tasks.map((t) => t.no)).toEqual([1, 4]);
    expect(registry.problems).toEqual([
      { line: 5, message: expect.stringContaining("第2项未找到括注") },
      { line: 6, message: expect.stringContaining("第1项之后为第4项") },
    ]);
  });

  it("joins a parenthetical that wraps onto the next line", () => {
    const registry = parseText(
      noticeWith("1、加强监管，严格执法。（牵头领导：张三。承办单位：区财政局、", "区审计局）"),
    );
    expect(registry.problems).toEqual([]);
    expect(registry.tasks[0]?.coUnits).toEqual(["区审计局"]);
  });

  it("reports a file with no tasks at all", () => {
    expect(parseText("这是一段普通文字。").problems).toEqual([
      { line: 0, message: expect.stringContaining("未找到任何编号任务") },
    ]);
  });
});
