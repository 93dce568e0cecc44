import { describe, expect, it } from "vitest";
import { HR, PEOPLE, type ProgressApp, useProgressApps } from "../helpers/progress-app.js";

/**
 * Issue 13: /extend through the real inbound path on the local channel, from Tuesday 21 December
 * 2021 (the seed's tasks are due 31 December).
 */
const apps = useProgressApps();
const DECEMBER = "2021-12-21T02:00:00Z";

async function deadlines(app: ProgressApp, taskNo: number, unit: string) {
  const world = await app.world();
  const task = world.tasks.get(taskNo);
  if (!task) throw new Error(`no task ${taskNo}`);
  return { view: (await app.view(taskNo, unit)).view.deadline, ladder: world.deadline(task, unit) };
}

describe("/extend", () => {
  it("sets a unit's deadline; the view, the ladder and the unit follow; another /extend sets it back", async () => {
    const app = await apps.start(DECEMBER);
    await app.say(PEOPLE.admin1, "/extend 52 人社局 2022-01-31 受疫情影响，部分招聘活动延后");
    expect(await app.lastText(PEOPLE.admin1)).toMatch(
      new RegExp(
        `^已将第52项（.*）以下单位的完成时限调整为2022年1月31日，理由：受疫情影响，部分招聘活动延后。已通知各单位：\\n` +
          `· ${HR}（原为2021年12月31日）\\n` +
          `如需撤销，请发送“/extend 52 ${HR} 2021-12-31 恢复原时限”。$`,
      ),
    );
    expect(await deadlines(app, 52, HR)).toEqual({ view: "2022-01-31", ladder: "2022-01-31" });
    expect(await app.lastText(PEOPLE.hrContact)).toMatch(
      /^【时限调整】第52项（.*）区人力资源和社会保障局的完成时限已由督考办调整为2022年1月31日（原为2021年12月31日），理由：受疫情影响，部分招聘活动延后。/,
    );
    const [request] = await app.store.requests.list({ taskNo: 52, unit: HR });
    expect(request).toMatchObject({
      kind: "extension",
      status: "approved",
      newDeadline: "2022-01-31",
      requestedBy: PEOPLE.admin1,
      decision: { decision: "approved", decidedBy: PEOPLE.admin1, note: "督考办直接调整" },
    });
    const set = (await app.store.audit.query({ taskNo: 52, unit: HR })).filter(
      (e) => e.action === "deadline.set",
    );
    expect(set).toEqual([
      expect.objectContaining({
        actor: PEOPLE.admin1,
        details: expect.objectContaining({
          from: "2021-12-31",
          to: "2022-01-31",
          reason: "受疫情影响，部分招聘活动延后",
        }),
      }),
    ]);
    // The other units of the task keep theirs.
    expect((await deadlines(app, 52, "区退役军人事务局")).view).toBe("2021-12-31");

    // Thursday 20 January 2022: T-3 for January's report, due the 25th, for 52's host only.
    app.clock.set("2022-01-20T01:00:00Z");
    const report = await app.sweep("2022-01-20T04:00:00Z");
    expect(report).toMatchObject({ planned: 1, enqueued: 1 });

    await app.say(PEOPLE.admin2, `/extend 52 ${HR} 2022-01-21 提前收口`);
    expect(await deadlines(app, 52, HR)).toEqual({ view: "2022-01-21", ladder: "2022-01-21" });
    expect(await app.lastText(PEOPLE.admin2)).toContain(`· ${HR}（原为2022年1月31日）`);
  });

  it("without a unit sets every unit of the task not yet closed", async () => {
    const app = await apps.start(DECEMBER);
    await app.say(PEOPLE.admin1, "延期 第53项 2022年2月28日 市里统一部署延后");
    const answer = (await app.lastText(PEOPLE.admin1)).split("\n");
    expect(answer[0]).toMatch(
      /^已将第53项（深化社会保险制度改革）以下单位的完成时限调整为2022年2月28日，理由：市里统一部署延后。已通知各单位：$/,
    );
    const { context } = await app.view(53, HR);
    expect(answer.slice(1)).toHaveLength(context.assignments.length);
    for (const a of context.assignments)
      expect((await app.view(53, a.unit)).view.deadline).toBe("2022-02-28");
    await app.say(PEOPLE.admin1, "延期 53 2022-02-28 再次确认");
    expect(await app.lastText(PEOPLE.admin1)).toMatch(
      /^第53项（.*）没有需要调整完成时限的单位。\n· 区人力资源和社会保障局：完成时限已是该日期，未调整/,
    );
  });

  it("asks for what is missing, refuses a past date, and refuses a contact", async () => {
    const app = await apps.start(DECEMBER);
    const usage =
      "\n用法：/extend 任务序号 [单位] 新日期 理由\n例如：/extend 52 人社局 2022-01-31 受疫情影响招聘活动延后";
    await app.say(PEOPLE.admin1, "/extend 52 人社局 2022-01-31");
    expect(await app.lastText(PEOPLE.admin1)).toBe(`请写明调整理由。${usage}`);
    await app.say(PEOPLE.admin1, "/extend 52 人社局 2021-12-01 理由");
    expect(await app.lastText(PEOPLE.admin1)).toBe(
      `新的完成时限（2021年12月1日）已过去，请写今天或以后的日期。${usage}`,
    );
    await app.say(PEOPLE.admin1, "/extend 52 人社局");
    expect(await app.lastText(PEOPLE.admin1)).toBe(`请写明新的完成时限，如“2022-01-31”或“1月31日”。${usage}`);
    await app.say(PEOPLE.hrContact, "/extend 52 人社局 2022-01-31 理由");
    expect(await app.lastText(PEOPLE.hrContact)).toBe("您好，该命令仅限督考办管理员使用。");
    expect(await app.store.requests.list({ taskNo: 52 })).toEqual([]);
  });
});
