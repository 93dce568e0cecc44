import { join } from "node:path";
import ExcelJS from "exceljs";
import { XMLValidator } from "fast-xml-parser";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indexDirectory } from "../../src/directory/directory-index.js";
import { assessUnit } from "../../src/lights/assess-unit.js";
import { computeAssignments } from "../../src/registry/compute-assignments.js";
import { exportLedger, type LedgerExport } from "../../src/reports/ledger/export-ledger.js";
import type { LedgerGrouping } from "../../src/reports/ledger/group-rows.js";
import type { LedgerSources } from "../../src/reports/ledger/ledger-sources.js";
import type { NewProgressReport } from "../../src/store/progress-report.js";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { loadUnitView } from "../../src/unit-view/load-unit-view.js";
import { demoDirectory, importSeed, seedLedgerSources } from "../helpers/seed-world.js";
import { makeTempDir } from "../helpers/temp-dir.js";

/**
 * Issue 14, item 3: the Excel ledger over the seed (66 tasks, 881 units' parts) with a month of
 * records in a real SQLite store, written by exceljs and read back by it, and its zip and XML
 * checked part by part (Excel repairs and WPS refuses a malformed part).
 */
const HR = "区人力资源和社会保障局";
const VETERANS = "区退役军人事务局";
const HEALTH = "区卫生健康局";
const INDUSTRY = "区工业和信息化局";
const MARKET = "区市场监督管理局";
const FINANCE = "区财政局";
const ID = {
  hr: "wecom:demo.u06.contact", // 徐勇
  veterans: "wecom:demo.u54.contact", // 赵宏伟
  health: "wecom:demo.u02.contact", // 张立新
  industry: "wecom:demo.u08.contact", // 高光明
  market: "wecom:demo.u03.contact", // 陈伟
  admin1: "wecom:demo.admin1", // 袁振华
  admin2: "wecom:demo.admin2", // 邓桂芳
};
/** Tuesday 6 April 2021: March's reports were due on Thursday 25 March. */
const AS_OF = "2021-04-06";
const NOTE_WITH_BELL = "退役军人专场招聘会场地未落实\u0007，需协调";

const dir = makeTempDir("duban-ledger");
let store: SqliteStore;
let sources: LedgerSources;

function report(
  taskNo: number,
  unit: string,
  reportedBy: string,
  reportedAt: string,
  fields: Partial<NewProgressReport> = {},
): NewProgressReport {
  return {
    taskNo,
    unit,
    cycle: "2021-03",
    reportedBy,
    reportedAt,
    status: "on-track",
    values: [],
    note: "",
    source: "card",
    ...fields,
  };
}

async function request(
  id: string,
  fields: { kind: "completion" | "extension"; taskNo: number; unit: string; by: string; at: string },
  extra: { newDeadline?: string; reason?: string } = {},
) {
  await store.requests.create({
    id,
    kind: fields.kind,
    taskNo: fields.taskNo,
    unit: fields.unit,
    requestedBy: fields.by,
    requestedAt: fields.at,
    ...extra,
  });
}

beforeAll(async () => {
  store = new SqliteStore({ path: join(dir.path, "duban.sqlite") });
  await importSeed(store);
  const p = store.progress;
  // 52: the host signs and reports 4200 of its 6000 jobs; the co-unit reports a difficulty.
  await p.append(report(52, HR, ID.hr, "2021-03-22T02:00:00.000Z", { status: "acknowledged" }));
  await p.append(
    report(52, HR, ID.hr, "2021-03-24T02:00:00.000Z", {
      values: [{ indicator: 0, value: 4200, unit: "人" }],
      note: "新增就业稳步推进",
      source: "text",
    }),
  );
  await p.append(
    report(52, VETERANS, ID.veterans, "2021-03-23T03:00:00.000Z", {
      status: "difficulty",
      note: NOTE_WITH_BELL,
    }),
  );
  // 53: reported, asked to close, approved.
  await p.append(report(53, HR, ID.hr, "2021-03-24T02:30:00.000Z"));
  await request("r53", {
    kind: "completion",
    taskNo: 53,
    unit: HR,
    by: ID.hr,
    at: "2021-03-25T01:00:00.000Z",
  });
  await store.requests.decide("r53", {
    decision: "approved",
    decidedBy: ID.admin1,
    decidedAt: "2021-03-26T02:00:00.000Z",
  });
  // 6: 5亿元 of the 农机 target of 30亿元, behind 序时进度; given until 31 January 2022.
  await p.append(
    report(6, INDUSTRY, ID.industry, "2021-03-24T03:00:00.000Z", {
      values: [{ indicator: 0, value: 5, unit: "亿元" }],
    }),
  );
  await request(
    "r6",
    { kind: "extension", taskNo: 6, unit: INDUSTRY, by: ID.industry, at: "2021-03-29T02:00:00.000Z" },
    { newDeadline: "2022-01-31", reason: "受疫情影响，部分项目延后开工" },
  );
  await store.requests.decide("r6", {
    decision: "approved",
    decidedBy: ID.admin2,
    decidedAt: "2021-03-30T02:00:00.000Z",
  });
  // 2: asked to close, sent back.
  await p.append(report(2, HEALTH, ID.health, "2021-03-24T04:00:00.000Z"));
  await request("r2", {
    kind: "completion",
    taskNo: 2,
    unit: HEALTH,
    by: ID.health,
    at: "2021-03-26T01:00:00.000Z",
  });
  await store.requests.decide("r2", {
    decision: "returned",
    decidedBy: ID.admin1,
    decidedAt: "2021-03-29T01:00:00.000Z",
    note: "佐证材料不全，请补充",
  });
  // 5: an extension asked on 1 April and approved on 9 April, after the ledger's day.
  await p.append(report(5, MARKET, ID.market, "2021-03-24T05:00:00.000Z"));
  await request(
    "r5",
    { kind: "extension", taskNo: 5, unit: MARKET, by: ID.market, at: "2021-04-01T02:00:00.000Z" },
    { newDeadline: "2022-03-31" },
  );
  await store.requests.decide("r5", {
    decision: "approved",
    decidedBy: ID.admin1,
    decidedAt: "2021-04-09T02:00:00.000Z",
  });
  // 12: the office reports for the unit (代报).
  await p.append(
    // U+FFFF, pasted along, is no XML character: exceljs would write it as it is.
    report(12, FINANCE, ID.admin1, "2021-03-25T06:00:00.000Z", {
      proxy: true,
      note: "电话报送：资金已拨付\uFFFF",
    }),
  );
  // 3: a report after the ledger's day.
  await p.append(report(3, HEALTH, ID.health, "2021-04-08T02:00:00.000Z", { cycle: "2021-04" }));

  sources = seedLedgerSources(store);
});
afterAll(async () => {
  await store.close();
  dir.remove();
});

/** Each export once per file (the store does not change after beforeAll): they take a second or two. */
const exports = new Map<string, Promise<{ result: LedgerExport; workbook: ExcelJS.Workbook }>>();

function exported(date: string, by: LedgerGrouping = "section") {
  const key = `${date}/${by}`;
  let done = exports.get(key);
  if (!done) {
    done = (async () => {
      const result = await exportLedger(sources, { date, by });
      if (!result) throw new Error("no registry");
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(result.bytes) as unknown as ExcelJS.Buffer);
      return { result, workbook };
    })();
    exports.set(key, done);
  }
  return done;
}

/** A sheet's data rows (below the title and header rows), each as its cells' values by header. */
function table(sheet: ExcelJS.Worksheet) {
  const header = (sheet.getRow(2).values as unknown[]).slice(1).map(String);
  const rows: { number: number; row: ExcelJS.Row; cell: Record<string, unknown> }[] = [];
  sheet.eachRow((row, number) => {
    if (number <= 2) return;
    const cell: Record<string, unknown> = {};
    header.forEach((name, index) => {
      cell[name] = row.getCell(index + 1).value;
    });
    rows.push({ number, row, cell });
  });
  return { header, rows };
}

function find(sheet: ExcelJS.Worksheet, taskNo: number, unit: string) {
  const found = table(sheet).rows.find((r) => r.cell.序号 === taskNo && r.cell.责任单位 === unit);
  if (!found) throw new Error(`no row for ${taskNo} ${unit}`);
  return found;
}

const fillOf = (cell: ExcelJS.Cell) => (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;

describe("the Excel ledger", () => {
  it("writes 总表, a sheet per section and 记录, each with a frozen, filtered header and A4 landscape print setup", async () => {
    const { result, workbook } = await exported(AS_OF);
    expect(result).toMatchObject({ date: AS_OF, tasks: 66, rows: 881 });
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      "总表",
      "二、抓好常态化疫情防控",
      "三、推动经济高质量发展",
      "四、建设生态宜居城市",
      "五、推进乡村全面振兴",
      "六、深化改革开放",
      "七、守住风险底线",
      "八、改善人民生活品质",
      "九、加强政府自身建设",
      "记录",
    ]);
    expect(result.sheets).toEqual(workbook.worksheets.map((s) => s.name));
    const overview = workbook.getWorksheet("总表") as ExcelJS.Worksheet;
    expect(overview.getCell("A1").value).toBe(
      "《关于分解落实2021年政府工作报告任务目标的通知》任务落实台账（截至2021年4月6日）",
    );
    expect(table(overview).header).toEqual([
      "部分",
      "序号",
      "任务",
      "牵头领导",
      "责任单位",
      "主办/协办",
      "完成时限",
      "延期",
      "指标",
      "目标",
      "实际",
      "完成率",
      "序时进度",
      "状态",
      "灯色",
      "亮灯原因",
      "最近报送日期",
      "最近报送",
    ]);
    expect(table(overview).rows).toHaveLength(881);
    // Each section's sheet holds its section's rows, and together they are 总表.
    let sectionRows = 0;
    for (const sheet of workbook.worksheets.slice(1, -1)) {
      const { rows } = table(sheet);
      expect(rows.every((r) => r.cell.部分 === sheet.name)).toBe(true);
      sectionRows += rows.length;
    }
    expect(sectionRows).toBe(881);

    for (const sheet of workbook.worksheets) {
      const last = sheet.name === "记录" ? "H" : "R";
      expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 2, xSplit: 0 });
      expect(sheet.autoFilter).toBe(`A2:${last}${sheet.rowCount}`);
      expect(sheet.pageSetup).toMatchObject({
        paperSize: 9,
        orientation: "landscape",
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: "2:2",
      });
      expect(sheet.getColumn(1).width).toBeGreaterThan(5);
    }
  });

  it("shows task 52's host with 4200 of 6000 jobs as 70% and green, and its co-unit's difficulty as yellow", async () => {
    const overview = (await exported(AS_OF)).workbook.getWorksheet("总表") as ExcelJS.Worksheet;
    const { cell, row } = find(overview, 52, HR);
    expect(cell).toMatchObject({
      部分: "八、改善人民生活品质",
      牵头领导: "屈耀武、张修斌",
      "主办/协办": "主办",
      延期: "",
      指标: "1. 城镇新增就业\n2. 城镇登记失业率",
      目标: "6000人\n3%以内",
      实际: "4200人\n未报送",
      完成率: "70%\n—",
      状态: "推进中",
      灯色: "绿",
      亮灯原因: "按期推进",
      最近报送: "3月24日：城镇新增就业4200人",
    });
    expect(cell.任务).toMatch(/^统筹抓好高校毕业生.*城镇登记失业率控制在3%以内。$/);
    // Real Excel dates, reading as Beijing time; 序时进度 a fraction shown as a percent.
    expect(cell.完成时限).toEqual(new Date("2021-12-31T00:00:00Z"));
    expect(row.getCell(7).numFmt).toBe('yyyy"年"m"月"d"日"');
    expect(cell.最近报送日期).toEqual(new Date("2021-03-24T10:00:00Z"));
    expect(row.getCell(17).numFmt).toBe('yyyy"年"m"月"d"日" hh:mm');
    expect(row.getCell(13).numFmt).toBe("0.0%");
    expect(cell.序时进度).toBeCloseTo(0.252, 3);
    expect(fillOf(row.getCell(15))).toBe("FF00B050");

    const co = find(overview, 52, VETERANS);
    expect(co.cell).toMatchObject({
      "主办/协办": "协办",
      实际: "—\n—",
      状态: "推进中",
      灯色: "黄",
      // The bell character the note came with is gone from the cell.
      亮灯原因: "反映困难：退役军人专场招聘会场地未落实，需协调",
    });
    expect(fillOf(co.row.getCell(15))).toBe("FFFFFF00");
  });

  it("shows states, extensions and reds as of the day: later records and decisions are left out", async () => {
    const overview = (await exported(AS_OF)).workbook.getWorksheet("总表") as ExcelJS.Worksheet;
    expect(find(overview, 53, HR).cell).toMatchObject({ 状态: "已办结", 灯色: "绿", 亮灯原因: "已办结" });
    expect(find(overview, 2, HEALTH).cell).toMatchObject({ 状态: "退回" });
    const industry = find(overview, 6, INDUSTRY);
    expect(industry.cell).toMatchObject({
      完成时限: new Date("2022-01-31T00:00:00Z"),
      延期: "延期1次（原定2021年12月31日，延至2022年1月31日）",
      实际: "5亿元\n未报送\n未报送\n未报送\n未报送",
      完成率: "16.7%\n—\n—\n—\n—",
      灯色: "黄",
    });
    expect(industry.cell.亮灯原因).toMatch(/^农机产业产值完成16\.7%，落后序时进度[\d.]+个百分点$/);
    // Approved on 9 April: on the 6th it waits, and the deadline stands.
    expect(find(overview, 5, MARKET).cell).toMatchObject({
      完成时限: new Date("2021-12-31T00:00:00Z"),
      延期: "申请延至2022年3月31日，待审核",
    });
    // Reported on 8 April: on the 6th March's report is missing.
    const late = find(overview, 3, HEALTH);
    expect(late.cell).toMatchObject({
      状态: "待签收",
      灯色: "红",
      亮灯原因: "报送逾期7个工作日",
      最近报送: "尚未报送",
    });
    expect(late.cell.最近报送日期).toBeNull();
    expect(fillOf(late.row.getCell(15))).toBe("FFFF0000");

    // A week later both have happened.
    const later = (await exported("2021-04-12")).workbook.getWorksheet("总表") as ExcelJS.Worksheet;
    expect(find(later, 5, MARKET).cell).toMatchObject({
      完成时限: new Date("2022-03-31T00:00:00Z"),
      延期: "延期1次（原定2021年12月31日，延至2022年3月31日）",
    });
    expect(find(later, 3, HEALTH).cell).toMatchObject({ 状态: "推进中", 最近报送: "4月8日：正常推进" });
  });

  it("lists every report, request and decision in 记录 with its time, unit, person and content", async () => {
    const history = (await exported(AS_OF)).workbook.getWorksheet("记录") as ExcelJS.Worksheet;
    expect(history.getCell("A1").value).toBe(
      "《关于分解落实2021年政府工作报告任务目标的通知》进展报送与审核记录（截至2021年4月6日）",
    );
    const { header, rows } = table(history);
    expect(header).toEqual(["时间", "序号", "任务", "责任单位", "事项", "经办人", "报送周期", "内容"]);
    const line = (r: (typeof rows)[number]) =>
      [
        (r.cell.时间 as Date).toISOString().slice(0, 16),
        r.cell.序号,
        r.cell.责任单位,
        r.cell.事项,
        r.cell.经办人,
        r.cell.报送周期,
        r.cell.内容,
      ].join(" | ");
    expect(rows.map(line)).toEqual([
      `2021-03-22T10:00 | 52 | ${HR} | 签收 | 徐勇 | 2021年3月 | `,
      `2021-03-23T11:00 | 52 | ${VETERANS} | 反映困难 | 赵宏伟 | 2021年3月 | 退役军人专场招聘会场地未落实，需协调`,
      `2021-03-24T10:00 | 52 | ${HR} | 报送进展 | 徐勇 | 2021年3月 | 城镇新增就业4200人；新增就业稳步推进`,
      `2021-03-24T10:30 | 53 | ${HR} | 报送进展 | 徐勇 | 2021年3月 | `,
      `2021-03-24T11:00 | 6 | ${INDUSTRY} | 报送进展 | 高光明 | 2021年3月 | 农机产业产值5亿元`,
      `2021-03-24T12:00 | 2 | ${HEALTH} | 报送进展 | 张立新 | 2021年3月 | `,
      `2021-03-24T13:00 | 5 | ${MARKET} | 报送进展 | 陈伟 | 2021年3月 | `,
      `2021-03-25T09:00 | 53 | ${HR} | 申请办结 | 徐勇 |  | `,
      `2021-03-25T14:00 | 12 | ${FINANCE} | 报送进展 | 袁振华（督考办代报） | 2021年3月 | 电话报送：资金已拨付`,
      `2021-03-26T09:00 | 2 | ${HEALTH} | 申请办结 | 张立新 |  | `,
      `2021-03-26T10:00 | 53 | ${HR} | 批准办结 | 袁振华 |  | `,
      `2021-03-29T09:00 | 2 | ${HEALTH} | 退回办结申请 | 袁振华 |  | 佐证材料不全，请补充`,
      `2021-03-29T10:00 | 6 | ${INDUSTRY} | 申请延期 | 高光明 |  | 申请延至2022年1月31日；理由：受疫情影响，部分项目延后开工`,
      `2021-03-30T10:00 | 6 | ${INDUSTRY} | 批准延期 | 邓桂芳 |  | 延至2022年1月31日`,
      `2021-04-01T10:00 | 5 | ${MARKET} | 申请延期 | 陈伟 |  | 申请延至2022年3月31日`,
    ]);
    expect(rows[0]?.row.getCell(1).numFmt).toBe('yyyy"年"m"月"d"日" hh:mm');
    expect(rows[0]?.cell.任务).toBe("统筹抓好高校毕业生、退役军人、农民工、失业人员…");
  });

  it("gives each leader a sheet of the tasks he or she leads with --by leader", async () => {
    const { result, workbook } = await exported(AS_OF, "leader");
    const names = workbook.worksheets.map((s) => s.name);
    expect(names).toEqual([
      "总表",
      "寇宁",
      "孙恒民",
      "谭丽娜",
      "闫峰",
      "屈耀武",
      "李翠玲",
      "龚标",
      "王天祥",
      "郭玉清",
      "王从奇",
      "邱培友",
      "戴宪亭",
      "张修斌",
      "马刚",
      "记录",
    ]);
    expect(result.sheets).toEqual(names);
    for (const sheet of workbook.worksheets.slice(1, -1)) {
      const { rows } = table(sheet);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => String(r.cell.牵头领导).split("、").includes(sheet.name))).toBe(true);
    }
    const kou = workbook.getWorksheet("寇宁") as ExcelJS.Worksheet;
    expect(kou.getCell("A1").value).toBe(
      "《关于分解落实2021年政府工作报告任务目标的通知》任务落实台账：寇宁（截至2021年4月6日）",
    );
    // Task 1 is led by 寇宁 and 孙恒民: on both sheets.
    expect(table(kou).rows.some((r) => r.cell.序号 === 1)).toBe(true);
    expect(
      table(workbook.getWorksheet("孙恒民") as ExcelJS.Worksheet).rows.some((r) => r.cell.序号 === 1),
    ).toBe(true);
  });

  it("colours every row as the lights do for /task and the reminder cards (unit view and light, unit by unit)", async () => {
    const date = "2021-04-12";
    const overview = (await exported(date)).workbook.getWorksheet("总表") as ExcelJS.Worksheet;
    const current = await store.registry.current();
    if (!current) throw new Error("no registry");
    const { registry } = current;
    const assignments = computeAssignments(registry, indexDirectory(demoDirectory));
    const context = { date, start: registry.document.issuedOn, year: registry.document.year };
    const words = { red: "红", yellow: "黄", green: "绿" } as const;
    const counts = { red: 0, yellow: 0, green: 0 };
    const rows = table(overview).rows;
    expect(rows).toHaveLength(assignments.length);
    for (const { cell } of rows) {
      const task = registry.tasks.find((t) => t.no === cell.序号);
      if (!task) throw new Error(`no task ${cell.序号}`);
      const ofTask = assignments.filter((a) => a.taskNo === task.no);
      const view = await loadUnitView(store, task, String(cell.责任单位), ofTask);
      const light = assessUnit(view, context, sources);
      expect([cell.序号, cell.责任单位, cell.灯色, cell.亮灯原因]).toEqual([
        task.no,
        view.unit,
        words[light.color],
        // A cell holds no control character (the scenario's difficulty note has one).
        light.reasons.join("；").replace("\u0007", ""),
      ]);
      counts[light.color]++;
    }
    // Nobody else reported: green for 52, 53, 2, 5, 12 and 3 (April's report covers March's),
    // yellow for 52's difficulty and 6's pace, red for the 873 others.
    expect(counts).toEqual({ red: 873, yellow: 2, green: 6 });
  });

  it("writes a well-formed zip of well-formed XML parts, with values only and no control characters", async () => {
    const { result, workbook } = await exported(AS_OF);
    const parts = unzipSync(result.bytes);
    const names = Object.keys(parts);
    expect(names).toEqual(
      expect.arrayContaining([
        "[Content_Types].xml",
        "_rels/.rels",
        "xl/workbook.xml",
        "xl/styles.xml",
        "xl/sharedStrings.xml",
        "xl/worksheets/sheet1.xml",
        "xl/worksheets/sheet10.xml",
      ]),
    );
    for (const name of names.filter((n) => /\.(xml|rels)$/.test(n))) {
      const xml = strFromU8(parts[name] as Uint8Array);
      expect([name, XMLValidator.validate(xml)]).toEqual([name, true]);
      expect([name, /<f[ >]/.test(xml)]).toEqual([name, false]);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for them is the point.
      expect([name, /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(xml)]).toEqual([name, false]);
    }
    // The repeated header rows are named per sheet, as Excel reads them.
    const book = strFromU8(parts["xl/workbook.xml"] as Uint8Array);
    expect(book).toContain(
      `<definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;总表&apos;!$2:$2</definedName>`,
    );
    let formulas = 0;
    for (const sheet of workbook.worksheets)
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Formula) formulas++;
        }),
      );
    expect(formulas).toBe(0);
  });
});
