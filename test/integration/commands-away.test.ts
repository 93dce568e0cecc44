import { describe, expect, it } from "vitest";
import { planRemindersFor } from "../../src/reminders/plan-reminders.js";
import { HR, PEOPLE, useProgressApps } from "../helpers/progress-app.js";

/** Issue 13: /away (请假) and /back (销假) through the real inbound path, on the local channel. */
const { remindedMonday } = useProgressApps();
/** 孙海燕, head of 区人力资源和社会保障局. */
const HR_HEAD = "wecom:demo.u06.head";
const LEADER_QU = "wecom:demo.leader05";
const USAGE = "\n用法：/away 开始日期-结束日期 代理人=姓名\n例如：/away 4月6日-4月10日 代理人=孙海燕";

type App = Awaited<ReturnType<typeof remindedMonday>>;

/** Who the ladder writes to about task 52 for 区人社局 on each of `dates`. */
async function recipientsOf52(app: App, dates: string[]) {
  const world = await app.world();
  return dates.flatMap((date) =>
    planRemindersFor(world, date)
      .filter((r) => r.taskNo === 52 && r.unit === HR)
      .map((r) => [date, r.step, r.recipient.personId, r.onBehalfOf?.personId]),
  );
}

describe("/away and /back", () => {
  it("sends the reminders of a period to come to the substitute within it only, and /back cancels it", async () => {
    const app = await remindedMonday();
    await app.say(PEOPLE.hrContact, "/away 4月19日-4月23日 代理人=孙海燕");
    expect(await app.lastText(PEOPLE.hrContact)).toBe(
      `已登记外出：4月19日（周一）至4月23日（周五）。期间督办提醒发给代理人孙海燕（${HR}负责人），孙海燕也可代为报送，已通知孙海燕。提前返回请发送 /back（销假）。`,
    );
    expect(await app.store.people.get(PEOPLE.hrContact)).toEqual({
      awayFrom: "2021-04-19",
      awayUntil: "2021-04-23",
      substitute: HR_HEAD,
    });
    expect(await app.lastText(HR_HEAD)).toBe(
      `【代理通知】徐勇（${HR}联络员）4月19日（周一）至4月23日（周五）外出，期间其督办提醒将发给您，请代为报送进展。如有疑问，请联系督考办。`,
    );
    expect((await app.store.audit.query({})).at(-1)).toMatchObject({
      actor: PEOPLE.hrContact,
      action: "command.ran",
      details: {
        command: "away",
        result: "recorded",
        from: "2021-04-19",
        until: "2021-04-23",
        substitute: HR_HEAD,
      },
    });

    // The ladder: Thursday's due-day card still goes to 徐勇; April's cards go to 孙海燕 for him.
    const april = ["2021-04-19", "2021-04-20", "2021-04-21", "2021-04-22", "2021-04-23"];
    expect(await recipientsOf52(app, ["2021-03-25"])).toEqual([
      ["2021-03-25", "due", PEOPLE.hrContact, undefined],
    ]);
    const during = await recipientsOf52(app, april);
    expect(during.length).toBeGreaterThan(0);
    expect(during.every(([, , to, onBehalfOf]) => to === HR_HEAD && onBehalfOf === PEOPLE.hrContact)).toBe(
      true,
    );

    await app.say(PEOPLE.hrContact, "/my");
    expect(await app.lastText(PEOPLE.hrContact)).toMatch(
      /^徐勇，您的督办任务（截至3月22日（周一））：\n您已登记外出：4月19日（周一）至4月23日（周五），期间督办提醒发给代理人孙海燕。提前返回请发送 \/back（销假）。\n【/,
    );

    await app.say(PEOPLE.hrContact, "/back");
    expect(await app.lastText(PEOPLE.hrContact)).toBe("已取消4月19日（周一）至4月23日（周五）的外出登记。");
    expect(await app.store.people.get(PEOPLE.hrContact)).toEqual({});
    expect(await app.lastText(HR_HEAD)).toBe(
      `【代理通知】徐勇（${HR}联络员）已取消4月19日（周一）至4月23日（周五）的外出登记，届时不再由您代理。`,
    );
    expect((await recipientsOf52(app, april)).every(([, , to]) => to === PEOPLE.hrContact)).toBe(true);
    await app.say(PEOPLE.hrContact, "销假");
    expect(await app.lastText(PEOPLE.hrContact)).toBe("您当前没有外出登记，无需销假。");
    const back = (await app.store.audit.query({})).filter((e) => e.details.command === "back");
    expect(back.map((e) => [e.details.result, e.details.from, e.details.substitute])).toEqual([
      ["cancelled", "2021-04-19", HR_HEAD],
      ["not-away", undefined, undefined],
    ]);
  });

  it("lets a substitute from another unit report for the unit during the period, not before", async () => {
    const app = await remindedMonday();
    await app.say(PEOPLE.hrContact, "请假 3月24日至26日 代理人=袁军");
    expect(await app.lastText(PEOPLE.hrContact)).toMatch(
      /^已登记外出：3月24日（周三）至3月26日（周五）。期间督办提醒发给代理人袁军（区财政局联络员）/,
    );
    await app.say(PEOPLE.financeContact, "52 城镇新增就业4300人");
    expect(await app.lastText(PEOPLE.financeContact)).toMatch(/^您好，您不是第52项责任单位的联系人/);
    app.clock.set("2021-03-24T02:00:00Z"); // Wednesday 10:00: the period has begun.
    await app.say(PEOPLE.financeContact, "52 城镇新增就业4300人");
    expect(await app.lastText(PEOPLE.financeContact)).toMatch(/^已记录第52项/);
    expect(await app.store.progress.latest(52, HR)).toMatchObject({
      reportedBy: PEOPLE.financeContact,
      values: [{ value: 4300, unit: "人" }],
    });
    await app.say(PEOPLE.hrContact, "已返回");
    expect(await app.lastText(PEOPLE.hrContact)).toBe(
      "已销假：3月24日（周三）至3月26日（周五）的外出登记已结束，督办提醒恢复发给您本人。",
    );
    expect(await app.lastText(PEOPLE.financeContact)).toBe(
      `【代理通知】徐勇（${HR}联络员）已销假，3月24日（周三）至3月26日（周五）的代理安排结束，其督办提醒不再发给您。`,
    );
    await app.say(PEOPLE.financeContact, "52 城镇新增就业4400人");
    expect(await app.lastText(PEOPLE.financeContact)).toMatch(/^您好，您不是第52项责任单位的联系人/);
  });

  it("starts a period already begun today, takes the substitute however written, and replaces the one before", async () => {
    const app = await remindedMonday();
    await app.say(PEOPLE.hrContact, "外出 今天-本周五 孙海燕");
    expect(await app.lastText(PEOPLE.hrContact)).toMatch(/^已登记外出：3月22日（周一）至3月26日（周五）。/);
    await app.say(PEOPLE.hrContact, "/away 3月19日至3月31日 代理人：袁军");
    expect(await app.lastText(PEOPLE.hrContact)).toBe(
      [
        "已登记外出：3月22日（周一）至3月31日（周三）。期间督办提醒发给代理人袁军（区财政局联络员），袁军也可代为报送，已通知袁军。提前返回请发送 /back（销假）。",
        "开始日期已过，自今天起计。",
        "此前登记的外出（3月22日（周一）至3月26日（周五））已由本次登记替代。",
      ].join("\n"),
    );
    expect(await app.store.people.get(PEOPLE.hrContact)).toEqual({
      awayFrom: "2021-03-22",
      awayUntil: "2021-03-31",
      substitute: PEOPLE.financeContact,
    });
    // The substitute replaced is told the arrangement ended.
    expect(await app.lastText(HR_HEAD)).toBe(
      `【代理通知】徐勇（${HR}联络员）已销假，3月22日（周一）至3月26日（周五）的代理安排结束，其督办提醒不再发给您。`,
    );
    expect((await app.store.audit.query({})).at(-1)?.details).toMatchObject({
      substitute: PEOPLE.financeContact,
      replaced: { from: "2021-03-22", until: "2021-03-26", substitute: HR_HEAD },
    });
  });

  it("refuses what it cannot record, saying what to write, and records nothing", async () => {
    const app = await remindedMonday();
    const canName = `可指定：孙海燕（${HR}负责人）。`;
    const answers: Record<string, string> = {
      "/away 4月19日-4月23日": `请指定代理人：外出期间的督办提醒将发给代理人。${canName}`,
      "/away 4月19日-4月23日 代理人=李四": `名录中没有“李四”。${canName}`,
      "/away 4月19日-4月23日 代理人=徐勇": `代理人不能是您本人。${canName}`,
      "/away 3月1日-3月5日 代理人=孙海燕": "结束日期3月5日（周五）已过，请写今天或以后的日期。",
      "/away 下个月 代理人=孙海燕": "无法识别日期范围“下个月”。请写作“4月6日-4月10日”或“4月6日至4月10日”。",
      "/away 4月10日-4月6日 代理人=孙海燕": "日期范围“4月10日-4月6日”的结束日期早于开始日期，请核对。",
      "/away 4月1日-6月30日 代理人=孙海燕":
        "外出登记最长60天（本次91天）。更长时间请联系督考办调整本单位联系人。",
    };
    for (const [text, answer] of Object.entries(answers)) {
      await app.say(PEOPLE.hrContact, text);
      expect(await app.lastText(PEOPLE.hrContact), text).toBe(`${answer}${USAGE}`);
    }
    await app.say(HR_HEAD, "/away 4月19日-4月23日 代理人=徐勇");
    await app.say(PEOPLE.hrContact, "/away 4月22日-4月26日 代理人=孙海燕");
    expect(await app.lastText(PEOPLE.hrContact)).toBe(
      `孙海燕已登记外出（4月19日（周一）至4月23日（周五）），请另选代理人。${USAGE}`,
    );
    expect(await app.store.people.get(PEOPLE.hrContact)).toBeUndefined();
    const problems = (await app.store.audit.query({}))
      .filter((e) => e.actor === PEOPLE.hrContact)
      .map((e) => [e.action, e.details.result, e.details.problem]);
    expect(problems).toEqual(
      [
        "no-substitute",
        "unknown-person",
        "self",
        "past-range",
        "bad-range",
        "reversed-range",
        "too-long",
        "substitute-away",
      ].map((code) => ["command.ran", "invalid", code]),
    );

    await app.say(LEADER_QU, "/away 4月19日-4月23日 代理人=寇宁");
    expect(await app.lastText(LEADER_QU)).toBe("您好，该命令仅限单位联络员和负责人使用。");
    await app.say(LEADER_QU, "/back");
    expect(await app.lastText(LEADER_QU)).toBe("您好，该命令仅限单位联络员和负责人使用。");
    expect(await app.store.people.get(LEADER_QU)).toBeUndefined();
    await app.say(PEOPLE.hrContact, "外出招商3次，签约项目2个");
    expect(await app.lastText(PEOPLE.hrContact)).toMatch(/^您有2项任务待报送/);
  });
});
