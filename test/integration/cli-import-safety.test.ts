import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SEED_PATH } from "../helpers/notice.js";
import { runCli } from "../helpers/run-cli.js";

/** Each case runs the real CLI several times, a few seconds each on a loaded machine. */
const SLOW = { timeout: 120_000 };

const freshDataDir = () => mkdtempSync(join(tmpdir(), "duban-import-safety-"));
const seedText = () => readFileSync(SEED_PATH, "utf8");

/** A data dir holding the seed's 66 tasks, as an office would have it after its first import. */
function seededDataDir(): string {
  const dataDir = freshDataDir();
  const first = runCli(["import", SEED_PATH], { DUBAN_DATA_DIR: dataDir });
  expect(first.code).toBe(0);
  return dataDir;
}

/** Re-importing the seed changes nothing exactly when the stored registry is still the seed's. */
function expectSeedStillStored(dataDir: string): void {
  const again = runCli(["import", SEED_PATH, "--dry-run"], { DUBAN_DATA_DIR: dataDir });
  expect(again.code).toBe(0);
  expect(again.stdout).toContain("新增0项，变更0项，删除0项，未变66项");
}

function write(dataDir: string, name: string, text: string): string {
  const path = join(dataDir, name);
  writeFileSync(path, text);
  return path;
}

describe("duban import never loses a registry to a bad file", SLOW, () => {
  it("refuses a notice from which no task could be read, and leaves the 66 stored tasks as they were", () => {
    const dataDir = seededDataDir();
    const empty = write(dataDir, "empty.txt", "关于2021年有关工作的通知\n\n请各单位认真抓好落实。\n");
    const result = runCli(["import", empty], { DUBAN_DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("未读取到任何任务，未作任何更改");
    expect(result.stdout).toContain("读取任务：0项");
    expect(result.stdout).toContain("未保存，原有台账保留。");
    expect(result.stdout).not.toContain("已保存到");
    // Neither --replace nor --json makes an empty registry acceptable; --json still shows what was read.
    const json = runCli(["import", empty, "--replace", "--json"], { DUBAN_DATA_DIR: dataDir });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).tasks).toEqual([]);
    // Nor does a file that cannot be read at all.
    const broken = write(dataDir, "broken.docx", "PK\u0003\u0004 not really a zip");
    expect(runCli(["import", broken], { DUBAN_DATA_DIR: dataDir }).code).toBe(1);
    expectSeedStillStored(dataDir);
  });

  it("refuses a notice that would remove most stored tasks unless --replace is given, showing what goes", () => {
    const dataDir = seededDataDir();
    const shortened = seedText()
      .split("\n")
      .filter((line) => !/^(\d+)、/.test(line) || Number(/^(\d+)、/.exec(line)?.[1]) <= 10)
      .join("\n");
    const file = write(dataDir, "ten-tasks.txt", shortened);

    const refused = runCli(["import", file], { DUBAN_DATA_DIR: dataDir });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain("删除56项");
    expect(refused.stdout).toContain("－第11–66项（已登记的进展保留）");
    expect(refused.stderr).toContain("将删除已登记66项任务中的56项");
    expect(refused.stderr).toContain("--replace");
    expectSeedStillStored(dataDir);

    const dryRun = runCli(["import", file, "--dry-run"], { DUBAN_DATA_DIR: dataDir });
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toContain("--replace");
    expectSeedStillStored(dataDir);

    // A revision that drops a couple of tasks is an ordinary re-import.
    const revised = write(
      dataDir,
      "revised.txt",
      seedText()
        .replace(/^66、.*$/m, "")
        .replace(/^65、.*$/m, ""),
    );
    const ordinary = runCli(["import", revised], { DUBAN_DATA_DIR: dataDir });
    expect(ordinary.code).toBe(0);
    expect(ordinary.stdout).toContain("删除2项");

    const replaced = runCli(["import", file, "--replace"], { DUBAN_DATA_DIR: dataDir });
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toContain("删除54项");
    expect(replaced.stdout).toContain("已保存到");
    const after = runCli(["import", SEED_PATH, "--dry-run"], { DUBAN_DATA_DIR: dataDir });
    expect(after.stdout).toContain("新增56项，变更0项，删除0项，未变10项");
  });

  it("refuses a notice for another year than the stored one unless --replace is given", () => {
    const dataDir = seededDataDir();
    const refused = runCli(["import", SEED_PATH, "--year", "2022"], { DUBAN_DATA_DIR: dataDir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("年度（2022年）与已登记台账的年度（2021年）不同");
    expect(refused.stderr).toContain("--replace");
    expectSeedStillStored(dataDir);
    const replaced = runCli(["import", SEED_PATH, "--year", "2022", "--replace"], {
      DUBAN_DATA_DIR: dataDir,
    });
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toContain("年度：2022年（按 --year 指定；文件中写的是2021年）");
  });
});

const TASK = "1、年底前建成一批示范项目。（牵头领导：寇宁。承办单位：区财政局）";

describe("duban import reads the year from the notice, never from the clock", SLOW, () => {
  it("refuses a notice that names no year anywhere, asking for --year", () => {
    const dataDir = freshDataDir();
    const file = write(
      dataDir,
      "no-year.txt",
      ["关于分解落实政府工作报告任务的通知", "", "一、推动发展", TASK].join("\n"),
    );
    const refused = runCli(["import", file], { DUBAN_DATA_DIR: dataDir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("未能确定任务所属年度");
    expect(refused.stderr).toContain("--year");
    expect(refused.stdout).toBe("");

    const given = runCli(["import", file, "--year", "2023", "--json"], { DUBAN_DATA_DIR: dataDir });
    expect(given.code).toBe(0);
    expect(JSON.parse(given.stdout).tasks[0].deadline).toBe("2023-12-31");
  });

  it("takes the year from the document number when the title names none, and says so", () => {
    const dataDir = freshDataDir();
    const text = [
      "某政发〔2023〕5号",
      "",
      "关于分解落实政府工作报告任务的通知",
      "",
      "一、推动发展",
      TASK,
    ].join("\n");
    const file = write(dataDir, "doc-no.txt", text);
    const summary = runCli(["import", file, "--dry-run"], { DUBAN_DATA_DIR: dataDir });
    expect(summary.code).toBe(0);
    expect(summary.stdout).toContain("年度：2023年（取自文号某政发〔2023〕5号）");
    const json = runCli(["import", file, "--json"], { DUBAN_DATA_DIR: dataDir });
    const registry = JSON.parse(json.stdout);
    expect(registry.document.year).toBe(2023);
    expect(registry.tasks[0].deadline).toBe("2023-12-31");
  });

  it("takes the year from the signature's date, written in Chinese numerals", () => {
    const dataDir = freshDataDir();
    const text = [
      "关于分解落实政府工作报告任务的通知",
      "",
      "一、推动发展",
      TASK,
      "",
      "某区人民政府",
      "二〇二二年二月十日",
    ];
    const result = runCli(["import", write(dataDir, "signed.txt", text.join("\n")), "--dry-run"], {
      DUBAN_DATA_DIR: dataDir,
    });
    expect(result.stdout).toContain("年度：2022年（取自成文日期二〇二二年二月十日）");
  });

  it("takes the year most tasks name when only the body has one", () => {
    const dataDir = freshDataDir();
    const text = [
      "关于分解落实政府工作报告任务的通知",
      "一、推动发展",
      "1、2024年6月底前完成道路改造。（牵头领导：寇宁。承办单位：区财政局）",
      "2、2024年内新增就业6000人，到2030年实现全覆盖。（牵头领导：寇宁。承办单位：区财政局）",
    ];
    const file = write(dataDir, "body.txt", text.join("\n"));
    const result = runCli(["import", file, "--dry-run"], { DUBAN_DATA_DIR: dataDir });
    expect(result.stdout).toContain("年度：2024年（取自正文，“2024年”出现2次）");
  });

  it("refuses a task table that names no year, and reads one from its title row", () => {
    const dataDir = freshDataDir();
    const rows = ["序号,重点任务,牵头领导,承办单位,完成时限", "1,建成一批示范项目,寇宁,区财政局,年底前"];
    const bare = write(dataDir, "tasks.csv", rows.join("\n"));
    const refused = runCli(["import", bare], { DUBAN_DATA_DIR: dataDir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("--year");

    const titled = write(dataDir, "titled.csv", ["某区2023年重点任务分解表", ...rows].join("\n"));
    const read = runCli(["import", titled, "--dry-run"], { DUBAN_DATA_DIR: dataDir });
    expect(read.code).toBe(0);
    expect(read.stdout).toContain("年度：2023年（取自标题“某区2023年重点任务分解表”）");
  });
});

describe("duban import's summary opens with what matters and fits a screen", SLOW, () => {
  it("groups 25 units missing from the directory on one line instead of 25", () => {
    const dataDir = freshDataDir();
    const tasks = Array.from(
      { length: 25 },
      (_, i) => `${i + 1}、完成第${i + 1}项工作。（牵头领导：寇宁。承办单位：区测试${i + 1}局）`,
    );
    const file = write(
      dataDir,
      "units.txt",
      ["关于2021年有关工作的通知", "一、推动发展", ...tasks].join("\n"),
    );
    const { code, stdout } = runCli(["import", file, "--dry-run"], { DUBAN_DATA_DIR: dataDir });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^25个单位不在名录中：区测试1局、区测试2局、.*等25个。/m);
    expect(stdout).not.toContain("不在单位名录中");
    expect(stdout.trimEnd().split("\n").length).toBeLessThanOrEqual(40);
    // What matters comes first: tasks read, the year and its source, then the directory's warnings.
    expect(stdout).toMatch(
      /^文件：[^\n]*\n读取任务：25项\n年度：2021年（取自标题[^\n]*\n名录：[^\n]*\n25个单位不在名录中/,
    );
  });

  it("says, for a line that looks like a task, which fields are missing and what was found", () => {
    const dataDir = freshDataDir();
    const text = ["关于2021年有关工作的通知", "一、推动发展", TASK, "2、推进老旧小区改造，6月底前完成。"];
    const { code, stdout } = runCli(["import", write(dataDir, "skipped.txt", text.join("\n")), "--dry-run"], {
      DUBAN_DATA_DIR: dataDir,
    });
    expect(code).toBe(0);
    expect(stdout).toContain("读取任务：1项　未能读取：1项");
    expect(stdout).toContain("　第4行：第2项未找到括注");
    expect(stdout).toContain(
      "已读到：编号“2、”，任务内容“推进老旧小区改造，6月底前完成。”，时限用语“6月底前”。",
    );
    expect(stdout).toContain("缺少：牵头领导、责任单位。");
    expect(stdout).toMatch(/查看某项任务各字段的读取依据：duban import \S+skipped\.txt --explain <任务序号>/);
  });
});

describe("duban import --explain N", SLOW, () => {
  it("prints how the seed's task 9 was read, field by field, and stores nothing", () => {
    const dataDir = freshDataDir();
    const { code, stdout } = runCli(["import", SEED_PATH, "--explain", "9"], { DUBAN_DATA_DIR: dataDir });
    expect(code).toBe(0);
    expect(stdout).toContain("第9项（第30行）：推进“5G+工业互联网”应用试点");
    expect(stdout).toContain("编号：9　← 第30行行首的“9、”");
    expect(stdout).toContain("牵头领导：谭丽娜　← 第30行标签“牵头领导”");
    expect(stdout).toContain(
      "主办单位：区工业和信息化局　← 第30行标签“承办单位”；同一标签下列第一位的为主办单位",
    );
    expect(stdout).toContain("单位分组：各镇街　← 第30行标签“承办单位”");
    expect(stdout).toContain("完成时限：2021-12-31　← 未写明时限，按年底");
    expect(stdout).toContain("　「技改投资增长8%以上」→ 不低于8%");
    const after = runCli(["import", SEED_PATH, "--dry-run"], { DUBAN_DATA_DIR: dataDir });
    expect(after.stdout).not.toContain("与上次导入相比");
  });

  it("names the deadline's label and the column each field came from in a table", () => {
    const dataDir = freshDataDir();
    const rows = ["序号,重点任务,牵头领导,承办单位,完成时限", "3,建成一批示范项目,寇宁,区财政局,6月底前"];
    const file = write(dataDir, "tasks.csv", rows.join("\n"));
    const { code, stdout } = runCli(["import", file, "--year", "2023", "--explain", "3"], {
      DUBAN_DATA_DIR: dataDir,
    });
    expect(code).toBe(0);
    expect(stdout).toContain("编号：3　← “序号”列（A列）的“3”");
    expect(stdout).toContain("牵头领导：寇宁　← “牵头领导”列（C列）");
    expect(stdout).toContain("完成时限：2023-06-30　← “完成时限”列（E列）：“6月底前”，即2023-06-30");
  });

  it("says which tasks exist when N is not one of them", () => {
    const result = runCli(["import", SEED_PATH, "--explain", "99"], { DUBAN_DATA_DIR: freshDataDir() });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("第99项不在该文件读取到的任务中（已读取：第1–66项）");
  });
});
