import { describe, expect, it } from "vitest";
import { toLines } from "../../../src/registry/decode-text.js";
import { readTableYear } from "../../../src/registry/find-table-year.js";
import { parseRowsWithYear } from "../../../src/registry/parse-with-year.js";
import { findNoticeYear } from "../../../src/registry/read-notice-header.js";
import type { TableRow } from "../../../src/registry/table-row.js";
import { parseText } from "../../helpers/notice.js";

const TASK = "1、年底前完成。（牵头领导：寇宁。承办单位：区财政局）";
const yearOf = (...lines: string[]) => findNoticeYear(toLines(lines.join("\n")));
const rows = (...cells: string[][]): TableRow[] => cells.map((c, i) => ({ row: i + 1, cells: c }));
const HEADER = ["序号", "重点任务", "牵头领导", "承办单位", "完成时限"];

describe("findNoticeYear: the year a notice is for, and where it says so", () => {
  it("trusts the title over the document number, and the document number over the date of issue", () => {
    const signed = ["某区人民政府", "2022年12月30日"];
    expect(yearOf("某政发〔2022〕9号", "关于2023年重点工作的通知", "一、发展", TASK, ...signed)).toEqual({
      year: 2023,
      source: "title",
      evidence: "关于2023年重点工作的通知",
    });
    expect(yearOf("某政发［2023］9号", "关于重点工作的通知", "一、发展", TASK, ...signed)).toMatchObject({
      year: 2023,
      source: "docNo",
      evidence: "某政发［2023］9号",
    });
    expect(yearOf("关于重点工作的通知", "一、发展", TASK, ...signed)).toMatchObject({
      year: 2022,
      source: "issuedOn",
    });
  });

  it("falls back to the year most of the body names, ignoring implausible years", () => {
    const body = [
      "一、发展",
      "1、2024年建成。",
      "2、2024年6月底前完成，到2030年全覆盖。",
      "3、纪念1921年以来的历程。",
    ];
    expect(yearOf("关于重点工作的通知", ...body)).toEqual({
      year: 2024,
      source: "body",
      evidence: "",
      count: 2,
    });
  });

  it("finds nothing, rather than guessing, when the notice names no year", () => {
    expect(yearOf("关于重点工作的通知", "一、发展", TASK)).toBeUndefined();
  });

  it("gives the parser the same year: a notice dated only by its 文号 resolves 年底前 in that year", () => {
    const registry = parseText(["某政发〔2023〕5号", "关于重点工作的通知", "一、发展", TASK].join("\n"));
    expect(registry.document.year).toBe(2023);
    expect(registry.tasks[0]?.deadline).toBe("2023-12-31");
  });
});

describe("readTableYear: a task table's year and where it was read", () => {
  it("reads its dated cells first, then a title row, a document number, the body, and the file's name", () => {
    expect(
      readTableYear(rows(["2023年任务表"], HEADER, ["1", "建成", "寇宁", "区财政局", "2024-06-30"])),
    ).toEqual({
      year: 2024,
      source: "cells",
      evidence: "",
      count: 1,
    });
    expect(
      readTableYear(rows(["2023年任务表"], HEADER, ["1", "建成", "寇宁", "区财政局", "年底前"])),
    ).toMatchObject({
      year: 2023,
      source: "title",
    });
    expect(
      readTableYear(rows(["某政办发〔2025〕3号"], HEADER, ["1", "建成", "寇宁", "区财政局", "年底前"])),
    ).toMatchObject({ year: 2025, source: "docNo" });
    expect(readTableYear(rows(HEADER, ["1", "2026年建成", "寇宁", "区财政局", "年底前"]))).toMatchObject({
      year: 2026,
      source: "body",
    });
    const bare = rows(HEADER, ["1", "建成", "寇宁", "区财政局", "年底前"]);
    expect(readTableYear(bare, "/data/2027年分解表.xlsx")).toEqual({
      year: 2027,
      source: "fileName",
      evidence: "2027年分解表.xlsx",
    });
    expect(readTableYear(bare, "/data/分解表.xlsx")).toBeUndefined();
  });
});

describe("parseRowsWithYear: a table inside a notice takes the notice's year first", () => {
  const table = rows(HEADER, ["1", "建成", "寇宁", "区财政局", "2024年6月底前"]);

  it("prefers the title around the table to the table's own dates, and resolves deadlines in that year", () => {
    const around = toLines("某政发〔2023〕5号\n关于2023年重点工作的通知");
    const parsed = parseRowsWithYear(table, "notice.docx", undefined, around);
    expect(parsed.year).toMatchObject({ year: 2023, source: "title" });
    expect(parsed.content.kind).toBe("rows");
    expect(parseRowsWithYear(table, "notice.docx").year).toMatchObject({ year: 2024, source: "cells" });
  });

  it("asks for --year when neither the table nor the notice around it names one", () => {
    const bare = rows(HEADER, ["1", "建成", "寇宁", "区财政局", "年底前"]);
    expect(() => parseRowsWithYear(bare, "tasks.csv", undefined, toLines("关于重点工作的通知"))).toThrow(
      /--year/,
    );
    expect(parseRowsWithYear(bare, "tasks.csv", 2025).registry.tasks[0]?.deadline).toBe("2025-12-31");
  });
});
