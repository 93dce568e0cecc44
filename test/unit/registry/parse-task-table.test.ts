import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { parseTaskTable } from "../../../src/registry/parse-task-table.js";
import { readTableRows, type TableRow } from "../../../src/registry/read-table.js";
import type { Task } from "../../../src/registry/registry.js";
import { HEADER, NOW, parse, table, task } from "../../fixtures/import/task-table.js";

describe("parseTaskTable: headers", () => {
  /** One task, written under each header; cells follow the header's order. */
  const VALUES: Record<string, string> = {
    no: "7",
    task: "年内新增国家级高新技术企业4家",
    leaders: "谭丽娜、屈耀武",
    units: "区科技局、区工业和信息化局，各镇街",
    co: "区财政局",
    deadline: "6月底前",
  };
  const LEAD_COLUMN = new Set(["more synonyms", "目标任务 and 工作内容 names"]);
  it.each<[string, [string, keyof typeof VALUES][]]>([
    [
      "the plain names",
      [
        ["序号", "no"],
        ["任务", "task"],
        ["牵头领导", "leaders"],
        ["承办单位", "units"],
        ["配合单位", "co"],
        ["完成时限", "deadline"],
      ],
    ],
    [
      "shuffled synonyms",
      [
        ["完成时间", "deadline"],
        ["协办单位", "co"],
        ["责任单位", "units"],
        ["分管领导", "leaders"],
        ["工作任务", "task"],
        ["编号", "no"],
      ],
    ],
    [
      "more synonyms",
      [
        ["时间节点", "deadline"],
        ["主办单位", "units"],
        ["重点工作任务", "task"],
        ["责任领导", "leaders"],
        ["序  号", "no"],
        ["协办单位", "co"],
      ],
    ],
    [
      "spaces, line breaks and notes",
      [
        ["牵头单位（黑体为主办）", "units"],
        ["任务\n内容", "task"],
        ["责 任\n领 导", "leaders"],
        ["No.", "no"],
        ["配合单位(可多个)", "co"],
        ["完成\n时限", "deadline"],
      ],
    ],
    [
      "目标任务 and 工作内容 names",
      [
        ["目标任务", "task"],
        ["牵头单位", "units"],
        ["牵头领导", "leaders"],
        ["序号", "no"],
        ["协办单位", "co"],
        ["完成时限", "deadline"],
      ],
    ],
  ])("reads %s", (label, columns) => {
    const registry = parse(
      table(
        columns.map(([name]) => name),
        columns.map(([, kind]) => VALUES[kind] ?? ""),
      ),
    );
    expect(registry.problems).toEqual([]);
    expect(registry.tasks).toEqual<Task[]>([
      {
        no: 7,
        section: "",
        text: "年内新增国家级高新技术企业4家",
        leaders: ["谭丽娜", "屈耀武"],
        // A 牵头单位/主办单位 column beside a 协办 column names hosts only (issue #16), unless its
        // header says bold marks them.
        ...(LEAD_COLUMN.has(label)
          ? { hostUnits: ["区科技局", "区工业和信息化局"], coUnits: ["区财政局"] }
          : { hostUnits: ["区科技局"], coUnits: ["区工业和信息化局", "区财政局"] }),
        unitGroups: ["各镇街"],
        indicators: [{ text: "年内新增国家级高新技术企业4家", value: 4, unit: "家", bound: "min" }],
        deadline: "2021-06-30",
        deadlineText: "6月底前",
        line: 2,
      },
    ]);
  });

  it("finds the header below a title and notes, and takes the title", () => {
    const registry = parse(
      table(
        ["附件1"],
        ["2021年政府工作报告重点任务分解表"],
        ["填报单位：区督考办", "", "日期：2021年3月1日"],
        HEADER,
        task("1", "甲", "张三", "区科技局"),
      ),
    );
    expect(registry.document).toEqual({
      title: "2021年政府工作报告重点任务分解表",
      docNo: "",
      issuer: "",
      issuedOn: "",
      year: 2021,
    });
    expect(registry.tasks.map((t) => t.line)).toEqual([5]);
  });

  it("titles a table without a title row after its file name", () => {
    const registry = parse(table(HEADER, task("1", "甲", "张三", "区科技局")), {
      name: "/data/督办/任务清单.v2.xlsx",
    });
    expect(registry.document.title).toBe("任务清单.v2");
  });

  it("reads a two-row header (责任单位 split into 牵头单位 and 配合单位)", () => {
    const registry = parse(
      table(
        ["序号", "重点任务", "责任领导", "责任单位", "", "完成时限"],
        ["序号", "重点任务", "责任领导", "牵头单位", "配合单位", "完成时限"],
        ["1", "甲", "张三", "区科技局", "区财政局", "年底前"],
      ),
    );
    expect(registry.problems).toEqual([]);
    expect(registry.tasks[0]).toMatchObject({ hostUnits: ["区科技局"], coUnits: ["区财政局"], line: 3 });
  });
});

describe("parseTaskTable: sections", () => {
  it("sets the section from chapter rows, sub-heading rows and a 类别 column", () => {
    const registry = parse(
      table(
        HEADER,
        ["二、抓好常态化疫情防控"],
        task("1", "甲", "张三", "区卫生健康局"),
        ["", "（一）强化疫情防控"],
        task("2", "乙", "张三", "区卫生健康局"),
        ["三", "推动经济高质量发展"],
        task("3", "丙", "李四", "区工业和信息化局"),
        ["第四部分 建设生态宜居城市"],
        task("4", "丁", "李四", "区住房和城乡建设局"),
      ),
    );
    expect(registry.sections).toEqual([
      { no: "二", title: "抓好常态化疫情防控" },
      { no: "三", title: "推动经济高质量发展" },
      { no: "四", title: "建设生态宜居城市" },
    ]);
    expect(registry.tasks.map((t) => [t.no, t.section, t.subsection])).toEqual([
      [1, "抓好常态化疫情防控", undefined],
      [2, "抓好常态化疫情防控", "强化疫情防控"],
      [3, "推动经济高质量发展", undefined],
      [4, "建设生态宜居城市", undefined],
    ]);
    expect(registry.problems).toEqual([]);
  });

  it("reads a 类别 column, with or without the chapter numeral", () => {
    const registry = parse(
      table(
        ["类别", "序号", "任务", "牵头领导", "承办单位"],
        ["二、疫情防控", "1", "甲", "张三", "区卫生健康局"],
        ["招商引资", "2", "乙", "李四", "区投资促进中心"],
        ["招商引资", "3", "丙", "李四", "区投资促进中心"],
      ),
    );
    expect(registry.sections).toEqual([
      { no: "二", title: "疫情防控" },
      { no: "2", title: "招商引资" },
    ]);
    expect(registry.tasks.map((t) => t.section)).toEqual(["疫情防控", "招商引资", "招商引资"]);
  });
});

describe("parseTaskTable: the year", () => {
  const rows = (deadlines: string[], title = "重点任务分解表") =>
    table(
      [title],
      HEADER,
      ...deadlines.map((d, i) => task(String(i + 1), "任务", "张三", "区科技局", "", d)),
    );
  it.each<[string, TableRow[], { year?: number; now?: Date }, number]>([
    ["--year wins over dates", rows(["2022-06-30"]), { year: 2021 }, 2021],
    ["full dates in the rows", rows(["2022-06-30", "6月底前"]), { year: undefined }, 2022],
    [
      "the most common dated year",
      rows(["2022年3月1日", "2022/9/30", "2025年12月底前"]),
      { year: undefined },
      2022,
    ],
    ["a tie goes to the earlier year", rows(["2025-12-31", "2022-06-30"]), { year: undefined }, 2022],
    [
      "the title's year when no cell is dated",
      rows(["6月底前"], "2020年重点任务分解表"),
      { year: undefined },
      2020,
    ],
    [
      "now in Asia/Shanghai otherwise",
      rows(["年内"]),
      { year: undefined, now: new Date("2023-12-31T17:00:00Z") },
      2024,
    ],
  ])("%s", (_label, input, options, year) => {
    const registry = parse(input, options);
    expect(registry.document.year).toBe(year);
    // Deadlines without a year follow the table's year.
    const relative = registry.tasks.find((t) => t.deadlineText === "6月底前" || t.deadlineText === "年内");
    if (relative) expect(relative.deadline.slice(0, 4)).toBe(String(year));
  });
});

describe("parseTaskTable + readTableRows", () => {
  it("reads an .xlsx with a date cell and a text deadline, taking the year from the date", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("分解表");
    sheet.addRow(["重点任务分解表"]);
    sheet.mergeCells("A1:F1");
    sheet.addRow(["完成时限", "序号", "工作任务", "责任领导", "责任单位", "协办单位"]);
    sheet.addRow(["一、推动经济高质量发展"]);
    sheet.mergeCells("A3:F3");
    sheet.addRow([
      new Date(Date.UTC(2022, 8, 30)),
      1,
      "年内完成投资150亿元",
      "屈耀武",
      "新旧动能转换重大项目建设指挥部、区发展改革局",
      "工业园区、各镇街",
    ]);
    sheet.addRow(["6月底前", 2, "新建12万平方米标准化厂房", "王从奇", "颜店新城建设指挥部", null]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const registry = parseTaskTable(await readTableRows(bytes, "t.xlsx", "xlsx"), {
      now: NOW,
      name: "t.xlsx",
    });
    expect(registry.problems).toEqual([]);
    expect(registry.document).toMatchObject({ title: "重点任务分解表", year: 2022 });
    expect(registry.sections).toEqual([{ no: "一", title: "推动经济高质量发展" }]);
    expect(
      registry.tasks.map((t) => [t.no, t.line, t.deadline, t.hostUnits, t.coUnits, t.unitGroups]),
    ).toEqual([
      [1, 4, "2022-09-30", ["新旧动能转换重大项目建设指挥部"], ["区发展改革局", "工业园区"], ["各镇街"]],
      [2, 5, "2022-06-30", ["颜店新城建设指挥部"], [], []],
    ]);
    expect(registry.tasks[1]?.indicators).toMatchObject([{ value: 12, unit: "万平方米", bound: "min" }]);
  });

  it("reads a BOM CSV exported by Excel", async () => {
    const csv = `\uFEFF序号,工作任务,牵头领导,承办单位,完成时限\r\n二、抓好常态化疫情防控,,,,\r\n3,"巩固国家卫生城市创建成果，
深入开展爱国卫生运动。",孙恒民,"区卫生健康局,区直有关部门,各镇街",年内\r\n`;
    const rows = await readTableRows(new TextEncoder().encode(csv), "t.csv", "csv");
    const registry = parseTaskTable(rows, { now: NOW });
    expect(registry.problems).toEqual([]);
    expect(registry.document.year).toBe(2023);
    expect(registry.tasks[0]).toMatchObject({
      no: 3,
      section: "抓好常态化疫情防控",
      text: "巩固国家卫生城市创建成果，\n深入开展爱国卫生运动。",
      hostUnits: ["区卫生健康局"],
      unitGroups: ["区直有关部门", "各镇街"],
      deadline: "2023-12-31",
      line: 3,
    });
  });
});
