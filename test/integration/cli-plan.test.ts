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
