import { describe, expect, it } from "vitest";
import { HR, PEOPLE, useProgressApps } from "../helpers/progress-app.js";

/** Issue 13: /snooze (暂缓) and /unsnooze (取消暂缓) through the real inbound path, on the local channel. */
const { remindedMonday } = useProgressApps();
const LEADER_QU = "wecom:demo.leader05";
const USAGE = "\n用法：/snooze 序号 [时长]\n例如：/snooze 52 2天";

describe("/snooze and /unsnooze", () => {
  it("snoozes as the card's button does by default, and /unsnooze ends it", async () => {
    const app = await remindedMonday(); // Monday 22 March, 12:00
    await app.say(PEOPLE.hrContact, "/snooze 52");
    expect(await app.lastText(PEOPLE.hrContact)).toBe(
      "已暂缓：3月23日（周二）09:00前不再向您发送督办提醒（含您的其他任务），报送时限不变。如需恢复，请发送 /unsnooze（取消暂缓）。",
    );
    // The same setting as 明天再提醒, which the ladder reads.
    expect(await app.store.people.get(PEOPLE.hrContact)).toEqual({
      snoozeUntil: "2021-03-23T09:00:00+08:00",
    });
    const world = await app.world();
    const person = world.people.byId(PEOPLE.hrContact);
    if (!person) throw new Error("no 徐勇");
    expect(world.snoozedUntil(person)).toBe("2021-03-23T09:00:00+08:00");
    expect((await app.store.audit.query({ taskNo: 52 })).at(-1)).toMatchObject({
      actor: PEOPLE.hrContact,
      action: "command.ran",
      unit: HR,
      details: { command: "snooze", result: "recorded", until: "2021-03-23T09:00:00+08:00" },
    });
    await app.say(PEOPLE.hrContact, "/task 53");
    expect(await app.lastText(PEOPLE.hrContact)).toContain(
      "【正在生效的安排（可撤销）】\n· 徐勇（区人社局联络员）暂缓提醒至3月23日（周二）09:00\n",
    );

    await app.say(PEOPLE.hrContact, "/unsnooze");
    expect(await app.lastText(PEOPLE.hrContact)).toBe(
      "已取消暂缓（原定至3月23日（周二）09:00）。此后的督办提醒照常发送，已顺延的提醒仍按顺延后的时间发送。",
    );
    expect(await app.store.people.get(PEOPLE.hrContact)).toEqual({});
    await app.say(PEOPLE.hrContact, "取消暂缓");
    expect(await app.lastText(PEOPLE.hrContact)).toBe("您当前没有暂缓的督办提醒。");
    const ran = (await app.store.audit.query({})).filter((e) => e.details.command === "unsnooze");
    expect(ran.map((e) => [e.details.result, e.details.until])).toEqual([
      ["cancelled", "2021-03-23T09:00:00+08:00"],
      ["not-snoozed", undefined],
    ]);
  });

  it("ends the button's snooze too, recording the task when given", async () => {
    const app = await remindedMonday();
    await app.click(PEOPLE.hrContact, await app.cardId(PEOPLE.hrContact, "第53项"), "snooze");
    expect(await app.store.people.get(PEOPLE.hrContact)).toEqual({
      snoozeUntil: "2021-03-23T09:00:00+08:00",
    });
    await app.say(PEOPLE.hrContact, "解除暂缓 53");
    expect(await app.lastText(PEOPLE.hrContact)).toMatch(/^已取消暂缓（原定至3月23日（周二）09:00）/);
    expect(await app.store.people.get(PEOPLE.hrContact)).toEqual({});
    expect((await app.store.audit.query({})).at(-1)).toMatchObject({
      taskNo: 53,
      details: { result: "cancelled" },
    });
  });

  it("reads days as working days, hours from now, and refuses more than ten working days", async () => {
    const app = await remindedMonday();
    const until: Record<string, string> = {
      "暂缓 52 2天": "2021-03-24T09:00:00+08:00",
      "/snooze 52 1d": "2021-03-23T09:00:00+08:00",
      "/snooze 52 3h": "2021-03-22T15:00:00+08:00",
      "/snooze 第52项 半天": "2021-03-22T16:00:00+08:00",
      "/snooze 52 时长=1周": "2021-03-29T09:00:00+08:00",
      // Ten working days, over 清明 (3–5 April 2021).
      "/snooze 52 两周": "2021-04-06T09:00:00+08:00",
    };
    for (const [text, expected] of Object.entries(until)) {
      await app.say(PEOPLE.hrContact, text);
      expect((await app.store.people.get(PEOPLE.hrContact))?.snoozeUntil, text).toBe(expected);
    }
    expect(await app.lastText(PEOPLE.hrContact)).toMatch(/^已暂缓：4月6日（周二）09:00前/);
    const answers: Record<string, string> = {
      "/snooze 52 3周": "暂缓最长10个工作日。如需外出，请发送 /away（请假）登记代理人。",
      "/snooze 52 0": "暂缓时长须大于0。如需恢复提醒，请发送 /unsnooze（取消暂缓）。",
      "/snooze 52 一会儿": "无法识别时长“一会儿”。请写作“1d”“2天”“3h”“3小时”“半天”或“1周”。",
      "/snooze 999": "未找到第999项任务，请核对序号。",
    };
    for (const [text, answer] of Object.entries(answers)) {
      await app.say(PEOPLE.hrContact, text);
      expect(await app.lastText(PEOPLE.hrContact), text).toBe(`${answer}${USAGE}`);
    }
    expect((await app.store.people.get(PEOPLE.hrContact))?.snoozeUntil).toBe("2021-04-06T09:00:00+08:00");
  });

  it("refuses someone whose unit has no part in the task, and the roles that may not snooze", async () => {
    const app = await remindedMonday();
    await app.say(PEOPLE.financeContact, "/snooze 52");
    expect(await app.lastText(PEOPLE.financeContact)).toBe(
      "您不是第52项责任单位的联系人，无需暂缓该项提醒。发送 /my（我的任务）可查看您的任务。",
    );
    await app.say(LEADER_QU, "暂缓 52");
    expect(await app.lastText(LEADER_QU)).toBe("您好，该命令仅限单位联络员和负责人使用。");
    await app.say(LEADER_QU, "/unsnooze");
    expect(await app.lastText(LEADER_QU)).toBe("您好，该命令仅限单位联络员和负责人使用。");
    expect(await app.store.people.get(PEOPLE.financeContact)).toBeUndefined();
    expect(await app.store.people.get(LEADER_QU)).toBeUndefined();
    expect(
      (await app.store.audit.query({}))
        .filter((e) => e.action.startsWith("command."))
        .map((e) => [e.action, e.details.result]),
    ).toEqual([
      ["command.ran", "refused"],
      ["command.refused", "refused"],
      ["command.refused", "refused"],
    ]);
  });

  it("keeps replies that start like 暂缓 or 销假 replies", async () => {
    const app = await remindedMonday();
    for (const reply of ["暂缓实施的项目已全部复工", "销假后已到岗", "取消暂缓的项目已开工"]) {
      await app.say(PEOPLE.hrContact, reply);
      expect(await app.lastText(PEOPLE.hrContact), reply).toMatch(/^您有2项任务待报送/);
    }
    expect((await app.store.audit.query({})).filter((e) => e.action.startsWith("command."))).toEqual([]);
  });
});
