import { describe, expect, it } from "vitest";
import { planRemindersFor } from "../../src/reminders/plan-reminders.js";
import { collectLedger } from "../../src/reports/ledger/collect-ledger.js";
import { HR, PEOPLE, type ProgressApp, useProgressApps } from "../helpers/progress-app.js";

/**
 * Issue 13, item 5: an approved completion can be undone. /reopen (撤销办结) puts the unit's part back
 * to 推进中 through the real inbound path on the local channel: recorded beside the approval (which
 * stays), shown in /task, logged, the unit told, and the ladder reminds the unit again.
 */
const apps = useProgressApps();

async function approvedCompletion(app: ProgressApp, taskNo: number) {
  await app.click(PEOPLE.hrContact, await app.cardId(PEOPLE.hrContact, `第${taskNo}项`), "complete");
  const request = (await app.store.requests.list({ taskNo, status: "pending" })).at(-1);
  if (!request) throw new Error(`no completion request on ${taskNo}`);
  await app.say(PEOPLE.admin1, `/approve ${request.id}`);
  return request;
}

const ran = async (app: ProgressApp) =>
  (await app.store.audit.query({})).filter((e) => e.action.startsWith("command.")).at(-1);
/** Thursday 25 March 2021: the due date of March's reports, when the ladder's 当日提醒 goes out. */
const DUE_DAY = "2021-03-25";
const planned = async (app: ProgressApp, taskNo: number, unit: string) =>
  planRemindersFor(await app.world(), DUE_DAY).filter((p) => p.taskNo === taskNo && p.unit === unit);

describe("reopening an approved completion", () => {
  it("puts the unit back to 推进中: /task, the audit, the unit told, the ladder resumes", async () => {
    const app = await apps.remindedMonday();
    const completion = await approvedCompletion(app, 52);
    expect(await app.lastText(PEOPLE.admin1)).toMatch(
      new RegExp(`已办结。如需撤销，请发送“/reopen 52 ${HR} 理由”。$`),
    );
    expect((await app.view(52, HR)).view.state).toBe("completed");
    expect((await app.world()).closed(52, HR)).toBe(true);
    expect(await planned(app, 52, HR)).toEqual([]);

    await app.say(PEOPLE.admin2, "撤销办结 52 人社局 佐证材料与实际不符，请继续推进");
    expect(await app.lastText(PEOPLE.admin2)).toMatch(
      new RegExp(
        `^已撤销第52项（.*）${HR}的办结（原由袁振华于2021年3月22日批准），该单位此项任务恢复为推进中，理由：佐证材料与实际不符，请继续推进。`,
      ),
    );
    // The approval stays as decided; the reopening is a record of its own that names it.
    expect(await app.store.requests.get(completion.id)).toMatchObject({
      status: "approved",
      decision: { decision: "approved", decidedBy: PEOPLE.admin1 },
    });
    const reopening = (await app.store.requests.list({ taskNo: 52 })).find((r) => r.kind === "reopening");
    expect(reopening).toMatchObject({
      unit: HR,
      status: "approved",
      undoes: completion.id,
      requestedBy: PEOPLE.admin2,
      reason: "佐证材料与实际不符，请继续推进",
      decision: { decision: "approved", decidedBy: PEOPLE.admin2 },
    });

    expect((await app.view(52, HR)).view.state).toBe("in-progress");
    expect((await app.light(52, HR)).reasons).not.toContain("已办结");
    expect((await app.world()).closed(52, HR)).toBe(false);
    expect((await planned(app, 52, HR)).map((p) => p.step)).toEqual(["due"]);

    expect(await app.lastText(PEOPLE.hrContact)).toMatch(
      new RegExp(
        `^【撤销办结】第52项（.*）${HR}的办结已由督考办撤销，理由：佐证材料与实际不符，请继续推进。该项任务恢复为推进中`,
      ),
    );
    const audit = await app.store.audit.query({ taskNo: 52 });
    expect(audit.filter((e) => e.action === "request.reopened")).toEqual([
      expect.objectContaining({
        actor: PEOPLE.admin2,
        unit: HR,
        person: PEOPLE.hrContact,
        details: expect.objectContaining({
          requestId: reopening?.id,
          undoes: completion.id,
          approvedBy: PEOPLE.admin1,
          reason: "佐证材料与实际不符，请继续推进",
        }),
      }),
    ]);
    expect(await ran(app)).toMatchObject({
      action: "command.ran",
      actor: PEOPLE.admin2,
      taskNo: 52,
      unit: HR,
      details: { command: "reopen", result: "reopened", undoes: completion.id, told: 1 },
    });

    await app.say(PEOPLE.admin1, "/task 52");
    const task = await app.lastText(PEOPLE.admin1);
    expect(task).toContain(
      [
        "【办结和延期申请】",
        "· 区人社局办结申请已由袁振华于3月22日（周一）批准",
        "· 区人社局的办结已由邓桂芳于3月22日（周一）撤销，恢复为推进中：佐证材料与实际不符，请继续推进",
      ].join("\n"),
    );
    expect(task).toContain("· 区人社局（主办）：推进中；");

    // The ledger (src/reports/ledger/) follows: the unit 推进中, the reopening in its history.
    const { directory, people, calendar, settings } = app.app.services;
    const ledger = await collectLedger(
      { store: app.store, directory, people, calendar, settings },
      "2021-03-22",
    );
    expect(ledger?.rows.find((r) => r.task.no === 52 && r.unit === HR)?.state).toBe("推进中");
    expect(
      ledger?.history.filter((h) => h.task.no === 52).map((h) => [h.event, h.person, h.content]),
    ).toEqual(
      expect.arrayContaining([
        ["批准办结", "袁振华", ""],
        ["撤销办结", "邓桂芳", "理由：佐证材料与实际不符，请继续推进"],
      ]),
    );

    // Reopened, the unit may ask again, and the office approve again: closed once more.
    const again = await approvedCompletion(app, 52);
    expect(again.id).not.toBe(completion.id);
    expect((await app.view(52, HR)).view.state).toBe("completed");
    expect((await app.world()).closed(52, HR)).toBe(true);
  });

  it("refuses a unit that is not 已办结, and says what is missing", async () => {
    const app = await apps.remindedMonday();
    await app.say(PEOPLE.admin1, "/reopen 52 人社局 理由");
    expect(await app.lastText(PEOPLE.admin1)).toBe(`第52项${HR}尚未办结，无需撤销。`);
    expect(await ran(app)).toMatchObject({ details: { command: "reopen", result: "not-completed" } });

    await approvedCompletion(app, 52);
    await app.say(PEOPLE.admin1, "/reopen 52 人社局");
    expect(await app.lastText(PEOPLE.admin1)).toBe(
      "请写明撤销办结的理由。\n用法：/reopen 任务序号 [单位] 理由（任务只有一个单位时可不写单位）\n例如：/reopen 52 人社局 佐证材料与实际不符，请继续推进",
    );
    await app.say(PEOPLE.admin1, "/reopen 52 材料不实");
    expect(await app.lastText(PEOPLE.admin1)).toMatch(/^未找到单位“材料不实”/);
    await app.say(PEOPLE.admin1, "/reopen 52 区财政局 材料不实");
    expect(await app.lastText(PEOPLE.admin1)).toMatch(/^区财政局不是第52项的责任单位。/);
    await app.say(PEOPLE.admin1, "/reopen 999 人社局 材料不实");
    expect(await app.lastText(PEOPLE.admin1)).toMatch(/^未找到第999项任务，请核对序号。/);
    expect((await app.store.requests.list({ taskNo: 52 })).some((r) => r.kind === "reopening")).toBe(false);
    expect((await app.view(52, HR)).view.state).toBe("completed");
  });

  it("refuses a contact politely; the completion stands", async () => {
    const app = await apps.remindedMonday();
    await approvedCompletion(app, 52);
    await app.say(PEOPLE.hrContact, "/reopen 52 人社局 还需继续");
    expect(await app.lastText(PEOPLE.hrContact)).toBe("您好，该命令仅限督考办管理员使用。");
    expect((await app.view(52, HR)).view.state).toBe("completed");
    expect((await app.store.audit.query({})).at(-1)).toMatchObject({
      actor: PEOPLE.hrContact,
      action: "command.refused",
      details: { command: "reopen", result: "refused" },
    });
  });

  it("an approved extension's answer names the /extend that moves it back", async () => {
    const app = await apps.start("2021-12-21T01:00:00Z");
    await app.sweep("2021-12-21T04:00:00Z");
    await app.click(PEOPLE.hrContact, await app.cardId(PEOPLE.hrContact, "第52项"), "extend");
    await app.say(PEOPLE.hrContact, "2022年1月31日 受疫情影响，部分招聘活动延后举办");
    await app.say(PEOPLE.admin1, "/approve 52");
    expect(await app.lastText(PEOPLE.admin1)).toMatch(
      new RegExp(
        `完成时限调整为2022年1月31日（第1次延期）。如需改回原时限，请发送“/extend 52 ${HR} 2021-12-31 恢复原时限”。$`,
      ),
    );
    await app.say(PEOPLE.admin1, `/extend 52 ${HR} 2021-12-31 恢复原时限`);
    expect((await app.view(52, HR)).view.deadline).toBe("2021-12-31");
  });
});
