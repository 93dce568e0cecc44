import ExcelJS from "exceljs";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readTableRows } from "../../../src/registry/read-table.js";
import { InputError } from "../../../src/shared/errors.js";

const utf8 = (text: string) => new TextEncoder().encode(text);
const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);
const withBom = (text: string) => new Uint8Array([...BOM, ...utf8(text)]);

/** GBK bytes for a text, from a reverse table built with the platform's own GB18030 decoder. */
function encodeGbk(text: string): Uint8Array {
  const decoder = new TextDecoder("gb18030");
  const table = new Map<string, [number, number]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail !== 0x7f) table.set(decoder.decode(new Uint8Array([lead, trail])), [lead, trail]);
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    const pair = table.get(ch);
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else if (pair) bytes.push(...pair);
    else throw new Error(`no GBK code for ${ch}`);
  }
  return new Uint8Array(bytes);
}

async function xlsx(build: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe("readTableRows: csv", () => {
  const table = "序号,任务,牵头领导\r\n1,加快建设,张三\r\n";
  it.each<[string, Uint8Array]>([
    ["UTF-8 without BOM", utf8(table)],
    ["UTF-8 with BOM (Excel's export)", withBom(table)],
    ["GBK", encodeGbk(table)],
    ["semicolons", utf8(table.replaceAll(",", ";"))],
    ["tabs", utf8(table.replaceAll(",", "\t"))],
  ])("reads %s", async (_label, bytes) => {
    expect(await readTableRows(bytes, "t.csv", "csv")).toEqual([
      { row: 1, cells: ["序号", "任务", "牵头领导"] },
      { row: 2, cells: ["1", "加快建设", "张三"] },
    ]);
  });

  it("keeps a quoted cell with line breaks in one row and numbers rows as Excel does", async () => {
    const text = '序号,任务\n\n1,"第一行\r\n第二行，含逗号"\n2,"带""引号"""\n,\n3,末行';
    expect(await readTableRows(utf8(text), "t.csv", "csv")).toEqual([
      { row: 1, cells: ["序号", "任务"] },
      { row: 3, cells: ["1", "第一行\n第二行，含逗号"] },
      { row: 4, cells: ["2", '带"引号"'] },
      { row: 6, cells: ["3", "末行"] },
    ]);
  });

  it("prefers the comma when a cell holds a semicolon", async () => {
    const rows = await readTableRows(utf8("任务,单位\n甲；乙,丙;丁\n"), "t.csv", "csv");
    expect(rows[1]?.cells).toEqual(["甲；乙", "丙;丁"]);
  });

  it.each<[string, Uint8Array]>([
    ["an empty file", new Uint8Array()],
    ["an unclosed quote", utf8('任务,单位\n"甲,乙\n')],
  ])("throws InputError for %s", async (_label, bytes) => {
    await expect(readTableRows(bytes, "bad.csv", "csv")).rejects.toThrow(InputError);
  });
});

describe("readTableRows: xlsx", () => {
  it("turns dates into calendar dates, formulas into results, rich text into text with bold", async () => {
    const bytes = await xlsx((workbook) => {
      const sheet = workbook.addWorksheet("任务");
      sheet.addRow(["序号", "任务", "承办单位", "完成时限", "进度"]);
      sheet.addRow([
        1,
        "建设厂房",
        { richText: [{ text: "区发展改革局", font: { bold: true } }, { text: "、区财政局" }] },
      ]);
      sheet.getCell("D2").value = new Date(Date.UTC(2021, 5, 30));
      // 23:30 on 30 June in Excel stays 30 June (the Asia/Shanghai day would be 1 July if shifted).
      sheet.getCell("D3").value = new Date(Date.UTC(2021, 5, 30, 23, 30));
      sheet.getCell("A3").value = { formula: "A2+1", result: 2 };
      sheet.getCell("B3").value = { text: "链接任务", hyperlink: "https://example.org" };
      sheet.getCell("E3").value = 0.25;
      sheet.getCell("E3").numFmt = "0%";
      sheet.getCell("C3").value = "区科技局";
      sheet.getCell("C3").font = { name: "黑体" };
    });
    const rows = await readTableRows(bytes, "t.xlsx", "xlsx");
    expect(rows.map((r) => [r.row, r.cells])).toEqual([
      [1, ["序号", "任务", "承办单位", "完成时限", "进度"]],
      [2, ["1", "建设厂房", "区发展改革局、区财政局", "2021-06-30"]],
      [3, ["2", "链接任务", "区科技局", "2021-06-30", "25%"]],
    ]);
    const bold = (flags: readonly boolean[] | undefined) =>
      (flags ?? []).map((b) => (b ? "#" : ".")).join("");
    expect(bold(rows[1]?.bold?.[2])).toBe("######.....");
    expect(bold(rows[2]?.bold?.[2])).toBe("####");
    expect(rows[0]?.bold).toBeUndefined();
  });

  it("spreads a vertical merge down its rows but keeps a horizontal merge in its first cell", async () => {
    const bytes = await xlsx((workbook) => {
      const sheet = workbook.addWorksheet("S");
      sheet.addRow(["序号", "任务", "牵头领导", "承办单位"]);
      sheet.addRow(["二、推动经济高质量发展"]);
      sheet.mergeCells("A2:D2");
      sheet.addRow([1, "甲", "谭丽娜", "区科技局"]);
      sheet.addRow([2, "乙", null, "区财政局"]);
      sheet.mergeCells("C3:C4");
    });
    const rows = await readTableRows(bytes, "t.xlsx", "xlsx");
    expect(rows.map((r) => r.cells)).toEqual([
      ["序号", "任务", "牵头领导", "承办单位"],
      ["二、推动经济高质量发展"],
      ["1", "甲", "谭丽娜", "区科技局"],
      ["2", "乙", "谭丽娜", "区财政局"],
    ]);
  });

  it("reads the first sheet that has a header row, skipping a cover sheet", async () => {
    const bytes = await xlsx((workbook) => {
      workbook.addWorksheet("说明").addRow(["填表说明：黑体为主办单位"]);
      const sheet = workbook.addWorksheet("分解表");
      sheet.addRow(["2021年任务分解表"]);
      sheet.addRow(["工作任务", "责任单位"]);
    });
    const rows = await readTableRows(bytes, "t.xlsx", "xlsx");
    expect(rows.map((r) => r.cells[0])).toEqual(["2021年任务分解表", "工作任务"]);
  });

  it("falls back to the first sheet when none has a header", async () => {
    const bytes = await xlsx((workbook) => {
      workbook.addWorksheet("A").addRow(["甲"]);
      workbook.addWorksheet("B").addRow(["乙"]);
    });
    expect((await readTableRows(bytes, "t.xlsx", "xlsx")).map((r) => r.cells)).toEqual([["甲"]]);
  });

  it.each<[string, Uint8Array]>([
    ["text", utf8("序号,任务")],
    ["a zip that is no workbook", zipSync({ "a.txt": strToU8("x") })],
  ])("throws InputError for %s", async (_label, bytes) => {
    await expect(readTableRows(bytes, "bad.xlsx", "xlsx")).rejects.toThrow(/bad\.xlsx.*Fix:/);
  });
});
