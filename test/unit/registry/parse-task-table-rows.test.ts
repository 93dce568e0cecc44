import { describe, expect, it } from "vitest";
import type { TableRow } from "../../../src/registry/read-table.js";
import type { Task } from "../../../src/registry/registry.js";
import { HEADER, parse, table, task } from "../../fixtures/import/task-table.js";

describe("parseTaskTable: deadlines", () => {
  it.each<[string, string, string, string | undefined]>([
    ["6月底前", "甲", "2021-06-30", "6月底前"],
    ["三季度末", "甲", "2021-09-30", "三季度末"],
    ["2021-10-01", "甲", "2021-10-01", "2021-10-01"],
    ["2021/9/5前", "甲", "2021-09-05", "2021/9/5前"],
    ["2021.11", "甲", "2021-11-30", "2021.11"],
    ["6月底前完成一期，12月底前全部完成", "甲", "2021-12-31", "6月底前完成一期，12月底前全部完成"],
    ["持续推进", "甲", "2021-12-31", "持续推进"],
    ["", "力争5月底前建成投用", "2021-05-31", "5月底前"],
    ["", "加快建设", "2021-12-31", undefined],
  ])("reads %j (task %j) as %s", (cell, text, deadline, deadlineText) => {
    const registry = parse(table(HEADER, task("1", text, "张三", "区科技局", "", cell)));
    expect(registry.problems).toEqual([]);
    expect(registry.tasks[0]?.deadline).toBe(deadline);
    expect(registry.tasks[0]?.deadlineText).toBe(deadlineText);
  });

  it("records an unreadable deadline and uses the year's end", () => {
    const registry = parse(table(HEADER, task("1", "甲", "张三", "区科技局", "", "尽快")));
    expect(registry.tasks[0]?.deadline).toBe("2021-12-31");
    expect(registry.problems).toEqual([
      { line: 2, message: expect.stringMatching(/^完成时限「尽快」.*年底/) },
    ]);
  });
});

describe("parseTaskTable: units and leaders", () => {
  const one = (units: string, co = "", leaders = "张三") =>
    parse(table(HEADER, task("1", "甲", leaders, units, co))).tasks[0] as Task;
  it.each<[string, string, string, Partial<Task>]>([
    [
      "the first unit hosts",
      "区发展改革局、区财政局、区科技局",
      "",
      { hostUnits: ["区发展改革局"], coUnits: ["区财政局", "区科技局"] },
    ],
    [
      "groups stay groups",
      "各镇街、区直有关部门",
      "",
      { hostUnits: [], unitGroups: ["各镇街", "区直有关部门"] },
    ],
    [
      "a group before the first unit",
      "各镇街、区商务局",
      "工业园区",
      { hostUnits: ["区商务局"], coUnits: ["工业园区"], unitGroups: ["各镇街"] },
    ],
    [
      "line breaks separate names",
      "区发展改革局\n区财政局",
      "",
      { hostUnits: ["区发展改革局"], coUnits: ["区财政局"] },
    ],
    [
      "parentheses stay in a name",
      "区委统筹疫情防控和经济运行工作领导小组（指挥部）、区卫生健康局等",
      "",
      { hostUnits: ["区委统筹疫情防控和经济运行工作领导小组（指挥部）"], coUnits: ["区卫生健康局"] },
    ],
    [
      "a labelled cell",
      "牵头单位：区商务局\n配合单位：新兖镇、大安镇",
      "",
      { hostUnits: ["区商务局"], coUnits: ["新兖镇", "大安镇"] },
    ],
    [
      "a unit named twice counts once",
      "区商务局",
      "区商务局、区财政局",
      { hostUnits: ["区商务局"], coUnits: ["区财政局"] },
    ],
  ])("%s", (_label, units, co, expected) => {
    expect(one(units, co)).toMatchObject(expected);
  });

  it("splits leaders on 、，and spaces", () => {
    expect(one("区科技局", "", "李翠玲、龚标 谭丽娜同志").leaders).toEqual(["李翠玲", "龚标", "谭丽娜"]);
  });

  it("takes bold units as hosts where the column mixes bold and plain names", () => {
    const bold = (text: string, boldText: string[]) =>
      [...text].map((_, i) => boldText.some((b) => text.indexOf(b) <= i && i < text.indexOf(b) + b.length));
    const rows: TableRow[] = [
      { row: 1, cells: ["序号", "任务", "牵头领导", "牵头单位（黑体为主办）"] },
      {
        row: 2,
        cells: ["1", "甲", "张三", "区卫生健康局、大安镇、区人社局"],
        bold: [
          undefined,
          undefined,
          undefined,
          bold("区卫生健康局、大安镇、区人社局", ["区卫生健康局", "大安镇"]),
        ],
      },
      { row: 3, cells: ["2", "乙", "张三", "区科技局、区财政局"] },
      {
        row: 4,
        cells: ["3", "丙", "张三", "区商务局、区财政局"],
        bold: [undefined, undefined, undefined, bold("区商务局、区财政局", ["区财政局"])],
      },
    ];
    expect(parse(rows).tasks.map((t) => [t.hostUnits, t.coUnits])).toEqual([
      [["区卫生健康局", "大安镇"], ["区人社局"]],
      [["区科技局"], ["区财政局"]],
      [["区财政局"], ["区商务局"]],
    ]);
  });

  it("ignores bold when the whole column is bold", () => {
    const cell = "区科技局、区财政局";
    const rows: TableRow[] = [
      { row: 1, cells: ["任务", "承办单位"] },
      { row: 2, cells: ["甲", cell], bold: [undefined, [...cell].map(() => true)] },
    ];
    expect(parse(rows).tasks[0]).toMatchObject({ hostUnits: ["区科技局"], coUnits: ["区财政局"] });
  });

  it("reads a notice's parenthetical pasted into the task cell", () => {
    const registry = parse(
      table(
        ["序号", "任务"],
        [
          "5",
          "加强食品药品安全监管。（牵头领导：谭丽娜。承办单位：区市场监督管理局，各镇街。完成时限：三季度末）",
        ],
      ),
    );
    expect(registry.problems).toEqual([]);
    expect(registry.tasks[0]).toMatchObject({
      text: "加强食品药品安全监管。",
      leaders: ["谭丽娜"],
      hostUnits: ["区市场监督管理局"],
      unitGroups: ["各镇街"],
      deadline: "2021-09-30",
    });
  });
});

describe("parseTaskTable: problems", () => {
  const messages = (rows: TableRow[]) => parse(rows).problems.map((p) => `${p.line}: ${p.message}`);
  it.each<[string, TableRow[], RegExp[]]>([
    ["no header row", table(["甲", "乙"], ["1", "建设"]), [/^0: .*表头/]],
    ["a row without leaders", table(HEADER, task("1", "甲", "", "区科技局")), [/^2: 未写明牵头领导/]],
    ["a row without units", table(HEADER, task("1", "甲", "张三", "", "")), [/^2: 未写明承办单位/]],
    [
      "a row with units but no task",
      table(HEADER, task("1", "甲", "张三", "区科技局"), task("2", "", "张三", "区科技局")),
      [/^3: .*任务列为空/],
    ],
    [
      "an unknown column with data",
      table([...HEADER, "备注"], [...task("1", "甲", "张三", "区科技局"), "已开工"]),
      [/^1: G列「备注」无法识别/],
    ],
    [
      "an unnamed column with data",
      table(HEADER, [...task("1", "甲", "张三", "区科技局"), "孤立"]),
      [/^1: G列没有列名/],
    ],
    [
      "a second task column",
      table([...HEADER, "工作内容"], [...task("1", "甲", "张三", "区科技局"), "乙"]),
      [/^1: G列「工作内容」与B列重复/],
    ],
    [
      "no 序号 column",
      table(HEADER.slice(1), task("", "甲", "张三", "区科技局").slice(1)),
      [/^1: .*没有“序号”列.*1至1/],
    ],
    [
      "no leader column",
      table(["序号", "任务", "承办单位"], ["1", "甲", "区科技局"], ["2", "乙", "区科技局"]),
      [/^1: .*没有牵头领导列/],
    ],
    ["no unit column", table(["序号", "任务", "牵头领导"], ["1", "甲", "张三"]), [/^1: .*没有责任单位列/]],
    ["a header and no tasks", table(HEADER, ["一、总体要求"]), [/^1: 表头之下没有任何任务行/]],
    [
      "a repeated 序号",
      table(HEADER, task("1", "甲", "张三", "区科技局"), task("1", "乙", "张三", "区科技局")),
      [/^3: 序号1与前面的任务重复/],
    ],
  ])("reports %s", (_label, rows, expected) => {
    expect(messages(rows)).toEqual(expected.map((pattern) => expect.stringMatching(pattern)));
  });

  it("does not report an unknown column that is empty", () => {
    expect(messages(table([...HEADER, "备注"], task("1", "甲", "张三", "区科技局")))).toEqual([]);
  });

  it("returns no tasks when the header is missing", () => {
    expect(parse(table(["甲", "乙"], ["1", "建设"])).tasks).toEqual([]);
  });

  it("numbers the rows 1.. when a 序号 is not a number, and says which", () => {
    const registry = parse(
      table(
        HEADER,
        task("3", "甲", "张三", "区科技局"),
        task("3-1", "乙", "张三", "区科技局"),
        task("", "丙", "张三", "区科技局"),
      ),
    );
    expect(registry.tasks.map((t) => t.no)).toEqual([1, 2, 3]);
    expect(registry.problems.map((p) => [p.line, p.message])).toEqual([
      [3, expect.stringMatching(/序号「3-1」不是数字/)],
      [4, expect.stringMatching(/^未填写序号/)],
    ]);
  });

  it("keeps printed numbers written as （1） or 2、", () => {
    const registry = parse(
      table(HEADER, task("（1）", "甲", "张三", "区科技局"), task("2、", "乙", "张三", "区科技局")),
    );
    expect(registry.tasks.map((t) => t.no)).toEqual([1, 2]);
    expect(registry.problems).toEqual([]);
  });
});
