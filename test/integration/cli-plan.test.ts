import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createChineseDaysCalendar } from "../../src/calendar/chinese-days-calendar.js";
import { SEED_PATH } from "../helpers/notice.js";
import { runCli } from "../helpers/run-cli.js";

interface Planned {
  at: string;
  to: string;
  unit: string;
  task: number;
  step: string;
  channel: string;
}

describe("duban plan", () => {
  const env = { DUBAN_DATA_DIR: mkdtempSync(join(tmpdir(), "duban-plan-")) };
  expect(runCli(["import", SEED_PATH], env).code).toBe(0);

  it("lists the seed's messages from 22 March to 9 April 2021, none on a day off or outside hours", () => {
    const { code, stdout, stderr } = runCli(
      ["plan", "--from", "2021-03-22", "--to", "2021-04-09", "--json"],
      env,
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const planned = JSON.parse(stdout) as Planned[];
    const calendar = createChineseDaysCalendar();
    expect(planned.length).toBeGreaterThan(66);
    for (const m of planned) {
      expect(Object.keys(m)).toEqual(expect.arrayContaining(["at", "to", "unit", "task", "step", "channel"]));
      expect(m.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
      expect(calendar.isWorkingDay(m.at.slice(0, 10)), m.at).toBe(true);
      const time = m.at.slice(11, 16);
      expect(time >= "08:30" && time < "18:00", m.at).toBe(true);
    }
    // March's reports are due Thursday 25 March: every task's host is reminded on Monday the 22nd.
    const first = planned.filter((m) => m.step === "first");
    expect(new Set(first.map((m) => m.task)).size).toBe(66);
    expect(new Set(first.map((m) => m.at.slice(0, 10)))).toEqual(new Set(["2021-03-22"]));
    // Nothing in the 清明 holiday (3–5 April).
    expect(planned.filter((m) => m.at >= "2021-04-03" && m.at < "2021-04-06")).toEqual([]);
  });

  it("prints a readable list, and refuses a bad date with the fix", () => {
    const text = runCli(["plan", "--from", "2021-03-22", "--to", "2021-03-22"], env);
    expect(text.stdout).toMatch(/^2021-03-22 至 2021-03-22 预计发送66条提醒（未实际发送）：/);
    expect(text.stdout).toContain("首次提醒");
    const bad = runCli(["plan", "--from", "2021-3-22", "--to", "2021-03-23"], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--from 2021-3-22: not a date. Fix: write YYYY-MM-DD");
  });
});

describe("duban plan with a directory scaffolded from the notice", () => {
  it("says in its summary that the 61 units have no contact and will never be reminded", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "duban-plan-scaffold-"));
    const directory = join(dataDir, "directory.yaml");
    const scaffold = runCli(["import", SEED_PATH, "--scaffold-directory", directory, "--dry-run"], {
      DUBAN_DATA_DIR: dataDir,
    });
    expect(scaffold.code).toBe(0);
    const env = { DUBAN_DATA_DIR: dataDir, DUBAN_DIRECTORY: directory };
    expect(runCli(["import", SEED_PATH], env).code).toBe(0);
    const { code, stdout } = runCli(["plan", "--from", "2021-03-22", "--to", "2021-03-31"], env);
    expect(code).toBe(0);
    const summary = stdout.slice(stdout.indexOf("请注意"));
    expect(summary).toMatch(/^请注意（\d项）：\n· 61个单位没有联系人，不会收到提醒：/);
    expect(summary).toContain(`请在 ${directory} 的 units[].contacts 中填写`);
    expect(summary).toContain("· 14位牵头领导没有企业微信或钉钉用户 ID");
    // The plan itself shows only what the office can be sent: no unit reminder at all.
    expect(stdout).not.toContain("首次提醒");
  });
});
