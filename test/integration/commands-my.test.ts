import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_DIRECTORY } from "../../src/config/load-config.js";
import { HR, MONDAY_1200, PEOPLE, useProgressApps } from "../helpers/progress-app.js";
import { makeTempDir } from "../helpers/temp-dir.js";

/** Issue 13: /my (我的任务) through the real inbound path, over HTTP, on the local channel. */
const { start, remindedMonday } = useProgressApps();
/** 屈耀武, lead leader of 28 tasks (52 and 53 among them). */
const LEADER_QU = "wecom:demo.leader05";

type App = Awaited<ReturnType<typeof remindedMonday>>;

/** Every page of /my for `who`: the first, then each the footer points to. */
async function allPages(app: App, who: string): Promise<string[]> {
  await app.say(who, "/my");
  const first = await app.lastText(who);
  const pages = Number(/（第1\/(\d+)页/.exec(first)?.[1] ?? 1);
  const texts = [first];
  for (let n = 2; n <= pages; n++) {
    await app.say(who, `/my ${n}`);
    texts.push(await app.lastText(who));
  }
  return texts;
}
const taskNumbers = (texts: string[]) =>
  texts.flatMap((t) => [...t.matchAll(/^第(\d+)项 /gm)].map((m) => Number(m[1])));

describe("/my for a unit's contact", () => {
  it("lists every task of the unit, worst light first, with due dates, last report and light, in pages that fit", async () => {
    const app = await remindedMonday();
    await app.say(PEOPLE.hrContact, "52 城镇新增就业4200人");
    const pages = await allPages(app, PEOPLE.hrContact);
    expect(pages.length).toBe(2);
    for (const page of pages) expect(Buffer.byteLength(page)).toBeLessThanOrEqual(2048);
    const [first = "", last = ""] = pages;
    expect(first).toMatch(
      new RegExp(
        `^徐勇，您的督办任务（截至3月22日（周一））：\n【${HR}：12项，红灯11项】\n第2项 健全突发公共卫生事件监测预警`,
      ),
    );
    expect(first).toContain(
      [
        "第53项 深化社会保险制度改革（主办）",
        "· 灯色：红：报送逾期17个工作日",
        "· 下次报送：3月25日（周四）前（2021年3月进展）；完成时限：12月31日（周五）",
        "· 上次报送：尚未报送",
      ].join("\n"),
    );
    // The one green task comes last.
    expect(last).toMatch(
      new RegExp(
        [
          "第52项 统筹抓好高校毕业生、退役军人、农民工、失业人员…（主办）",
          "· 灯色：绿：按期推进",
          // 25 April 2021 was a Sunday worked in place of the May Day holiday.
          "· 下次报送：4月25日（周日）前（2021年4月进展）；完成时限：12月31日（周五）",
          "· 上次报送：3月22日：城镇新增就业4200人",
          "（第2/2页，已是最后一页。）$",
        ].join("\n"),
      ),
    );
    const world = await app.world();
    const expected = world.assignments.filter((a) => a.unit === HR).map((a) => a.taskNo);
    expect(taskNumbers(pages).sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));

    await app.say(PEOPLE.hrContact, "我的任务 第3页");
    expect(await app.lastText(PEOPLE.hrContact)).toBe("共2页，请发送“/my 1”至“/my 2”中的一页。");
    await app.say(PEOPLE.hrContact, "/my 下一页");
    expect(await app.lastText(PEOPLE.hrContact)).toBe(
      "“下一页”不是页码。请写页码，如“2”或“第2页”。\n用法：/my [页码]\n例如：/my",
    );
    const ran = (await app.store.audit.query({})).filter((e) => e.action === "command.ran");
    expect(ran.map((e) => [e.details.result, e.details.page, e.details.pages, e.details.tasks])).toEqual([
      ["answered", 1, 2, 12],
      ["answered", 2, 2, 12],
      ["out-of-range", 3, 2, 12],
      ["invalid", undefined, undefined, undefined],
    ]);
    // Looking stored nothing: 53 has still no report.
    expect(await app.store.progress.latest(53, HR)).toBeUndefined();
  });

  it("keeps a reply that starts like 我的任务 a reply", async () => {
    const app = await remindedMonday();
    await app.say(PEOPLE.hrContact, "我的任务已完成");
    expect(await app.lastText(PEOPLE.hrContact)).toMatch(/^您有2项任务待报送：第52项/);
    await app.say(PEOPLE.hrContact, "52 我的任务已完成年度目标的80%");
    expect(await app.lastText(PEOPLE.hrContact)).toMatch(/^已记录第52项/);
    expect((await app.store.audit.query({})).filter((e) => e.action.startsWith("command."))).toEqual([]);
  });
});

describe("/my for a leader", () => {
  it("lists the tasks they lead, with the worst light, the units that have it and the counts", async () => {
    const app = await remindedMonday();
    await app.say(PEOPLE.hrContact, "52 城镇新增就业4200人");
    const pages = await allPages(app, LEADER_QU);
    for (const page of pages) {
      expect(Buffer.byteLength(page)).toBeLessThanOrEqual(2048);
      expect(page).toMatch(
        /^屈耀武，您的督办任务（截至3月22日（周一））：\n【您牵头的任务：28项，红灯28项】\n/,
      );
    }
    const led = (await app.store.registry.current())?.registry.tasks
      .filter((t) => t.leaders.includes("屈耀武"))
      .map((t) => t.no);
    expect(taskNumbers(pages)).toEqual(led);
    expect(pages.join("\n")).toContain(
      [
        "第52项 统筹抓好高校毕业生、退役军人、农民工、失业人员…",
        "· 灯色：红：区退役军人局报送逾期19个工作日；大安镇报送逾期19个工作日等9个单位",
        "· 各单位：红11、绿1；主办：区人社局；完成时限：12月31日（周五）",
      ].join("\n"),
    );
  });
});

describe("/my for someone who is both", () => {
  const dir = makeTempDir("duban-my-both");
  afterAll(() => dir.remove());

  it("shows the unit's tasks and then the tasks they lead", async () => {
    // 屈耀武 is also the head of 区应急管理局 (in place of 黄雪莲).
    const directory = readFileSync(DEMO_DIRECTORY, "utf8").replace(
      "- name: 黄雪莲\n        role: head\n        wecomUserId: demo.u04.head\n        dingtalkUserId: demo-u04-head",
      "- name: 屈耀武\n        role: head\n        wecomUserId: demo.leader05\n        dingtalkUserId: demo-leader05",
    );
    expect(directory).toContain(
      "wecomUserId: demo.leader05\n        dingtalkUserId: demo-leader05\n  - name: 大安镇",
    );
    const path = join(dir.path, "directory.yaml");
    writeFileSync(path, directory);
    const app = await start("2021-03-22T01:00:00Z", { DUBAN_DIRECTORY: path });
    await app.sweep(MONDAY_1200);
    const pages = await allPages(app, LEADER_QU);
    const all = pages.join("\n");
    expect(pages[0]).toMatch(/^屈耀武，您的督办任务（截至3月22日（周一））：\n【区应急管理局：\d+项/);
    expect(all).toMatch(/【您牵头的任务：28项，红灯28项】/);
    expect(all.indexOf("【区应急管理局")).toBeLessThan(all.indexOf("【您牵头的任务"));
  });
});

describe("who may run /my, and /help per role", () => {
  it("refuses the office, naming who may run it", async () => {
    const app = await remindedMonday();
    await app.say(PEOPLE.admin1, "我的任务");
    expect(await app.lastText(PEOPLE.admin1)).toBe("您好，该命令仅限牵头领导、单位联络员和负责人使用。");
    expect((await app.store.audit.query({})).at(-1)).toMatchObject({
      actor: PEOPLE.admin1,
      action: "command.refused",
      details: { command: "my", result: "refused" },
    });
  });

  it("lists the contacts' and leaders' commands to exactly the roles that may run them", async () => {
    const app = await remindedMonday();
    const ours = ["my", "task", "away", "back", "snooze", "unsnooze"];
    const listed = async (who: string) => {
      await app.say(who, "/help");
      const names = [...(await app.lastText(who)).matchAll(/^· \/([a-z]+)/gm)].map((m) => m[1] ?? "");
      return names.filter((name) => ours.includes(name));
    };
    expect(await listed(PEOPLE.hrContact)).toEqual(ours);
    expect(await listed(LEADER_QU)).toEqual(["my", "task"]);
    expect(await listed(PEOPLE.admin1)).toEqual(["task"]);
    expect(await listed("wecom:not.in.directory")).toEqual([]);
    await app.say(PEOPLE.hrContact, "/help");
    expect(await app.lastText(PEOPLE.hrContact)).toContain(
      "· /snooze 序号 [时长]（暂缓、暂缓提醒、稍后提醒）：暂缓督办提醒，默认至下一个工作日，时长可写1d、2天、3h、半天；取消请用 /unsnooze\n" +
        "· /unsnooze [序号]（取消暂缓、解除暂缓）：取消暂缓，督办提醒照常发送",
    );
  });
});
