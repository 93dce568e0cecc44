import { describe, expect, it } from "vitest";
import { HR, PEOPLE, type ProgressApp, useProgressApps } from "../helpers/progress-app.js";

/**
 * Issue 13: /remind (一键催办) through the real inbound path on the local channel, on Monday
 * 22 March 2021 after the morning's cards: task 52 is hosted by 区人社局 (徐勇), with
 * 区退役军人事务局 and the towns as co-units; February's reports are late everywhere.
 */
const apps = useProgressApps();

const urgeCards = async (app: ProgressApp, to: string) =>
  (await app.outbox(to)).flatMap((m) =>
    m.message.kind === "card" && m.message.card.title.startsWith("督考办催办") ? [m] : [],
  );
const urged = async (app: ProgressApp) =>
  (await app.store.audit.query({})).filter((e) => e.action === "reminder.urged");

describe("/remind", () => {
  it("urges one unit now: the ladder's card under an urge title, recorded with who urged whom", async () => {
    const app = await apps.remindedMonday();
    await app.say(PEOPLE.admin1, "/remind 52 人社局");
    expect(await app.lastText(PEOPLE.admin1)).toMatch(
      new RegExp(`^已向第52项（.*）以下单位发出催办：\\n· ${HR}（徐勇）$`),
    );
    const [card] = await urgeCards(app, PEOPLE.hrContact);
    if (card?.message.kind !== "card") throw new Error("no urge card for 徐勇");
    expect(card.message.card.title).toBe("督考办催办｜第52项进展报送");
    // February's report is late: the overdue reminder's wording, with its buttons.
    expect(card.message.card.description).toMatch(
      /2021年2月进展应于2021年2月25日（周四）报送，已逾期17个工作日/,
    );
    expect(card.message.card.buttons.length).toBeGreaterThan(0);
    expect(card.update).toBeUndefined();
    // The card is known, so a click on it is read as on any reminder card.
    expect(await app.store.cards.get(card.cardId as string)).toMatchObject({
      taskNo: 52,
      unit: HR,
      cycle: "2021-02",
    });
    expect(await urged(app)).toEqual([
      expect.objectContaining({
        actor: PEOPLE.admin1,
        taskNo: 52,
        unit: HR,
        person: PEOPLE.hrContact,
        details: expect.objectContaining({ step: "overdue", cycle: "2021-02", channel: "local" }),
      }),
    ]);
    expect((await app.store.audit.query({})).filter((e) => e.action === "command.ran").at(-1)).toMatchObject({
      actor: PEOPLE.admin1,
      taskNo: 52,
      unit: HR,
      details: { command: "remind", result: "urged" },
    });
    // Nobody else of the task was urged.
    expect(await urgeCards(app, PEOPLE.veteransContact)).toEqual([]);

    // A click on the urge card works as on the ladder's card.
    await app.click(PEOPLE.hrContact, card.cardId as string, "on-track");
    expect((await app.view(52, HR)).view.reports).toHaveLength(1);
  });

  it("urges every unit of the task that owes a report, and passes over those that reported", async () => {
    const app = await apps.remindedMonday();
    await app.say(PEOPLE.hrContact, "52 城镇新增就业4200人");
    await app.say(PEOPLE.admin2, "一键催办 第52项");
    const answer = (await app.lastText(PEOPLE.admin2)).split("\n");
    expect(answer[0]).toMatch(/^已向第52项（.*）以下单位发出催办：$/);
    expect(answer).toContain("· 区退役军人事务局（赵宏伟）");
    expect(answer.at(-1)).toBe(`· ${HR}：已报送本期进展，未催办`);
    const entries = await urged(app);
    const units = new Set(entries.map((e) => e.unit));
    expect(units.has(HR)).toBe(false);
    expect(units.has("区退役军人事务局")).toBe(true);
    expect(entries.every((e) => e.actor === PEOPLE.admin2 && e.taskNo === 52)).toBe(true);
    expect(await urgeCards(app, PEOPLE.veteransContact)).toHaveLength(1);
    expect(await urgeCards(app, PEOPLE.hrContact)).toEqual([]);

    await app.say(PEOPLE.admin2, "/remind 52 人社局");
    expect(await app.lastText(PEOPLE.admin2)).toMatch(
      new RegExp(`^第52项（.*）没有需要催办的单位。\\n· ${HR}：已报送本期进展，未催办$`),
    );
  });

  it("outside the sending hours says when the urge will go, and it goes then", async () => {
    const app = await apps.remindedMonday();
    app.clock.set("2021-03-22T11:00:00Z"); // 19:00 in Shanghai
    await app.say(PEOPLE.admin1, "催办 53 区人力资源和社会保障局");
    expect(await app.lastText(PEOPLE.admin1)).toMatch(
      new RegExp(
        `^已将第53项（.*）的催办加入发送队列。当前为非发送时段，将于2021年3月23日（周二）08:30后发出：\\n· ${HR}（徐勇）$`,
      ),
    );
    expect(await urgeCards(app, PEOPLE.hrContact)).toEqual([]);
    app.clock.set("2021-03-23T01:00:00Z"); // 09:00
    await app.app.services.dispatcher.dispatchDue();
    expect(await urgeCards(app, PEOPLE.hrContact)).toHaveLength(1);
  });

  it("says what is wrong with a task or unit it cannot use, and refuses a contact", async () => {
    const app = await apps.remindedMonday();
    await app.say(PEOPLE.admin1, "/remind 52 财政局");
    expect(await app.lastText(PEOPLE.admin1)).toBe(
      "区财政局不是第52项的责任单位。\n用法：/remind 任务序号 [单位]\n例如：/remind 52 人社局",
    );
    await app.say(PEOPLE.admin1, "/remind 520");
    expect(await app.lastText(PEOPLE.admin1)).toBe(
      "未找到第520项任务，请核对序号。\n用法：/remind 任务序号 [单位]\n例如：/remind 52 人社局",
    );
    await app.say(PEOPLE.admin1, "/remind");
    expect(await app.lastText(PEOPLE.admin1)).toBe(
      "命令格式有误。用法：/remind 任务序号 [单位]\n例如：/remind 52 人社局",
    );
    await app.say(PEOPLE.hrContact, "催办 53");
    expect(await app.lastText(PEOPLE.hrContact)).toBe("您好，该命令仅限督考办管理员使用。");
    expect(await urged(app)).toEqual([]);
  });
});
