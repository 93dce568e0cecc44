import { describe, expect, it } from "vitest";
import { isReport } from "../../src/unit-view/is-report.js";
import { HR, MONDAY_1200, PEOPLE, useProgressApps } from "../helpers/progress-app.js";

/**
 * Issue 5's "Done when" list, one scenario per test: the real Koa app over HTTP, driven through
 * POST /dev/inbound and read through GET /dev/outbox, with the store checked after each step.
 */
const apps = useProgressApps();
const remindedMonday = apps.remindedMonday;

describe("issue 5 scenarios", () => {
  it("a unit receives a reminder card, clicks 签收, replies with numbers; report, actuals and light are right, and the ladder stops", async () => {
    const app = await remindedMonday();
    const card = (await app.outbox(PEOPLE.hrContact)).find(
      (m) => m.message.kind === "card" && m.message.card.title === "督办提醒｜第52项进展报送",
    );
    if (card?.message.kind !== "card" || !card.cardId) throw new Error("no card for task 52");
    expect(card.message.card.buttons.map((b) => b.text)).toEqual([
      "签收",
      "正常推进",
      "有困难",
      "申请办结",
      "申请延期",
      "填写进展",
    ]);

    await app.click(PEOPLE.hrContact, card.cardId, "ack");
    expect(await app.lastText(PEOPLE.hrContact)).toMatch(
      /^已签收第52项（统筹抓好高校毕业生.*）。请于2021年3月25日（周四）前报送2021年3月进展/,
    );
    const afterAck = await app.world();
    expect(afterAck.reported(52, HR, "")).toBe(true);
    expect(afterAck.reported(52, HR, "2021-03")).toBe(false);
    expect((await app.view(52, HR)).view.state).toBe("in-progress");

    await app.say(PEOPLE.hrContact, "52 已新增就业4200人，失业率2.9%");
    const reports = (await app.store.progress.history(52, HR)).filter(isReport);
    expect(reports).toEqual([
      expect.objectContaining({
        cycle: "2021-03",
        status: "reported",
        reportedBy: PEOPLE.hrContact,
        values: [
          { indicator: 0, value: 4200, unit: "人" },
          { indicator: 1, value: 2.9, unit: "%" },
        ],
        note: "已新增就业4200人，失业率2.9%",
        source: "text",
      }),
    ]);
    const { view } = await app.view(52, HR);
    expect(view.actuals.get(0)).toMatchObject({ value: 4200, unit: "人" });
    expect(view.actuals.get(1)).toMatchObject({ value: 2.9, unit: "%" });
    expect(await app.light(52, HR)).toEqual({ color: "green", reasons: ["按期推进"], text: "绿：按期推进" });
    const confirmation = await app.lastText(PEOPLE.hrContact);
    expect(confirmation).toContain("已记录第52项");
    expect(confirmation).toContain("· 城镇新增就业：4200人（目标6000人，完成70%）");
    expect(confirmation).toContain("· 城镇登记失业率：2.9%（目标3%以内）");
    expect(confirmation).toContain("当前灯色：绿：按期推进");
    expect(confirmation).toContain("如需更正，请回复“52 ……”重新报送");
    const audit = (await app.store.audit.query({ taskNo: 52, unit: HR })).map((e) => e.action);
    expect(audit).toEqual(
      expect.arrayContaining(["reminder.enqueued", "task.acknowledged", "progress.recorded"]),
    );

    // Thursday, the due date: the second reminder goes to 53 (unreported), not to 52.
    app.clock.set("2021-03-25T01:00:00Z");
    await app.sweep();
    const keys = (await app.store.outbox.list()).map((m) => m.idempotencyKey);
    expect(keys.filter((k) => k.startsWith(`53/${HR}/2021-03/due/`))).toHaveLength(1);
    expect(keys.filter((k) => k.startsWith(`52/${HR}/2021-03/due/`))).toEqual([]);
  });

  it("a reply without a task number when two tasks wait gets a question back and records nothing", async () => {
    const app = await remindedMonday();
    const before = await app.store.audit.query();
    await app.say(PEOPLE.hrContact, "已新增就业4200人");
    expect(await app.lastText(PEOPLE.hrContact)).toMatch(
      /^您有2项任务待报送：第52项（.*）、第53项（.*）。请在回复开头注明任务序号，如“52 城镇新增就业3600人”。本条未记录。$/,
    );
    expect(await app.store.progress.history(52)).toEqual([]);
    expect(await app.store.progress.history(53)).toEqual([]);
    expect(await app.store.prompts.active(PEOPLE.hrContact, MONDAY_1200)).toEqual([]);
    expect(await app.store.audit.query()).toEqual(before);
  });

  it("有困难 → the prompt → the difficulty is recorded and the light turns yellow", async () => {
    const app = await remindedMonday();
    await app.click(PEOPLE.hrContact, await app.cardId(PEOPLE.hrContact, "第52项"), "difficulty");
    expect(await app.lastText(PEOPLE.hrContact)).toMatch(
      /^请回复第52项（.*）遇到的困难和需要协调的事项，12小时内回复有效。$/,
    );
    expect(await app.store.prompts.active(PEOPLE.hrContact, MONDAY_1200)).toEqual([
      expect.objectContaining({ kind: "difficulty", taskNo: 52, unit: HR, cycle: "2021-03" }),
    ]);

    await app.say(PEOPLE.hrContact, "春季招聘会场地尚未落实，需区里协调");
    expect(await app.store.progress.latest(52, HR)).toMatchObject({
      cycle: "2021-03",
      status: "difficulty",
      note: "春季招聘会场地尚未落实，需区里协调",
    });
    expect(await app.store.prompts.active(PEOPLE.hrContact, MONDAY_1200)).toEqual([]);
    const light = await app.light(52, HR);
    expect(light.color).toBe("yellow");
    expect(light.text).toBe("黄：反映困难：春季招聘会场地尚未落实，需区里协调");
    const confirmation = await app.lastText(PEOPLE.hrContact);
    expect(confirmation).toContain("· 状态：有困难，督考办将跟进协调");
    expect(confirmation).toContain("当前灯色：黄：反映困难：春季招聘会场地尚未落实，需区里协调");
  });

  it("申请办结 → an admin approves → 已办结; another is returned with a reason → back to 推进中", async () => {
    const app = await remindedMonday();
    await app.click(PEOPLE.hrContact, await app.cardId(PEOPLE.hrContact, "第52项"), "complete");
    expect(await app.lastText(PEOPLE.hrContact)).toMatch(/^已提交第52项（.*）区人力资源和社会保障局办结申请/);
    const [request] = await app.store.requests.list({ taskNo: 52 });
    expect(request).toMatchObject({ kind: "completion", unit: HR, status: "pending" });
    expect((await app.view(52, HR)).view.state).toBe("completion-requested");

    // Both admins get the decision card; the first to decide wins.
    const decision1 = await app.cardId(PEOPLE.admin1, "办结申请｜第52项");
    const decision2 = await app.cardId(PEOPLE.admin2, "办结申请｜第52项");
    expect(await app.store.cards.get(decision1)).toMatchObject({ requestId: request?.id, taskNo: 52 });
    await app.click(PEOPLE.admin1, decision1, "approve");
    expect(await app.lastText(PEOPLE.admin1)).toMatch(/^已批准第52项（.*）区人力资源和社会保障局办结申请/);
    expect(await app.store.requests.get(request?.id as string)).toMatchObject({
      status: "approved",
      decision: { decision: "approved", decidedBy: PEOPLE.admin1 },
    });
    expect((await app.view(52, HR)).view.state).toBe("completed");
    expect((await app.world()).closed(52, HR)).toBe(true);
    expect(await app.lastText(PEOPLE.hrContact)).toMatch(
      /^【办结通知】第52项（.*）区人力资源和社会保障局办结申请已获督考办批准/,
    );
    await app.click(PEOPLE.admin2, decision2, "approve");
    expect(await app.lastText(PEOPLE.admin2)).toBe(
      "该申请已由袁振华于2021年3月22日处理（批准），无需重复操作。",
    );

    // Task 53: returned with a reason, back to 推进中.
    await app.click(PEOPLE.hrContact, await app.cardId(PEOPLE.hrContact, "第53项"), "complete");
    await app.click(PEOPLE.admin1, await app.cardId(PEOPLE.admin1, "办结申请｜第53项"), "return");
    expect(await app.lastText(PEOPLE.admin1)).toMatch(
      /^请回复退回第53项（区人力资源和社会保障局）办结申请的理由/,
    );
    await app.say(PEOPLE.admin1, "请补充社保基金运行监测报告");
    const [returned] = await app.store.requests.list({ taskNo: 53 });
    expect(returned).toMatchObject({
      status: "returned",
      decision: { decision: "returned", note: "请补充社保基金运行监测报告" },
    });
    expect((await app.view(53, HR)).view.state).toBe("in-progress");
    expect(await app.lastText(PEOPLE.hrContact)).toMatch(
      /^【退回通知】第53项（.*）区人力资源和社会保障局办结申请被退回，理由：请补充社保基金运行监测报告。请继续推进/,
    );
    const actions = (await app.store.audit.query({ taskNo: 53 })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["request.created", "request.returned"]));
  });

  it("申请延期 after the deadline is refused; before it, approved, and the ladder follows the new date", async () => {
    // Tuesday 21 December 2021: T-3 for December's reports, due Friday the 24th (the 25th is a Saturday).
    const app = await apps.start("2021-12-21T01:00:00Z");
    await app.sweep("2021-12-21T04:00:00Z");
    await app.click(PEOPLE.hrContact, await app.cardId(PEOPLE.hrContact, "第52项"), "extend");
    expect(await app.lastText(PEOPLE.hrContact)).toMatch(/当前完成时限：2021年12月31日。12小时内回复有效。$/);
    await app.say(PEOPLE.hrContact, "2022年1月31日 受疫情影响，部分招聘活动延后举办");
    const [request] = await app.store.requests.list({ taskNo: 52 });
    expect(request).toMatchObject({
      kind: "extension",
      status: "pending",
      newDeadline: "2022-01-31",
      reason: "受疫情影响，部分招聘活动延后举办",
    });
    await app.click(PEOPLE.admin2, await app.cardId(PEOPLE.admin2, "延期申请｜第52项"), "approve");
    expect(await app.lastText(PEOPLE.hrContact)).toMatch(/完成时限调整为2022年1月31日（第1次延期）。$/);
    const { view } = await app.view(52, HR);
    expect(view).toMatchObject({ deadline: "2022-01-31", extensions: 1 });
    const world = await app.world();
    expect(world.deadline(world.tasks.get(52) as never, HR)).toBe("2022-01-31");

    // Tuesday 4 January 2022: task 53's deadline (31 December) has passed.
    app.clock.set("2022-01-04T02:00:00Z");
    await app.click(PEOPLE.hrContact, await app.cardId(PEOPLE.hrContact, "第53项"), "extend");
    expect(await app.lastText(PEOPLE.hrContact)).toBe(
      "第53项完成时限为2021年12月31日，已过期限，不能再申请延期。如确有困难，请联系督考办。",
    );
    expect(await app.store.requests.list({ taskNo: 53 })).toEqual([]);
    expect(await app.store.prompts.active(PEOPLE.hrContact, app.clock.now())).toEqual([]);
    const refused = await app.store.audit.query({ taskNo: 53, unit: HR });
    expect(refused.at(-1)).toMatchObject({
      action: "extension.refused",
      details: { deadline: "2021-12-31" },
    });

    // Thursday 20 January 2022: T-3 for January's report, due Tuesday the 25th, for 52's host only.
    app.clock.set("2022-01-20T01:00:00Z");
    const report = await app.sweep("2022-01-20T04:00:00Z");
    expect(report).toMatchObject({ planned: 1, enqueued: 1 });
    const [january] = (await app.store.outbox.list()).filter((m) => m.idempotencyKey.includes("/2022-01/"));
    expect(january?.idempotencyKey).toBe(`52/${HR}/2022-01/first/${PEOPLE.hrContact}`);
  });

  it("a stranger's reply is refused and logged", async () => {
    const app = await remindedMonday();
    await app.say(PEOPLE.financeContact, "52 已新增就业4200人");
    expect(await app.lastText(PEOPLE.financeContact)).toBe(
      "您好，您不是第52项责任单位的联系人，无法报送或处理该任务。如有疑问，请联系督考办。",
    );
    await app.click(PEOPLE.financeContact, await app.cardId(PEOPLE.hrContact, "第52项"), "on-track");
    await app.say("wecom:somebody.else", "52 已新增就业4200人");
    expect(await app.texts("wecom:somebody.else")).toEqual([
      "您好，您不在督办联系人名录中，无法报送或处理督办事项。如需开通，请联系督考办。",
    ]);
    expect(await app.store.progress.history(52)).toEqual([]);
    const refusals = (await app.store.audit.query()).filter((e) => e.action === "reply.refused");
    expect(refusals).toEqual([
      expect.objectContaining({
        actor: PEOPLE.financeContact,
        taskNo: 52,
        details: expect.objectContaining({ reason: "not-a-contact", text: "52 已新增就业4200人" }),
      }),
      expect.objectContaining({
        actor: PEOPLE.financeContact,
        taskNo: 52,
        unit: HR,
        details: expect.objectContaining({ reason: "not-a-contact", actionKey: "on-track" }),
      }),
      expect.objectContaining({
        actor: "local:wecom:somebody.else",
        details: expect.objectContaining({ reason: "not-in-directory" }),
      }),
    ]);
  });

  it("a duplicate delivery is recorded once; two different clicks in the same second are both recorded", async () => {
    const app = await remindedMonday();
    for (let i = 0; i < 4; i++) await app.say(PEOPLE.hrContact, "52 已新增就业4200人", "wecom:msg:7001");
    expect(await app.store.progress.history(52, HR)).toHaveLength(1);
    expect((await app.texts(PEOPLE.hrContact)).filter((t) => t.startsWith("已记录第52项"))).toHaveLength(1);
    expect(
      (await app.store.audit.query({ taskNo: 52 })).filter((e) => e.action.startsWith("progress.")),
    ).toHaveLength(1);

    // Two clicks at the same instant are two events: both recorded, as versions 2 and 3.
    const cardId = await app.cardId(PEOPLE.hrContact, "第52项");
    await app.click(PEOPLE.hrContact, cardId, "on-track", "wecom:card:a");
    await app.click(PEOPLE.hrContact, cardId, "on-track", "wecom:card:b");
    const versions = (await app.store.progress.history(52, HR)).map((r) => [r.version, r.status]);
    expect(versions).toEqual([
      [1, "reported"],
      [2, "on-track"],
      [3, "on-track"],
    ]);
    expect(await app.lastText(PEOPLE.hrContact)).toMatch(/^【已修改】已记录第52项/);
  });
});
