import { describe, expect, it } from "vitest";
import { PEOPLE, useProgressApps } from "../helpers/progress-app.js";

/**
 * Issue 13: /calendar through the real inbound path on the local channel, on Monday 22 March 2021
 * after the morning's cards (March's reports are due Thursday the 25th).
 */
const apps = useProgressApps();

describe("/calendar", () => {
  it("shows the coverage, the next holidays with their make-up days, and no local day yet", async () => {
    const app = await apps.remindedMonday();
    await app.say(PEOPLE.admin1, "日历");
    expect(await app.lastText(PEOPLE.admin1)).toBe(
      [
        "工作日历：",
        "· 节假日安排：2021年已载入国务院办公厅安排；2022年已载入国务院办公厅安排",
        "· 近期节假日：",
        "  · 清明：4月3日至4月5日（3天）",
        "  · 劳动节：5月1日至5月5日（5天）",
        "  · 端午：6月12日至6月14日（3天）",
        "· 调休上班：",
        "  · 2021年4月25日（周日）：劳动节调休上班",
        "  · 2021年5月8日（周六）：劳动节调休上班",
        "· 本地调整：",
        "  · 暂无",
        "（增加本地调整：/calendar add 日期 休|班 说明；撤销：/calendar remove 日期）",
      ].join("\n"),
    );
  });

  it("a local day off set in chat moves the due date and the ladder with it, and is undone by remove", async () => {
    const app = await apps.remindedMonday();
    await app.say(PEOPLE.admin1, "/plan 4");
    expect(await app.lastText(PEOPLE.admin1)).toContain("· 2021年3月25日（周四）：66条（当日提醒66）");

    await app.say(PEOPLE.admin1, "/calendar add 3月25日 休 区里统一安排");
    expect(await app.lastText(PEOPLE.admin1)).toBe(
      "已将2021年3月25日（周四）设为本地休息日（原为工作日），说明：区里统一安排。报送截止日和发送时段随之按新安排计算。撤销请发送“/calendar remove 2021-03-25”。",
    );
    expect(await app.store.overrides.list()).toEqual([
      {
        kind: "calendar-day",
        date: "2021-03-25",
        working: false,
        note: "区里统一安排",
        setBy: PEOPLE.admin1,
        setAt: "2021-03-22T04:00:00.000Z",
      },
    ]);
    const [set] = (await app.store.audit.query({})).filter((e) => e.action === "calendar.day-set");
    expect(set).toMatchObject({
      actor: PEOPLE.admin1,
      details: { date: "2021-03-25", working: false, was: { working: true, kind: "workday" } },
    });
    // The calendar every part reads: the 25th is a day off, so March's reports are due the 24th.
    const { calendar } = app.app.services;
    expect(calendar.dayInfo("2021-03-25")).toMatchObject({
      working: false,
      kind: "override-closed",
      name: "区里统一安排",
    });
    await app.say(PEOPLE.admin1, "/plan 3");
    const plan = await app.lastText(PEOPLE.admin1);
    expect(plan).toContain("· 2021年3月24日（周三）：66条（当日提醒66）");
    expect(plan).not.toContain("3月25日");
    expect((await app.light(52, "区人力资源和社会保障局")).color).toBe("red");
    await app.say(PEOPLE.admin1, "/calendar");
    expect(await app.lastText(PEOPLE.admin1)).toContain(
      "· 本地调整：\n  · 2021年3月25日（周四）休息：区里统一安排（袁振华于3月22日设置）",
    );

    await app.say(PEOPLE.admin2, "/calendar remove 2021-03-25");
    expect(await app.lastText(PEOPLE.admin2)).toBe(
      "已撤销2021年3月25日（周四）的本地调整，该日恢复为工作日。",
    );
    expect(calendar.isWorkingDay("2021-03-25")).toBe(true);
    expect(
      (await app.store.audit.query({}))
        .filter((e) => e.action.startsWith("calendar."))
        .map((e) => [e.actor, e.action]),
    ).toEqual([
      [PEOPLE.admin1, "calendar.day-set"],
      [PEOPLE.admin2, "calendar.day-removed"],
    ]);
    await app.say(PEOPLE.admin2, "/calendar remove 2021-03-25");
    expect(await app.lastText(PEOPLE.admin2)).toBe("2021年3月25日（周四）没有本地调整，无需撤销。");
  });

  it("a local working Saturday opens the sending hours that day", async () => {
    const app = await apps.remindedMonday();
    await app.say(PEOPLE.admin1, "/calendar add 3月27日 班 补班");
    expect(app.app.services.calendar.isWorkingDay("2021-03-27")).toBe(true);
    // Saturday 27 March, 10:00: an urge goes out at once, as on any working day.
    app.clock.set("2021-03-27T02:00:00Z");
    await app.say(PEOPLE.admin1, "/remind 53 人社局");
    expect(await app.lastText(PEOPLE.admin1)).toMatch(/^已向第53项（.*）以下单位发出催办：/);
  });

  it("says what it cannot use, and refuses a contact", async () => {
    const app = await apps.remindedMonday();
    await app.say(PEOPLE.admin1, "/calendar add 3月1日 休");
    expect(await app.lastText(PEOPLE.admin1)).toBe("2021年3月1日（周一）已过去，不能再调整。");
    await app.say(PEOPLE.admin1, "/calendar add 3月26日 放学");
    expect(await app.lastText(PEOPLE.admin1)).toBe(
      "“放学”不是休或班。请写“休”（休息）或“班”（上班）。\n用法：/calendar [add 日期 休|班 [说明] | remove 日期]\n例如：/calendar add 2026-12-31 休 区里统一安排",
    );
    await app.say(PEOPLE.admin1, "/calendar add 3月26日 班");
    expect(await app.lastText(PEOPLE.admin1)).toBe("2021年3月26日（周五）已是工作日，无需调整。");
    await app.say(PEOPLE.hrContact, "/calendar add 3月26日 休");
    expect(await app.lastText(PEOPLE.hrContact)).toBe("您好，该命令仅限督考办管理员使用。");
    expect(await app.store.overrides.list()).toEqual([]);
  });
});
