import { mkdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readDocx } from "../helpers/read-docx.js";
import { reportedDataDir } from "../helpers/reported-data-dir.js";
import { runBuiltCli } from "../helpers/service-process.js";
import { makeTempDir } from "../helpers/temp-dir.js";

/** Issue 14, item 2: `duban bulletin` as an operator runs it, built, on a data dir seeded by `duban import`. */
const HR = "区人力资源和社会保障局";

describe("duban bulletin", () => {
  it("writes the draft, prints the summary, and will not overwrite it without --force", async () => {
    const data = await reportedDataDir("duban-cli-bulletin");
    const out = makeTempDir("duban-cli-bulletin-out");
    const file = join(out.path, "通报.docx");
    const env = { DUBAN_DATA_DIR: data };
    try {
      const done = runBuiltCli(["bulletin", "--period", "2021-Q1", "--out", file], env);
      expect(done.stderr).toBe("");
      expect(done.code).toBe(0);
      const lines = done.stdout.split("\n");
      expect(lines[0]).toBe(
        "【2021年第一季度重点任务推进情况】截至2021年3月31日，纳入调度任务66项：已完成0项（0%），超进度0项（0%），达进度0项（0%），欠进度66项（100%），逾期0项（0%）。",
      );
      expect(lines[1]).toMatch(/^按时报送前三：区人力资源和社会保障局（\d+(\.\d)?%）、/);
      expect(lines[2]).toBe("逾期事项880项（进度报送逾期880项，超过完成时限未办结0项）。");
      expect(lines[3]).toBe(
        "通报文稿可运行 duban bulletin --period 2021-Q1 --out 通报.docx 生成，修改后印发。",
      );
      expect(lines[4]).toMatch(
        new RegExp(
          `^已生成通报文稿 ${file}（截至2021年3月31日，数据来自sqlite:${data}/duban.sqlite；文件大小\\d+\\.\\d KB）。`,
        ),
      );
      const docx = readDocx(readFileSync(file));
      expect(docx.paragraphs[0]).toEqual({
        style: "title",
        text: "关于2021年第一季度重点工作任务推进情况的通报",
      });
      expect(docx.tables[0]?.[4]).toEqual(["欠进度", "66", "100%"]);
      expect(docx.tables[2]?.[1]).toEqual(["1", HR, "1", "70%", "24%", "46"]);

      const before = readFileSync(file);
      const again = runBuiltCli(["bulletin", "--period", "2021-Q1", "--out", file], env);
      expect(again.code).toBe(1);
      expect(again.stderr).toBe(
        `duban: 文件“${file}”已存在，未覆盖。如需覆盖请加 --force，或换一个文件名。\n`,
      );
      expect(readFileSync(file).equals(before)).toBe(true);

      const forced = runBuiltCli(["bulletin", "--period", "2021-03", "--out", file, "--force"], env);
      expect(forced.stderr).toBe("");
      expect(forced.code).toBe(0);
      expect(readDocx(readFileSync(file)).paragraphs[0]?.text).toBe(
        "关于2021年3月重点工作任务推进情况的通报",
      );
      expect(statSync(file).size).toBeGreaterThan(5_000);
    } finally {
      out.remove();
    }
  }, 120_000);

  it("refuses, with what to fix, a bad period, a period not begun, a store without a registry, a bad file name", () => {
    const out = makeTempDir("duban-cli-bulletin-bad");
    try {
      const empty = join(out.path, "empty");
      mkdirSync(empty);
      const env = { DUBAN_DATA_DIR: empty };
      const file = join(out.path, "通报.docx");

      const bad = runBuiltCli(["bulletin", "--period", "2021Q1", "--out", file], env);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toBe(
        "duban: --period 应为季度（如 2021-Q1）、月份（如 2021-03）或年度（如 2021），而不是“2021Q1”。\n",
      );
      const later = runBuiltCli(["bulletin", "--period", "2999-Q1", "--out", file], env);
      expect(later.stderr).toBe(
        "duban: 2999-Q1 尚未开始（自2999年1月1日起），无法生成通报。请写已开始的期间。\n",
      );

      const none = runBuiltCli(["bulletin", "--period", "2021-Q1", "--out", file], env);
      expect(none.code).toBe(1);
      expect(none.stderr).toBe("duban: 尚未导入任务台账，无法生成通报。请先运行 duban import <通知文件>。\n");
      expect(() => statSync(file)).toThrow();

      expect(
        runBuiltCli(["bulletin", "--period", "2021-Q1", "--out", join(out.path, "通报.doc")], env).stderr,
      ).toBe(
        `duban: “${join(out.path, "通报.doc")}”不是 .docx 文件名。请写以 .docx 结尾的文件名，如 通报.docx。\n`,
      );
      const missing = runBuiltCli(["bulletin", "--out", file], env);
      expect(missing.code).not.toBe(0);
      expect(missing.stderr).toContain("--period");
    } finally {
      out.remove();
    }
  }, 120_000);
});
