import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createChineseDaysCalendar } from "../../../src/calendar/chinese-days-calendar.js";
import { runStartupChecks } from "../../../src/checks/run-startup-checks.js";
import { decodeText, toLines } from "../../../src/registry/decode-text.js";
import { parseNotice } from "../../../src/registry/parse-notice.js";
import { scaffoldDirectory } from "../../../src/registry/scaffold-directory.js";
import { chartFontProblem } from "../../../src/reports/charts/find-chart-font.js";
import { noticeWith, parseText, SEED_PATH } from "../../helpers/notice.js";
import { demoDirectory } from "../../helpers/seed-world.js";

const seed = parseNotice(toLines(decodeText(readFileSync(SEED_PATH), "seed").text), {
  now: new Date("2021-01-21T00:00:00Z"),
});
const calendar = createChineseDaysCalendar();
const current = { registry: seed, importedAt: "2021-01-21T02:00:00.000Z" };
const IN_2021 = new Date("2021-03-22T01:00:00Z");

describe("runStartupChecks", () => {
  it("says that every unit of a directory scaffolded from the seed has no contact, naming them and the fix", () => {
    const directory = scaffoldDirectory(seed);
    const warnings = runStartupChecks({
      directory,
      directoryFile: "config/directory.yaml",
      current,
      calendar,
      now: IN_2021,
    });
    const units = warnings.find((w) => w.code === "units_without_contacts");
    expect(units?.count).toBe(61);
    expect(units?.text).toMatch(/^61个单位没有联系人，不会收到提醒：/);
    expect(units?.text).toContain(directory.units[0]?.name);
    expect(units?.text).toContain("等。请在 config/directory.yaml 的 units[].contacts 中填写");
    // One warning per kind: the 61 units are one line, not 61.
    expect(warnings.map((w) => w.code)).toEqual(["units_without_contacts", "leaders_without_ids"]);
  });

  it("counts the leaders without a WeCom or DingTalk id", () => {
    const directory = scaffoldDirectory(seed);
    const leaders = runStartupChecks({
      directory,
      directoryFile: "d.yaml",
      current,
      calendar,
      now: IN_2021,
    }).find((w) => w.code === "leaders_without_ids");
    expect(leaders?.count).toBe(14);
    expect(leaders?.text).toMatch(/^14位牵头领导没有企业微信或钉钉用户 ID.*leaders\[\]\.accounts/);
    directory.leaders = directory.leaders.map((leader, i) =>
      i === 0 ? leader : { ...leader, accounts: { wecom: `u${i}` } },
    );
    expect(
      runStartupChecks({ directory, directoryFile: "d.yaml", current, calendar, now: IN_2021 }).find(
        (w) => w.code === "leaders_without_ids",
      )?.count,
    ).toBe(1);
  });

  it("flags the demo directory, and nothing else for the seed with it in 2021", () => {
    const warnings = runStartupChecks({
      directory: demoDirectory,
      directoryFile: "config/examples/directory.yaml",
      current,
      calendar,
      now: IN_2021,
    });
    expect(warnings.map((w) => [w.code, w.count])).toEqual([["demo_directory", 1]]);
    expect(warnings[0]?.text).toContain("DUBAN_DIRECTORY");
  });

  it("warns that a 2031 registry has no official holiday data, and says where to add it", () => {
    const registry = parseText(noticeWith("1、加强监管（牵头领导：张三。承办单位：区财政局）"), {
      year: 2031,
    });
    const warnings = runStartupChecks({
      directory: { ...demoDirectory, demo: false },
      directoryFile: "d.yaml",
      settingsFile: "config/duban.yaml",
      current: { registry, importedAt: "2031-01-20T02:00:00.000Z" },
      calendar,
      now: new Date("2031-01-20T02:00:00Z"),
    });
    expect(warnings).toEqual([
      {
        code: "calendar_years_uncovered",
        count: 1,
        years: [2031],
        text: expect.stringMatching(
          /^工作日历缺少2031年法定节假日安排.*config\/duban\.yaml 的 calendar\.closedDays/,
        ),
      },
    ]);
  });

  it("names every uncovered year the reporting spans, from the notice's date to the last deadline", () => {
    const registry = parseText(
      noticeWith("1、加强监管（牵头领导：张三。承办单位：区财政局。完成时限：2028年6月底前）"),
      {
        year: 2026,
      },
    );
    registry.document.issuedOn = "2026-02-01";
    const warning = runStartupChecks({
      directory: { ...demoDirectory, demo: false },
      directoryFile: "d.yaml",
      current: { registry, importedAt: "2026-02-01T02:00:00.000Z" },
      calendar,
      now: new Date("2026-02-02T02:00:00Z"),
    })[0];
    expect(registry.tasks[0]?.deadline).toBe("2028-06-30");
    expect(warning).toMatchObject({ code: "calendar_years_uncovered", count: 2 });
    expect(warning?.text).toMatch(/^工作日历缺少2027、2028年/);
  });

  it("adds the admins' calendar warnings: next year's data missing from 1 December, each year said once", () => {
    const check = (now: string, registryYear?: number) =>
      runStartupChecks({
        directory: { ...demoDirectory, demo: false },
        directoryFile: "d.yaml",
        current: registryYear
          ? {
              registry: parseText(noticeWith("1、加强监管（牵头领导：张三。承办单位：区财政局）"), {
                year: registryYear,
              }),
              importedAt: `${registryYear}-01-20T02:00:00.000Z`,
            }
          : undefined,
        calendar,
        now: new Date(now),
      }).map((w) => [w.code, w.years]);
    expect(check("2026-11-30T15:00:00Z")).toEqual([]); // 23:00 on 30 November in Shanghai
    expect(check("2026-11-30T16:00:00Z")).toEqual([["calendar_next_year_missing", [2027]]]);
    // A 2027 registry imported in December 2026 names 2027 already: one warning, not two.
    expect(check("2026-12-10T02:00:00Z", 2027)).toEqual([["calendar_years_uncovered", [2027]]]);
  });

  it("warns when every deadline has passed, and not the day of the last one", () => {
    const run = (now: string) =>
      runStartupChecks({
        directory: { ...demoDirectory, demo: false },
        directoryFile: "d.yaml",
        current,
        calendar,
        now: new Date(now),
      });
    expect(run("2021-12-31T15:00:00Z")).toEqual([]); // 23:00 on 31 December in Shanghai
    const passed = run("2021-12-31T16:00:00Z"); // midnight: 1 January 2022
    expect(passed.map((w) => [w.code, w.count])).toEqual([["deadlines_passed", 66]]);
    expect(passed[0]?.text).toContain("最晚为2021-12-31");
    expect(passed[0]?.text).toContain("duban import");
  });

  it("warns once when the charts have no CJK font, saying how to install one", () => {
    const problem = chartFontProblem({}, []);
    const warnings = runStartupChecks({
      directory: { ...demoDirectory, demo: false },
      directoryFile: "config/directory.yaml",
      current: undefined,
      calendar,
      now: IN_2021,
      chartFont: problem,
    });
    expect(warnings.map((w) => [w.code, w.count])).toEqual([["chart_font_missing", 1]]);
    expect(warnings[0]?.text).toContain("apt-get install fonts-wqy-microhei");
    expect(warnings[0]?.text).toContain("摘要和通报将不附统计图");
  });

  it("warns when instances share Redis without DUBAN_WEB_SECRET, saying to set the same on each", () => {
    const sources = {
      directory: { ...demoDirectory, demo: false },
      directoryFile: "config/directory.yaml",
      current: undefined,
      calendar,
      now: IN_2021,
    };
    expect(runStartupChecks({ ...sources, webSecretUnshared: false })).toEqual([]);
    const warnings = runStartupChecks({ ...sources, webSecretUnshared: true });
    expect(warnings.map((w) => [w.code, w.count])).toEqual([["web_secret_missing", 1]]);
    expect(warnings[0]?.text).toContain("请在每个实例的环境变量中设置相同的 DUBAN_WEB_SECRET");
  });

  it("warns of digest group chats the directory lacks, and of leaders it does not know", () => {
    const directory = {
      ...demoDirectory,
      demo: false,
      chats: [{ name: "区政府领导群", accounts: { wecom: "k" } }],
    };
    const check = (chats: Record<string, string[]>) =>
      runStartupChecks({
        directory,
        directoryFile: "config/directory.yaml",
        settingsFile: "config/duban.yaml",
        current,
        calendar,
        now: IN_2021,
        digest: { chats },
      });
    expect(check({ 寇宁: ["区政府领导群"] })).toEqual([]);
    expect(check({ 寇宁: ["区政府领导群", "领导群"], 寇凝: ["区政府领导群"] })).toEqual([
      {
        code: "digest_chats_unknown",
        count: 1,
        text: "督办周报要发往的1个群聊不在名录中，发不出去：领导群。请在名录的 chats 中添加，或改正 config/duban.yaml 中 digest.chats 的群名。",
      },
      {
        code: "digest_leaders_unknown",
        count: 1,
        text: "config/duban.yaml 的 digest.chats 中有1位名录里没有的牵头领导：寇凝。请改为名录中的领导姓名。",
      },
    ]);
  });
});
