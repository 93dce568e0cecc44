import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { reportedDataDir } from "../helpers/reported-data-dir.js";
import { runBuiltCli } from "../helpers/service-process.js";
import { makeTempDir } from "../helpers/temp-dir.js";

/** Issue 14, item 3: `duban export` as an operator runs it, built, on a data dir seeded by `duban import`. */
const HR = "区人力资源和社会保障局";

async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

describe("duban export", () => {
  it("writes the ledger, says what it holds, and will not overwrite it without --force", async () => {
    const data = await reportedDataDir("duban-cli-export");
    const out = makeTempDir("duban-cli-export-out");
    const file = join(out.path, "台账.xlsx");
    const env = { DUBAN_DATA_DIR: data };
    try {
      const done = runBuiltCli(["export", file, "--at", "2021-04-06"], env);
      expect(done.stderr).toBe("");
      expect(done.code).toBe(0);
      expect(done.stdout).toMatch(
        new RegExp(
          `^已导出台账 ${file}（截至2021年4月6日，数据来自sqlite:${data}/duban.sqlite）：任务66项，任务与单位881行，记录1条；` +
            "工作表10个：“总表”“二、抓好常态化疫情防控”.*“九、加强政府自身建设”“记录”；文件大小\\d+\\.\\d KB。\n$",
        ),
      );
      const size = statSync(file).size;
      expect(done.stdout).toContain(`文件大小${(size / 1024).toFixed(1)} KB`);
      const overview = (await readWorkbook(file)).getWorksheet("总表") as ExcelJS.Worksheet;
      let row52: ExcelJS.Row | undefined;
      overview.eachRow((row) => {
        if (row.getCell(2).value === 52 && row.getCell(5).value === HR) row52 = row;
      });
      expect(row52?.getCell(12).value).toBe("70%\n—");
      expect(row52?.getCell(15).value).toBe("绿");

      const before = readFileSync(file);
      const again = runBuiltCli(["export", file], env);
      expect(again.code).toBe(1);
      expect(again.stderr).toBe(
        `duban: 文件“${file}”已存在，未覆盖。如需覆盖请加 --force，或换一个文件名。\n`,
      );
      expect(readFileSync(file).equals(before)).toBe(true);

      // --data-dir wins over DUBAN_DATA_DIR; --by leader gives each leader a sheet.
      const forced = runBuiltCli(
        ["export", file, "--force", "--by", "leader", "--at", "2021-04-06", "--data-dir", data],
        { DUBAN_DATA_DIR: join(out.path, "elsewhere") },
      );
      expect(forced.stderr).toBe("");
      expect(forced.code).toBe(0);
      expect(forced.stdout).toContain("工作表16个：“总表”“寇宁”“孙恒民”");
      const sheets = (await readWorkbook(file)).worksheets.map((s) => s.name);
      expect(sheets.slice(0, 3)).toEqual(["总表", "寇宁", "孙恒民"]);
    } finally {
      out.remove();
    }
    // Four runs of the built CLI, each a node start and a store: seconds each on a busy machine.
  }, 120_000);

  it("refuses, with what to fix, a store without a registry, a bad path and bad options", () => {
    const out = makeTempDir("duban-cli-export-bad");
    try {
      const empty = join(out.path, "empty");
      mkdirSync(empty);
      const env = { DUBAN_DATA_DIR: empty };
      const file = join(out.path, "台账.xlsx");

      const none = runBuiltCli(["export", file], env);
      expect(none.code).toBe(1);
      expect(none.stderr).toBe("duban: 尚未导入任务台账，无法导出。请先运行 duban import <通知文件>。\n");
      expect(() => statSync(file)).toThrow();

      const missing = join(out.path, "no", "such");
      const noDir = runBuiltCli(["export", join(missing, "台账.xlsx")], env);
      expect(noDir.code).toBe(1);
      expect(noDir.stderr).toBe(`duban: 文件夹“${missing}”不存在。请先创建该文件夹，或换一个路径。\n`);

      // A file where the folder should be.
      writeFileSync(join(out.path, "note.txt"), "");
      const underFile = runBuiltCli(["export", join(out.path, "note.txt", "台账.xlsx")], env);
      expect(underFile.code).toBe(1);
      expect(underFile.stderr).toContain(`文件夹“${join(out.path, "note.txt")}”不存在`);

      const folder = join(out.path, "folder.xlsx");
      mkdirSync(folder);
      const isDir = runBuiltCli(["export", folder, "--force"], env);
      expect(isDir.code).toBe(1);
      expect(isDir.stderr).toContain(`“${folder}”是一个文件夹`);

      expect(runBuiltCli(["export", join(out.path, "台账.xls")], env).stderr).toBe(
        `duban: “${join(out.path, "台账.xls")}”不是 .xlsx 文件名。请写以 .xlsx 结尾的文件名，如 台账.xlsx。\n`,
      );
      expect(runBuiltCli(["export", file, "--by", "unit"], env).stderr).toBe(
        "duban: --by 只能是 section（按部分分表）或 leader（按牵头领导分表），而不是“unit”。\n",
      );
      const badAt = runBuiltCli(["export", file, "--at", "2021-4-6"], env);
      expect(badAt.code).toBe(1);
      expect(badAt.stderr).toBe("duban: --at 应为日期 YYYY-MM-DD（如 2021-04-06），而不是“2021-4-6”。\n");
    } finally {
      out.remove();
    }
  }, 120_000);
});
