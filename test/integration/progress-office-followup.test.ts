import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isReport } from "../../src/unit-view/is-report.js";
import { HR, PEOPLE, type ProgressApp, useProgressApps } from "../helpers/progress-app.js";
import { makeTempDir } from "../helpers/temp-dir.js";

/**
 * Issue 9, item 6: the workflow keeps what people said. The real Koa app over HTTP, driven through
 * POST /dev/inbound and read through GET /dev/outbox, from Monday 22 March 2021 (T−3 for March).
 */
const apps = useProgressApps();
const DIFFICULTY = "春季招聘会场地尚未落实，需区里协调";

/** 有困难 on task 52's card, then the text: what a unit does first in each difficulty scenario. */
async function reportDifficulty(app: ProgressApp): Promise<void> {
  await app.click(PEOPLE.hrContact, await app.cardId(PEOPLE.hrContact, "第52项"), "difficulty");
  await app.say(PEOPLE.hrContact, DIFFICULTY);
}

async function actions(app: ProgressApp, action: string) {
  return (await app.store.audit.query({ taskNo: 52, unit: HR })).filter((e) => e.action === action);
}

describe("有困难 reaches the office and stays open until it is resolved", () => {
  it("sends each admin a card with the unit's text and 已协调解决; the leaders only when configured", async () => {
    const app = await apps.remindedMonday();
    await reportDifficulty(app);
    for (const admin of [PEOPLE.admin1, PEOPLE.admin2]) {
      const card = (await app.outbox(admin)).find(
        (m) => m.message.kind === "card" && m.message.card.title === "困难协调｜第52项",
      );
      if (card?.message.kind !== "card") throw new Error(`no difficulty card for ${admin}`);
      expect(card.message.card.description).toMatch(new RegExp(`^.*。${HR}反映困难：${DIFFICULTY}$`));
      expect(card.message.card.fields).toContainEqual({ label: "反映人", value: "徐勇（3月22日）" });
      expect(card.message.card.buttons.map((b) => b.text)).toEqual(["已协调解决"]);
    }
    const [raised] = await actions(app, "difficulty.raised");
    expect(raised).toMatchObject({
      actor: PEOPLE.hrContact,
      details: { cycle: "2021-03", note: DIFFICULTY, admins: [PEOPLE.admin1, PEOPLE.admin2], leaders: [] },
    });
    const leaders = (await app.view(52, HR)).context.task.leaders;
    expect(leaders.length).toBeGreaterThan(0);
    const leaderIds = leaders.map((name) => {
      const leader = app.app.services.people.leader(name);
      if (!leader) throw new Error(`leader ${name} not in the directory`);
      return leader.personId;
    });
    for (const id of leaderIds) expect(await app.outbox(id)).toEqual([]);

    const dir = makeTempDir("duban-settings");
    try {
      const settings = join(dir.path, "duban.yaml");
      writeFileSync(settings, "progress:\n  difficultyToLeaders: true\n");
      const told = await apps.start("2021-03-22T01:00:00Z", { DUBAN_SETTINGS: settings });
      await told.sweep("2021-03-22T04:00:00Z");
      await reportDifficulty(told);
      for (const id of leaderIds)
        expect(await told.lastText(id)).toMatch(
          new RegExp(`^【困难反映】第52项（.*）${HR}反映困难：${DIFFICULTY}。督考办正在跟进协调。$`),
        );
    } finally {
      dir.remove();
    }
  });

  it("keeps the light yellow through later progress replies until an admin resolves it; the unit is told", async () => {
    const app = await apps.remindedMonday();
    await reportDifficulty(app);
    await app.say(PEOPLE.hrContact, "52 已新增就业4200人，失业率2.9%");
    expect(await app.light(52, HR)).toMatchObject({ color: "yellow", reasons: [`反映困难：${DIFFICULTY}`] });
    expect(await app.lastText(PEOPLE.hrContact)).toContain(`当前灯色：黄：反映困难：${DIFFICULTY}`);
    await app.click(PEOPLE.hrContact, await app.cardId(PEOPLE.hrContact, "第52项"), "on-track");
    expect((await app.light(52, HR)).color).toBe("yellow");

    app.clock.set("2021-03-23T02:00:00Z");
    await app.click(PEOPLE.admin1, await app.cardId(PEOPLE.admin1, "困难协调｜第52项"), "resolve-difficulty");
    expect(await app.lastText(PEOPLE.admin1)).toMatch(
      new RegExp(
        `^已将第52项（.*）${HR}反映的困难（${DIFFICULTY}）标记为已协调解决，并已告知该单位。当前灯色：绿：按期推进$`,
      ),
    );
    expect(await app.light(52, HR)).toEqual({ color: "green", reasons: ["按期推进"], text: "绿：按期推进" });
    expect(await app.lastText(PEOPLE.hrContact)).toMatch(
      new RegExp(
        `^【困难协调】第52项（.*）${HR}反映的困难（${DIFFICULTY}）已由督考办袁振华标记为已协调解决。`,
      ),
    );
    expect(await actions(app, "difficulty.resolved")).toEqual([
      expect.objectContaining({
        actor: PEOPLE.admin1,
        at: expect.stringMatching(/^2021-03-23T02:00:00/),
        details: expect.objectContaining({ by: "office", cycle: "2021-03", note: DIFFICULTY }),
      }),
    ]);
    // The resolution is no report: March's report is still the unit's own, and on time.
    const reports = (await app.store.progress.history(52, HR)).filter(isReport);
    expect(reports.map((r) => r.status)).toEqual(["difficulty", "reported", "on-track"]);

    // The second admin is told who was first; a new reply stays green.
    await app.click(PEOPLE.admin2, await app.cardId(PEOPLE.admin2, "困难协调｜第52项"), "resolve-difficulty");
    expect(await app.lastText(PEOPLE.admin2)).toBe(
      `第52项${HR}目前没有待协调的困难（已由袁振华于2021年3月23日标记解决），无需重复操作。`,
    );
    await app.say(PEOPLE.hrContact, "52 已新增就业4300人");
    expect((await app.light(52, HR)).color).toBe("green");
  });

  it("closes when the unit replies that the difficulty is solved, and tells the admins", async () => {
    const app = await apps.remindedMonday();
    await reportDifficulty(app);
    await app.say(PEOPLE.hrContact, "52 困难尚未解决，仍在协调");
    expect((await app.light(52, HR)).color).toBe("yellow");
    await app.say(PEOPLE.hrContact, "52 困难已解决，招聘会如期举办");
    expect(await app.light(52, HR)).toMatchObject({ color: "green" });
    const confirmation = await app.lastText(PEOPLE.hrContact);
    expect(confirmation).toContain("· 困难：已解决，已告知督考办");
    expect(confirmation).toContain("当前灯色：绿：按期推进");
    expect(await app.lastText(PEOPLE.admin1)).toMatch(
      new RegExp(`^【困难已解决】第52项（.*）${HR}报告此前反映的困难（${DIFFICULTY}）已解决。$`),
    );
    expect(await actions(app, "difficulty.resolved")).toEqual([
      expect.objectContaining({ actor: PEOPLE.hrContact, details: expect.objectContaining({ by: "unit" }) }),
    ]);
  });

  it("reads a text that opens with 有困难 as a difficulty, which reaches the office too", async () => {
    const app = await apps.remindedMonday();
    await app.say(PEOPLE.hrContact, "52 有困难：招聘场地未落实");
    expect(await app.store.progress.latest(52, HR)).toMatchObject({
      status: "difficulty",
      note: "招聘场地未落实",
    });
    expect(await app.cardId(PEOPLE.admin1, "困难协调｜第52项")).toBeTruthy();
    expect((await app.light(52, HR)).reasons).toEqual(["反映困难：招聘场地未落实"]);
  });
});

describe("代报: a report the office makes for a unit", () => {
  it("is recorded with who made it, shown as 代报, and the unit's contacts are told", async () => {
    const app = await apps.remindedMonday();
    await app.say(PEOPLE.admin1, "52 已新增就业4200人");
    const [report] = await app.store.progress.history(52, HR);
    expect(report).toMatchObject({ reportedBy: PEOPLE.admin1, proxy: true, cycle: "2021-03" });
    expect((await actions(app, "progress.recorded"))[0]?.details).toMatchObject({ proxy: true });
    const confirmation = await app.lastText(PEOPLE.admin1);
    expect(confirmation).toContain(`已记录第52项`);
    expect(confirmation).toContain(`· 代报：督考办袁振华代${HR}报送，已告知该单位联系人`);
    expect(await app.lastText(PEOPLE.hrContact)).toMatch(
      new RegExp(
        `^【代报通知】督考办袁振华已代${HR}报送第52项（.*）2021年3月进展：3月22日：城镇新增就业4200人（督考办代报）。如有出入，请回复“52 ……”更正。$`,
      ),
    );

    // Wherever the unit's last report is shown, e.g. the office's decision card.
    await app.click(PEOPLE.hrContact, await app.cardId(PEOPLE.hrContact, "第52项"), "complete");
    const decision = (await app.outbox(PEOPLE.admin2)).find(
      (m) => m.message.kind === "card" && m.message.card.title === "办结申请｜第52项",
    );
    if (decision?.message.kind !== "card") throw new Error("no decision card");
    expect(decision.message.card.fields).toContainEqual({
      label: "最近报送",
      value: "3月22日：城镇新增就业4200人（督考办代报）",
    });

    // An admin's 签收 on the unit's card is 代报 too.
    await app.click(PEOPLE.admin1, await app.cardId(PEOPLE.hrContact, "第53项"), "ack");
    expect((await app.store.progress.history(53, HR)).at(-1)).toMatchObject({
      status: "acknowledged",
      reportedBy: PEOPLE.admin1,
      proxy: true,
    });

    // The light's reason names a difficulty the office reported.
    await app.say(PEOPLE.admin2, "53 有困难：社保基金缺口待研究");
    expect((await app.light(53, HR)).reasons).toEqual(["反映困难（督考办代报）：社保基金缺口待研究"]);
  });
});

describe("申请办结 is a request beside the progress history", () => {
  it("leaves the unit's latest progress text and actuals, and pauses the ladder while it waits", async () => {
    const app = await apps.remindedMonday();
    await app.say(PEOPLE.hrContact, "52 已新增就业4200人，失业率2.9%");
    await app.click(PEOPLE.hrContact, await app.cardId(PEOPLE.hrContact, "第52项"), "complete");
    const history = await app.store.progress.history(52, HR);
    expect(history.map((r) => r.status)).toEqual(["reported"]);
    const { view } = await app.view(52, HR);
    expect(view.latest?.note).toBe("已新增就业4200人，失业率2.9%");
    expect(view.actuals.get(0)).toMatchObject({ value: 4200 });
    expect(view.state).toBe("completion-requested");
    const decision = (await app.outbox(PEOPLE.admin1)).find(
      (m) => m.message.kind === "card" && m.message.card.title === "办结申请｜第52项",
    );
    if (decision?.message.kind !== "card") throw new Error("no decision card");
    expect(decision.message.card.fields).toContainEqual({
      label: "最近报送",
      value: "3月22日：城镇新增就业4200人，城镇登记失业率2.9%",
    });
    expect((await app.world()).closed(52, HR)).toBe(true);
  });
});

describe("a report counts for the cycle whose window is open", () => {
  it("files a report on 03-30 under March, and April's first reminder still goes out", async () => {
    const app = await apps.remindedMonday();
    await app.say(PEOPLE.hrContact, "52 已新增就业4200人");
    app.clock.set("2021-03-30T02:00:00Z");
    await app.say(PEOPLE.hrContact, "52 已新增就业4500人");
    const cycles = (await app.store.progress.history(52, HR)).map((r) => r.cycle);
    expect(cycles).toEqual(["2021-03", "2021-03"]);
    expect(await app.lastText(PEOPLE.hrContact)).toMatch(
      /^【已修改】已记录第52项（.*）区人力资源和社会保障局2021年3月进展/,
    );
    expect((await app.world()).reported(52, HR, "2021-04")).toBe(false);

    // Wednesday 21 April: T−3 for April's reports, due Sunday the 25th (a make-up working day).
    app.clock.set("2021-04-21T01:00:00Z");
    await app.sweep("2021-04-21T04:00:00Z");
    const keys = (await app.store.outbox.list()).map((m) => m.idempotencyKey);
    expect(keys).toContain(`52/${HR}/2021-04/first/${PEOPLE.hrContact}`);
  });
});
