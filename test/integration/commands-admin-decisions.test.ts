import { describe, expect, it } from "vitest";
import { HR, PEOPLE, type ProgressApp, useProgressApps } from "../helpers/progress-app.js";

/**
 * Issue 13: /approve, /return and /reject decide requests through the real inbound path on the
 * local channel, as the decision cards' buttons do (src/workflow/apply-decision.ts).
 */
const apps = useProgressApps();

async function requestCompletion(app: ProgressApp, taskNo: number) {
  await app.click(PEOPLE.hrContact, await app.cardId(PEOPLE.hrContact, `第${taskNo}项`), "complete");
  const request = (await app.store.requests.list({ taskNo, status: "pending" })).at(-1);
  if (!request) throw new Error(`no completion request on ${taskNo}`);
  return request;
}

const code = (id: string) => id.split("-").at(-1) as string;
const ran = async (app: ProgressApp) =>
  (await app.store.audit.query({})).filter((e) => e.action === "command.ran").at(-1);

describe("deciding requests by command", () => {
  it("lists what waits, approves by task number, and tells the unit as the card does", async () => {
    const app = await apps.remindedMonday();
    await app.say(PEOPLE.admin1, "/approve");
    expect(await app.lastText(PEOPLE.admin1)).toBe("目前没有待审核的申请。");
    const r52 = await requestCompletion(app, 52);
    const r53 = await requestCompletion(app, 53);
    await app.say(PEOPLE.admin1, "批准");
    expect(await app.lastText(PEOPLE.admin1)).toBe(
      [
        "待审核的申请共2项（用编号或任务序号审核，如 /approve 52）：",
        `· ${code(r52.id)} 第52项 ${HR} 办结申请（徐勇，2021年3月22日）`,
        `· ${code(r53.id)} 第53项 ${HR} 办结申请（徐勇，2021年3月22日）`,
      ].join("\n"),
    );

    await app.say(PEOPLE.admin1, "/approve 第52项");
    expect(await app.lastText(PEOPLE.admin1)).toMatch(
      new RegExp(
        `^已批准第52项（.*）${HR}办结申请，该单位此项任务已办结。如需撤销，请发送“/reopen 52 ${HR} 理由”。$`,
      ),
    );
    expect(await app.store.requests.get(r52.id)).toMatchObject({
      status: "approved",
      decision: { decision: "approved", decidedBy: PEOPLE.admin1 },
    });
    expect((await app.view(52, HR)).view.state).toBe("completed");
    expect((await app.world()).closed(52, HR)).toBe(true);
    expect(await app.lastText(PEOPLE.hrContact)).toMatch(
      /^【办结通知】第52项（.*）区人力资源和社会保障局办结申请已获督考办批准/,
    );
    const approved = (await app.store.audit.query({ taskNo: 52 })).filter(
      (e) => e.action === "request.approved",
    );
    expect(approved).toEqual([
      expect.objectContaining({ actor: PEOPLE.admin1, unit: HR, person: PEOPLE.hrContact }),
    ]);
    expect(await ran(app)).toMatchObject({
      actor: PEOPLE.admin1,
      taskNo: 52,
      unit: HR,
      details: { command: "approve", result: "approved", requestId: r52.id },
    });

    // The other admin's card, clicked afterwards, says who decided: one decision, whichever way.
    await app.click(PEOPLE.admin2, await app.cardId(PEOPLE.admin2, "办结申请｜第52项"), "approve");
    expect(await app.lastText(PEOPLE.admin2)).toBe(
      "该申请已由袁振华于2021年3月22日处理（批准），无需重复操作。",
    );
    await app.say(PEOPLE.admin2, `/approve ${r52.id}`);
    expect(await app.lastText(PEOPLE.admin2)).toBe(
      "该申请已由袁振华于2021年3月22日处理（批准），无需重复操作。",
    );
    expect(await ran(app)).toMatchObject({ details: { result: "already-decided" } });
  });

  it("returns a completion request by its code with the reason, and the unit is back at work", async () => {
    const app = await apps.remindedMonday();
    const request = await requestCompletion(app, 53);
    await app.say(PEOPLE.admin2, "/return 53");
    expect(await app.lastText(PEOPLE.admin2)).toBe(
      "命令格式有误。用法：/return 申请编号或任务序号 理由\n例如：/return 52 佐证材料不全，请补充后再申请",
    );
    await app.say(
      PEOPLE.admin2,
      `退回 ${code(request.id).slice(0, 6)} 请补充社保基金运行监测报告 及相关佐证`,
    );
    expect(await app.store.requests.get(request.id)).toMatchObject({
      status: "returned",
      decision: {
        decision: "returned",
        decidedBy: PEOPLE.admin2,
        note: "请补充社保基金运行监测报告 及相关佐证",
      },
    });
    expect((await app.view(53, HR)).view.state).toBe("in-progress");
    expect(await app.lastText(PEOPLE.hrContact)).toMatch(
      /^【退回通知】第53项（.*）区人力资源和社会保障局办结申请被退回，理由：请补充社保基金运行监测报告 及相关佐证。/,
    );
    // A completion request cannot be turned down as an extension is.
    await app.say(PEOPLE.admin2, `/reject ${request.id} 不同意`);
    expect(await app.lastText(PEOPLE.admin2)).toBe(
      `第53项${HR}的申请为办结申请，请用 /approve 批准或 /return 退回。`,
    );
  });

  it("turns down an extension with its reason; the deadline stands", async () => {
    const app = await apps.start("2021-12-21T01:00:00Z");
    await app.sweep("2021-12-21T04:00:00Z");
    await app.click(PEOPLE.hrContact, await app.cardId(PEOPLE.hrContact, "第52项"), "extend");
    await app.say(PEOPLE.hrContact, "2022年1月31日 受疫情影响，部分招聘活动延后举办");
    await app.say(PEOPLE.admin1, "/return 52 不同意");
    expect(await app.lastText(PEOPLE.admin1)).toBe(
      "第52项没有待审核的此类申请。发送 /approve 查看待审核的申请及编号。",
    );
    await app.say(PEOPLE.admin1, "驳回 52 理由不充分，请按原时限推进");
    const [request] = await app.store.requests.list({ taskNo: 52 });
    expect(request).toMatchObject({
      status: "rejected",
      decision: { decision: "rejected", note: "理由不充分，请按原时限推进" },
    });
    expect(await app.lastText(PEOPLE.admin1)).toMatch(
      /^已不予批准第52项（.*）区人力资源和社会保障局延期申请，完成时限仍为2021年12月31日。$/,
    );
    expect(await app.lastText(PEOPLE.hrContact)).toMatch(
      /^【延期通知】第52项（.*）区人力资源和社会保障局延期申请未获批准，完成时限仍为2021年12月31日/,
    );
    expect((await app.view(52, HR)).view.deadline).toBe("2021-12-31");
    const rejected = (await app.store.audit.query({ taskNo: 52 })).find(
      (e) => e.action === "request.rejected",
    );
    expect(rejected).toMatchObject({ actor: PEOPLE.admin1, details: { note: "理由不充分，请按原时限推进" } });
  });

  it("asks which request when a task has two waiting, and names none it cannot find", async () => {
    const app = await apps.remindedMonday();
    const completion = await requestCompletion(app, 52);
    await app.click(PEOPLE.hrContact, await app.cardId(PEOPLE.hrContact, "第52项"), "extend");
    await app.say(PEOPLE.hrContact, "2022年1月31日 受疫情影响，部分招聘活动延后举办");
    const extension = (await app.store.requests.list({ taskNo: 52 })).find((r) => r.kind === "extension");
    if (!extension) throw new Error("no extension request");
    await app.say(PEOPLE.admin1, "/approve 52");
    expect(await app.lastText(PEOPLE.admin1)).toBe(
      [
        "有2项申请符合，请用编号指明：",
        `· ${code(completion.id)} 第52项 ${HR} 办结申请（徐勇，2021年3月22日）`,
        `· ${code(extension.id)} 第52项 ${HR} 延期申请：延至2022年1月31日，理由：受疫情影响，部分招聘活动延后举办（徐勇，2021年3月22日）`,
      ].join("\n"),
    );
    expect(await ran(app)).toMatchObject({ taskNo: 52, details: { result: "ambiguous" } });
    expect((await app.store.requests.list({ taskNo: 52, status: "pending" })).length).toBe(2);
    // /return decides completions only, so the task number names one.
    await app.say(PEOPLE.admin1, "/return 52 请补充佐证材料");
    expect((await app.store.requests.get(completion.id))?.status).toBe("returned");

    await app.say(PEOPLE.admin1, "/approve 99");
    expect(await app.lastText(PEOPLE.admin1)).toBe(
      "第99项没有待审核的此类申请。发送 /approve 查看待审核的申请及编号。",
    );
    await app.say(PEOPLE.admin1, "/approve abcdefabcdef");
    expect(await app.lastText(PEOPLE.admin1)).toBe(
      "未找到“abcdefabcdef”对应的待审核申请。发送 /approve 查看待审核的申请及编号。",
    );
  });

  it("refuses a contact politely, naming who may decide", async () => {
    const app = await apps.remindedMonday();
    const request = await requestCompletion(app, 52);
    await app.say(PEOPLE.hrContact, "/approve 52");
    expect(await app.lastText(PEOPLE.hrContact)).toBe("您好，该命令仅限督考办管理员使用。");
    expect((await app.store.requests.get(request.id))?.status).toBe("pending");
    expect((await app.store.audit.query({})).at(-1)).toMatchObject({
      actor: PEOPLE.hrContact,
      action: "command.refused",
      details: { command: "approve", result: "refused" },
    });
  });
});
