import { describe, expect, it } from "vitest";
import { HR, PEOPLE, useProgressApps } from "../helpers/progress-app.js";

/** Conversations beyond the list: roll-up, versions, questions back, prompts, snooze. */
const { remindedMonday } = useProgressApps();
const VETERANS = "区退役军人事务局";

describe("progress conversations", () => {
  it("rolls a co-unit's input up into the host's confirmation and the office's decision card", async () => {
    const app = await remindedMonday();
    await app.say(PEOPLE.veteransContact, "52 本月安置退役军人就业120人");
    expect(await app.store.progress.latest(52, VETERANS)).toMatchObject({
      values: [{ indicator: 0, value: 120, unit: "人" }],
      cycle: "2021-03",
    });
    const coConfirmation = await app.lastText(PEOPLE.veteransContact);
    expect(coConfirmation).toContain("区退役军人事务局2021年3月协办进展");
    expect(coConfirmation).toContain("已汇总至主办单位区人力资源和社会保障局。");

    await app.say(PEOPLE.hrContact, "52 已新增就业4200人");
    expect(await app.lastText(PEOPLE.hrContact)).toContain(
      "协办单位已报送1/11：\n· 区退役军人事务局 3月22日：城镇新增就业120人",
    );
    await app.click(PEOPLE.hrContact, await app.cardId(PEOPLE.hrContact, "第52项"), "complete");
    const [card] = (await app.outbox(PEOPLE.admin1)).filter((m) => m.message.kind === "card");
    if (card?.message.kind !== "card") throw new Error("no decision card");
    expect(card.message.card.fields).toEqual(
      expect.arrayContaining([
        { label: "申请人", value: "徐勇" },
        { label: "协办报送", value: "已报送1/11：区退役军人事务局" },
        { label: "指标", value: "城镇新增就业4200人/6000人" },
      ]),
    );
    expect(card.message.card.buttons.map((b) => [b.key, b.text])).toEqual([
      ["approve", "批准办结"],
      ["return", "退回"],
    ]);
  });

  it("records a second reply in the same cycle as a new version, marked 已修改, keeping the first", async () => {
    const app = await remindedMonday();
    await app.say(PEOPLE.hrContact, "52 已新增就业4200人");
    await app.say(PEOPLE.hrContact, "52 已新增就业4350人");
    const history = await app.store.progress.history(52, HR);
    expect(history.map((r) => [r.version, r.values[0]?.value])).toEqual([
      [1, 4200],
      [2, 4350],
    ]);
    expect(await app.lastText(PEOPLE.hrContact)).toMatch(/^【已修改】已记录第52项.*\n· 城镇新增就业：4350人/);
    const actions = (await app.store.audit.query({ taskNo: 52, unit: HR })).map((e) => e.action);
    expect(actions.filter((a) => a.startsWith("progress."))).toEqual([
      "progress.recorded",
      "progress.revised",
    ]);
  });

  it("asks a precise question about a reply that could be read two ways, and records nothing", async () => {
    const app = await remindedMonday();
    await app.say(PEOPLE.hrContact, "52 2.9%");
    expect(await app.lastText(PEOPLE.hrContact)).toBe(
      "“2.9%”是指城镇登记失业率，还是第52项的完成进度？请重新回复，如“52 城镇登记失业率2.9%”或“52 完成2.9%”。本条未记录。",
    );
    await app.say(PEOPLE.hrContact, "99 已完成");
    expect(await app.lastText(PEOPLE.hrContact)).toBe("未找到第99项任务，请核对序号后重新回复。本条未记录。");
    expect(await app.store.progress.history(52)).toEqual([]);
  });

  it("files a reply without a task number under the only task still waiting", async () => {
    const app = await remindedMonday();
    await app.say(PEOPLE.hrContact, "53 社保扩面稳步推进");
    await app.say(PEOPLE.hrContact, "已新增就业4200人");
    expect(await app.store.progress.latest(52, HR)).toMatchObject({
      cycle: "2021-03",
      values: [{ indicator: 0, value: 4200, unit: "人" }],
    });
  });

  it("takes 填写进展's answer in the card's cycle, and forgets a prompt once it expires", async () => {
    const app = await remindedMonday();
    const cardId = await app.cardId(PEOPLE.hrContact, "第52项");
    await app.click(PEOPLE.hrContact, cardId, "report");
    expect(await app.lastText(PEOPLE.hrContact)).toMatch(
      /^请回复第52项（.*）本期进展，如“城镇新增就业3600人”/,
    );
    await app.say(PEOPLE.hrContact, "新增就业4200人");
    expect(await app.store.progress.latest(52, HR)).toMatchObject({ cycle: "2021-03", status: "reported" });

    await app.click(PEOPLE.hrContact, await app.cardId(PEOPLE.hrContact, "第53项"), "difficulty");
    app.clock.set("2021-03-23T02:00:00Z"); // 13 hours on: the 12-hour prompt has expired
    await app.say(PEOPLE.hrContact, "参保扩面进度偏慢");
    expect(await app.store.progress.latest(53, HR)).toMatchObject({
      status: "reported",
      note: "参保扩面进度偏慢",
    });
  });

  it("offers 签收 only until the unit has acknowledged: the next card offers 明天再提醒 instead", async () => {
    const app = await remindedMonday();
    await app.click(PEOPLE.hrContact, await app.cardId(PEOPLE.hrContact, "第53项"), "ack");
    await app.click(PEOPLE.hrContact, await app.cardId(PEOPLE.hrContact, "第53项"), "ack");
    expect(await app.lastText(PEOPLE.hrContact)).toBe("第53项已签收，无需重复签收。");
    expect(await app.store.progress.history(53, HR)).toHaveLength(1);
    app.clock.set("2021-03-25T01:00:00Z"); // Thursday, the due date: 53 is still unreported
    await app.sweep("2021-03-25T04:00:00Z");
    const due = (await app.outbox(PEOPLE.hrContact)).filter(
      (m) => m.message.kind === "card" && m.message.card.title === "今日截止｜第53项进展报送",
    );
    expect(due.map((m) => (m.message.kind === "card" ? m.message.card.buttons[0]?.text : ""))).toEqual([
      "明天再提醒",
    ]);
  });

  it("明天再提醒 holds the person's reminders until the next working day and says so", async () => {
    const app = await remindedMonday();
    await app.click(PEOPLE.hrContact, await app.cardId(PEOPLE.hrContact, "第52项"), "snooze");
    expect(await app.store.people.get(PEOPLE.hrContact)).toEqual({
      snoozeUntil: "2021-03-23T09:00:00+08:00",
    });
    expect(await app.lastText(PEOPLE.hrContact)).toBe("好的，2021年3月23日（周二）09:00前不再提醒您。");
  });

  it("lets only admins decide, and turns a unit red when its report is overdue by more than two working days", async () => {
    const app = await remindedMonday();
    await app.click(PEOPLE.hrContact, await app.cardId(PEOPLE.hrContact, "第52项"), "complete");
    await app.click(PEOPLE.hrContact, await app.cardId(PEOPLE.admin1, "办结申请｜第52项"), "approve");
    expect(await app.lastText(PEOPLE.hrContact)).toBe("您好，审核办结和延期申请仅限督考办管理员操作。");
    expect((await app.store.requests.list({ taskNo: 52 }))[0]?.status).toBe("pending");

    app.clock.set("2021-03-29T02:00:00Z"); // Monday: 2 working days after the 25th
    expect((await app.light(53, HR)).text).toBe("黄：报送逾期2个工作日");
    app.clock.set("2021-03-30T02:00:00Z");
    expect((await app.light(53, HR)).text).toBe("红：报送逾期3个工作日");
  });
});
