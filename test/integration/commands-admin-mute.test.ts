import { describe, expect, it } from "vitest";
import { HR, MONDAY_1200, PEOPLE, type ProgressApp, useProgressApps } from "../helpers/progress-app.js";

/**
 * Issue 13: /mute and /unmute through the real inbound path on the local channel. Monday 22 March
 * 2021, 09:00, before the morning's sweep: the ladder's first cards for March go out today
 * (区人社局's 徐勇: tasks 52 and 53).
 */
const apps = useProgressApps();
const MONDAY_0900 = "2021-03-22T01:00:00Z";

const cardsTo = async (app: ProgressApp, to: string) =>
  (await app.outbox(to)).flatMap((m) => (m.message.kind === "card" ? [m.message.card.title] : []));
const actions = async (app: ProgressApp, prefix: string) =>
  (await app.store.audit.query({})).filter((e) => e.action.startsWith(prefix));

describe("/mute and /unmute", () => {
  it("a muted unit gets no reminder, is listed, marked on /overdue, and is reminded again once unmuted", async () => {
    const app = await apps.start(MONDAY_0900);
    await app.say(PEOPLE.admin1, "/mute 人社局 人员调整期间");
    expect(await app.lastText(PEOPLE.admin1)).toBe(
      `已暂停${HR}的全部提醒（含逾期通报），督考办仍可催办。恢复请发送“/unmute 人社局”。`,
    );
    expect(await app.store.overrides.list()).toEqual([
      {
        kind: "mute-unit",
        unit: HR,
        note: "人员调整期间",
        setBy: PEOPLE.admin1,
        setAt: "2021-03-22T01:00:00.000Z",
      },
    ]);
    expect(await actions(app, "mute.")).toEqual([
      expect.objectContaining({
        actor: PEOPLE.admin1,
        action: "mute.set",
        unit: HR,
        details: expect.objectContaining({ kind: "mute-unit", note: "人员调整期间" }),
      }),
    ]);

    const report = await app.sweep(MONDAY_1200);
    expect(report).toMatchObject({ planned: 64, enqueued: 64 });
    expect(await cardsTo(app, PEOPLE.hrContact)).toEqual([]);
    const enqueued = (await app.store.audit.query({ unit: HR })).filter(
      (e) => e.action === "reminder.enqueued",
    );
    expect(enqueued).toEqual([]);
    // The other 64 of the morning's cards went out as planned (徐勇's two are the ones held back).
    const sent = await app.store.outbox.list({ status: "sent" });
    expect(sent.filter((m) => !m.idempotencyKey.startsWith("answer/"))).toHaveLength(64);

    await app.say(PEOPLE.admin2, "暂停提醒 区人力资源和社会保障局");
    expect(await app.lastText(PEOPLE.admin2)).toBe(
      `${HR}的提醒已于3月22日由袁振华暂停（人员调整期间），无需重复。`,
    );
    await app.say(PEOPLE.admin2, "/mute");
    expect(await app.lastText(PEOPLE.admin2)).toBe(
      `已暂停提醒的共1项：\n· ${HR}：3月22日由袁振华暂停（人员调整期间）`,
    );
    await app.say(PEOPLE.admin2, "/overdue 人社局");
    expect(await app.lastText(PEOPLE.admin2)).toContain(
      "· 第53项 深化社会保险制度改革：报送逾期17个工作日（2021年2月进展）；提醒已暂停",
    );
    // An urge still goes: the office chose to send it.
    await app.say(PEOPLE.admin2, "/remind 53 人社局");
    expect(await app.lastText(PEOPLE.admin2)).toMatch(
      /· 区人力资源和社会保障局（徐勇），其提醒已暂停，本次催办照发$/,
    );
    expect(await cardsTo(app, PEOPLE.hrContact)).toEqual(["督考办催办｜第53项进展报送"]);

    await app.say(PEOPLE.admin2, "/unmute 人社局");
    expect(await app.lastText(PEOPLE.admin2)).toBe(`已恢复${HR}的提醒，自下一次提醒起按期发送。`);
    expect(await app.store.overrides.list()).toEqual([]);
    expect((await actions(app, "mute.")).map((e) => [e.actor, e.action, e.unit])).toEqual([
      [PEOPLE.admin1, "mute.set", HR],
      [PEOPLE.admin2, "mute.cleared", HR],
    ]);
    await app.say(PEOPLE.admin2, "恢复提醒 人社局");
    expect(await app.lastText(PEOPLE.admin2)).toBe(`${HR}的提醒未被暂停，无需恢复。`);

    // Thursday 25 March, March's reports are due: the ladder reaches 徐勇 again.
    app.clock.set("2021-03-25T01:00:00Z");
    await app.sweep("2021-03-25T04:00:00Z");
    expect((await cardsTo(app, PEOPLE.hrContact)).sort()).toEqual([
      "今日截止｜第52项进展报送",
      "今日截止｜第53项进展报送",
      "督考办催办｜第53项进展报送",
    ]);
  });

  it("a muted task gets no reminder for any of its units; the unit's other tasks go on", async () => {
    const app = await apps.start(MONDAY_0900);
    await app.say(PEOPLE.admin1, "/mute 第52项");
    expect(await app.lastText(PEOPLE.admin1)).toMatch(
      /^已暂停第52项（统筹抓好高校毕业生、退役军人、农民工、失业人员…）的全部提醒（含逾期通报），督考办仍可催办。恢复请发送“\/unmute 第52项”。$/,
    );
    expect((await app.world()).muted(52, "区退役军人事务局")).toBe(true);
    await app.sweep(MONDAY_1200);
    expect(await cardsTo(app, PEOPLE.hrContact)).toEqual([
      "督考办提醒｜第53项进展报送".replace("督考办", "督办"),
    ]);
    expect(
      (await app.store.audit.query({ taskNo: 52 })).filter((e) => e.action === "reminder.enqueued"),
    ).toEqual([]);
    await app.say(PEOPLE.admin1, "/unmute 52");
    expect((await app.world()).muted(52, HR)).toBe(false);
  });

  it("says what it cannot use, and is refused to a contact", async () => {
    const app = await apps.start(MONDAY_0900);
    await app.say(PEOPLE.admin1, "/mute 520");
    expect(await app.lastText(PEOPLE.admin1)).toBe(
      "未找到第520项任务，请核对序号。\n用法：/mute 单位或任务序号 [理由]\n例如：/mute 人社局 人员调整期间暂停",
    );
    await app.say(PEOPLE.hrContact, "/mute 人社局");
    expect(await app.lastText(PEOPLE.hrContact)).toBe("您好，该命令仅限督考办管理员使用。");
    expect(await app.store.overrides.list()).toEqual([]);
  });
});
