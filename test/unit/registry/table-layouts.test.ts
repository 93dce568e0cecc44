import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { toLines } from "../../../src/registry/decode-text.js";
import { extractIndicators } from "../../../src/registry/extract-indicators.js";
import { parseTaskTable } from "../../../src/registry/parse-task-table.js";
import { readHtml } from "../../../src/registry/read-html.js";
import { readNotice } from "../../../src/registry/read-notice.js";
import { readTextTable } from "../../../src/registry/read-text-table.js";

describe("readHtml", () => {
  it("carries rowspan cells down, keeps colspan cells under their column, decodes entities", () => {
    const blocks = readHtml(
      [
        "<html><head><title>不是正文</title><style>p{}</style></head><body>",
        "<p>关于&ldquo;重点任务&rdquo;的通知</p>",
        "<table><tr><th>序号</th><th>任务</th><th>牵头领导</th></tr>",
        '<tr><td colspan="3">一、稳定就业</td></tr>',
        '<tr><td>1</td><td>甲<br>乙</td><td rowspan="2">张三</td></tr>',
        "<tr><td>2</td><td>丙&nbsp;</td></tr>",
        "</table></body></html>",
      ].join("\n"),
    );
    expect(blocks).toEqual([
      { kind: "line", line: { text: "关于“重点任务”的通知", line: 2 } },
      {
        kind: "table",
        rows: [
          { row: 3, cells: ["序号", "任务", "牵头领导"] },
          { row: 4, cells: ["一、稳定就业", "", ""] },
          { row: 5, cells: ["1", "甲\n乙", "张三"] },
          { row: 6, cells: ["2", "丙", "张三"] },
        ],
      },
    ]);
  });
});

describe("readTextTable", () => {
  it("reads |-separated rows, drops the Markdown rule and fills 同上 from the row above", () => {
    const rows = readTextTable(
      toLines(
        ["| 序号 | 工作任务 | 牵头领导 |", "|---|---|---|", "| 1 | 甲 | 张三 |", "| 2 | 乙 | 同上 |"].join(
          "\n",
        ),
      ),
    );
    expect(rows?.map((r) => r.cells)).toEqual([
      ["序号", "工作任务", "牵头领导"],
      ["1", "甲", "张三"],
      ["2", "乙", "张三"],
    ]);
  });

  it("leaves a notice with labelled field lines to the notice grammar", () => {
    const notice = [
      "1.规模以上工业增加值增长9%。",
      "牵头单位：区工信局",
      "责任单位：高新区",
      "完成时限：年底前",
    ];
    expect(readTextTable(toLines(notice.join("\n")))).toBeUndefined();
  });
});

describe("extractIndicators: forms beyond the seed", () => {
  it.each([
    ["外贸进出口总额增长3%—5%", [3, "min"], [5, "max"]],
    ["外贸进出口总额增长3—5%", [3, "min"], [5, "max"]],
    ["森林覆盖率不低于35%", [35, "min"]],
    ["PM10年均浓度降至55微克/立方米以下", [55, "max"]],
    ["居民消费价格涨幅控制在3%以内", [3, "max"]],
    ["增长6%左右", [6, "exact"]],
    ["建成5G基站200个", [200, "min"]],
  ] as const)("%s", (text, ...expected) => {
    expect(extractIndicators(text).map((i) => [i.value, i.bound])).toEqual(expected);
  });
});

describe("readNotice: PDF", () => {
  it("refuses a scanned PDF (no text layer) with a message that says so and what to do", async () => {
    const path = new URL("../../fixtures/notices/scanned/scanned-notice.pdf", import.meta.url).pathname;
    await expect(readNotice(path)).rejects.toThrow(
      /no text layer \(it looks scanned.*Fix: import the \.docx or a text copy/,
    );
  });

  it("refuses a damaged PDF without crashing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "duban-pdf-"));
    const path = join(dir, "broken.pdf");
    writeFileSync(path, "%PDF-1.4\nnot really a pdf");
    await expect(readNotice(path)).rejects.toThrow(/the PDF cannot be opened/);
  });
});

describe("readTextTable: tabs", () => {
  it("reads cells copied out of Excel (tab-separated), but not tab-separated field lines", () => {
    const rows = readTextTable(
      toLines(["序号\t重点任务\t牵头单位", "1\t甲\t区财政局", "2\t乙\t区税务局"].join("\n")),
    );
    expect(rows?.map((r) => r.cells)).toEqual([
      ["序号", "重点任务", "牵头单位"],
      ["1", "甲", "区财政局"],
      ["2", "乙", "区税务局"],
    ]);
    const fields = [
      "1、工作任务目标。",
      "牵头领导：张三\t牵头单位：区财政局\t完成时限：年底前",
      "2、乙。",
      "牵头领导：李四\t牵头单位：区税务局\t完成时限：年底前",
    ];
    expect(readTextTable(toLines(fields.join("\n")))).toBeUndefined();
  });
});

describe("parseTaskTable: a unit marked （牵头） in the responsible column", () => {
  it("hosts, wherever it stands in the list", () => {
    const registry = parseTaskTable(
      [
        { row: 1, cells: ["序号", "重点任务", "责任单位"] },
        { row: 2, cells: ["1", "甲", "区财政局、区发改局（牵头）、各镇街"] },
      ],
      { now: new Date("2024-01-01T00:00:00Z"), year: 2024 },
    );
    expect(registry.tasks[0]).toMatchObject({
      hostUnits: ["区发改局"],
      coUnits: ["区财政局"],
      unitGroups: ["各镇街"],
    });
  });
});
