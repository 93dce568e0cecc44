import { describe, expect, it } from "vitest";
import { HR, PEOPLE, useProgressApps } from "../helpers/progress-app.js";

/** Issue 13: /task through the real inbound path, over HTTP, on the local channel. */
const { remindedMonday } = useProgressApps();
const HR_HEAD = "wecom:demo.u06.head";
/** 张修斌 leads task 52 but not 53. */
const LEADER_ZHANG = "wecom:demo.leader13";
const STRANGER = "wecom:not.in.directory";

type App = Awaited<ReturnType<typeof remindedMonday>>;
const commandAudit = async (app: App) =>
  (await app.store.audit.query({})).filter((e) => e.action.startsWith("command."));

describe("/task", () => {
  it("shows a contact their unit's task in full: indicators, requests, what is in force, then the units, in pages", async () => {
    const app = await remindedMonday();
    await app.say(PEOPLE.hrContact, "52 城镇新增就业4200人，城镇登记失业率2.9%");
    await app.click(PEOPLE.hrContact, await app.cardId(PEOPLE.hrContact, "第52项"), "extend");
    await app.say(PEOPLE.hrContact, "2022年1月31日 受疫情影响，部分招聘活动延后举办");
    await app.say(HR_HEAD, "/away 4月19日-4月23日 代理人=徐勇");
    await app.say(PEOPLE.hrContact, "/snooze 53");

    const [request] = await app.store.requests.list({ taskNo: 52 });
    const code = request?.id.split("-").at(-1);

    await app.say(PEOPLE.hrContact, "/task 52");
    const first = await app.lastText(PEOPLE.hrContact);
    expect(first.split("\n").slice(0, 18).join("\n")).toBe(
      [
        "第52项 统筹抓好高校毕业生、退役军人、农民工、失业人员…",
        "统筹抓好高校毕业生、退役军人、农民工、失业人员等群体就业，支持创新创业，深入推进国家级和谐劳动关系创建活动，年内城镇新增就业6000人，城镇登记失业率控制在3%以内。",
        "牵头领导：屈耀武、张修斌",
        `主办单位：${HR}`,
        "协办单位：区退役军人局、大安镇、颜店镇等11个单位",
        "完成时限：12月31日（周五）",
        "指标（序时进度21.2%）：",
        "· 城镇新增就业：目标6000人，已报4200人（完成70%）",
        "· 城镇登记失业率：目标3%以内，已报2.9%",
        "【办结和延期申请】",
        `· 区人社局于3月22日（周一）申请延期至2022年1月31日（周一），待督考办审核（编号${code}）。理由：受疫情影响，部分招聘活动延后举办`,
        "【正在生效的安排（可撤销）】",
        "· 徐勇（区人社局联络员）暂缓提醒至3月23日（周二）09:00",
        "· 孙海燕（区人社局负责人）外出：4月19日（周一）至4月23日（周五），代理人徐勇",
        "【各单位情况：12个单位】",
        "· 区人社局（主办）：推进中；绿：按期推进；上次报送：3月22日：城镇新增就业4200人，城镇登记失业率2.9%",
        "· 区退役军人局（协办）：待签收；红：报送逾期19个工作日；上次报送：尚未报送",
        "· 大安镇（协办）：待签收；红：报送逾期19个工作日；上次报送：尚未报送",
      ].join("\n"),
    );
    // The units go on over the next page, within one message each.
    expect(first).toMatch(/\n（第1\/2页。发送“\/task 52 2”查看下一页。）$/);
    expect(Buffer.byteLength(first)).toBeLessThanOrEqual(2048);
    await app.say(PEOPLE.hrContact, "/task 52 2");
    const second = await app.lastText(PEOPLE.hrContact);
    expect(second).toMatch(/^第52项 统筹抓好.*\n【各单位情况：12个单位】\n· /);
    expect(second).toMatch(
      /· 漕河镇（协办）：待签收；红：报送逾期19个工作日；上次报送：尚未报送\n（第2\/2页，已是最后一页。）$/,
    );
    const units = [...`${first}\n${second}`.matchAll(/^· (\S+?)（(主办|协办)）/gm)].map((m) => m[1]);
    const { context } = await app.view(52, HR);
    expect(units).toHaveLength(context.assignments.length);

    // What ran is in the audit log, with the task; nothing was stored as a report by looking.
    const [task, page2] = (await commandAudit(app)).filter((e) => e.details.command === "task");
    expect(task).toMatchObject({
      actor: PEOPLE.hrContact,
      taskNo: 52,
      details: { result: "answered", args: { task: "52" }, page: 1, pages: 2 },
    });
    expect(page2?.details).toMatchObject({ page: 2, pages: 2 });
    expect((await app.store.progress.history(52)).map((r) => r.unit)).toEqual([HR]);
  });

  it("shows the office's mutes, the urges and the decided requests, and drops what was undone", async () => {
    const app = await remindedMonday();
    await app.click(PEOPLE.hrContact, await app.cardId(PEOPLE.hrContact, "第52项"), "extend");
    await app.say(PEOPLE.hrContact, "2022年1月31日 受疫情影响，部分招聘活动延后举办");
    await app.say(PEOPLE.admin1, "/approve 52");
    await app.say(PEOPLE.admin1, "/mute 人社局 人员调整期间暂停");
    await app.say(PEOPLE.admin1, "/mute 52");
    await app.say(PEOPLE.admin1, "/remind 52 人社局");
    await app.say(PEOPLE.admin1, "/remind 52 退役军人局");
    await app.say(PEOPLE.admin1, "/task 52");
    const shown = await app.lastText(PEOPLE.admin1);
    expect(shown).toContain(
      [
        "【办结和延期申请】",
        "· 区人社局延期至2022年1月31日（周一）已由袁振华于3月22日（周一）批准",
        "【正在生效的安排（可撤销）】",
        "· 本项任务：3月22日由袁振华暂停",
        "· 区人社局：3月22日由袁振华暂停（人员调整期间暂停）",
        "【催办记录：共2次】",
        "· 3月22日（周一）12:00 袁振华催办区退役军人局（赵宏伟）",
        "· 3月22日（周一）12:00 袁振华催办区人社局（徐勇）",
        "【各单位情况：12个单位】",
        "· 区人社局（主办）：待签收；红：报送逾期17个工作日；上次报送：尚未报送；完成时限已延至2022年1月31日（周一）",
      ].join("\n"),
    );
    await app.say(PEOPLE.admin1, "/unmute 52");
    await app.say(PEOPLE.admin1, "/unmute 人社局");
    await app.say(PEOPLE.admin1, "/task 52");
    expect(await app.lastText(PEOPLE.admin1)).not.toContain("【正在生效的安排（可撤销）】");
  });

  it("reads the task as replies write it, and answers a bad or unknown one with the usage", async () => {
    const app = await remindedMonday();
    await app.say(PEOPLE.hrContact, "查任务 第五十三项");
    expect(await app.lastText(PEOPLE.hrContact)).toMatch(
      /^第53项 深化社会保险制度改革\n深化社会保险制度改革，/,
    );
    await app.say(PEOPLE.hrContact, "/task 999");
    expect(await app.lastText(PEOPLE.hrContact)).toBe(
      "未找到第999项任务，请核对序号。\n用法：/task 序号 [页码]\n例如：/task 52",
    );
    await app.say(PEOPLE.hrContact, "/task 五十二");
    expect(await app.lastText(PEOPLE.hrContact)).toBe(
      "“五十二”不是任务序号。请写任务序号，如“52”“第52项”或“52号”。\n用法：/task 序号 [页码]\n例如：/task 52",
    );
    await app.say(PEOPLE.hrContact, "/task 52 第3页");
    expect(await app.lastText(PEOPLE.hrContact)).toBe("只有1页，请发送“/task 52”查看。");
    await app.say(PEOPLE.hrContact, "/task");
    expect(await app.lastText(PEOPLE.hrContact)).toBe(
      "命令格式有误。用法：/task 序号 [页码]\n例如：/task 52",
    );
    expect((await commandAudit(app)).map((e) => [e.action, e.details.result, e.details.problem])).toEqual([
      ["command.ran", "answered", undefined],
      ["command.ran", "invalid", "unknown-task"],
      ["command.ran", "invalid", "not-a-task"],
      ["command.ran", "out-of-range", undefined],
      ["command.invalid", "usage", { kind: "missing", param: "task" }],
    ]);
  });

  it("lets leaders and the office see any task, a contact only their units', and refuses someone unknown", async () => {
    const app = await remindedMonday();
    await app.say(LEADER_ZHANG, "/task 53");
    expect(await app.lastText(LEADER_ZHANG)).toMatch(/^第53项 深化社会保险制度改革\n/);
    await app.say(PEOPLE.admin1, "/task 53");
    expect(await app.lastText(PEOPLE.admin1)).toMatch(/^第53项 深化社会保险制度改革\n/);
    await app.say(PEOPLE.financeContact, "/task 52");
    expect(await app.lastText(PEOPLE.financeContact)).toBe(
      "第52项不是您所在单位承办的任务，无法查看。发送 /my（我的任务）可查看您的任务。",
    );
    await app.say(STRANGER, "/task 52");
    expect(await app.lastText(STRANGER)).toMatch(
      /^您好，该命令仅限督考办管理员、牵头领导、单位联络员和负责人使用。\n您尚未登记/,
    );
    expect((await commandAudit(app)).map((e) => [e.actor, e.action, e.details.result])).toEqual([
      [LEADER_ZHANG, "command.ran", "answered"],
      [PEOPLE.admin1, "command.ran", "answered"],
      [PEOPLE.financeContact, "command.ran", "refused"],
      [`local:${STRANGER}`, "command.refused", "refused"],
    ]);
  });
});
