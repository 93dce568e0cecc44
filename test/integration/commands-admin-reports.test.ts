import { describe, expect, it } from "vitest";
import { HR, MONDAY_1200, PEOPLE, useProgressApps } from "../helpers/progress-app.js";

/**
 * Issue 13: the office's read-only commands through the real inbound path on the local channel,
 * on Monday 22 March 2021 (the seed: 66 tasks, 881 units' parts; nobody has reported yet, so
 * February's reports are 19 working days late everywhere, and March's window opened today).
 */
const apps = useProgressApps();
const bytes = (text: string) => new TextEncoder().encode(text).length;

describe("the office's overview commands", () => {
  it("/silent lists the units that owe the current cycle, most silent first, in pages that fit", async () => {
    const app = await apps.remindedMonday();
    await app.say(PEOPLE.hrContact, "52 城镇新增就业4200人");
    await app.say(PEOPLE.admin1, "/silent");
    const first = await app.lastText(PEOPLE.admin1);
    const lines = first.split("\n");
    expect(lines[0]).toBe("本期尚未报送的单位共66个（涉及880个单位次）：");
    expect(lines[1]).toMatch(/^大安镇（48项，2021年3月）：第1、2、3、.*、60项$/);
    expect(lines.at(-1)).toBe("（第1/5页。发送“/silent 2”查看下一页。）");
    expect(bytes(first)).toBeLessThanOrEqual(app.app.services.limits.textBytes);

    const pages = [first];
    for (let page = 2; page <= 5; page++) {
      await app.say(PEOPLE.admin1, `未报送 ${page}`);
      pages.push(await app.lastText(PEOPLE.admin1));
    }
    const units = pages.flatMap((p) => p.split("\n").slice(1, -1));
    expect(units).toHaveLength(66);
    // 徐勇 reported task 52 for March: his unit still owes the others, not 52.
    expect(units).toContain(`${HR}（11项，2021年3月）：第2、3、8、12、38、53、57、62、63、64、65项`);
    expect(pages[4]?.split("\n").at(-1)).toBe("（第5/5页，已是最后一页。）");
    await app.say(PEOPLE.admin1, "/silent 6");
    expect(await app.lastText(PEOPLE.admin1)).toBe("共5页，请发送“/silent 1”至“/silent 5”中的一页。");
    await app.say(PEOPLE.admin1, "/silent 全部");
    expect(await app.lastText(PEOPLE.admin1)).toBe(
      "“全部”不是页码。请写页码，如“2”或“第2页”。\n用法：/silent [页码]\n例如：/silent",
    );
  });

  it("/lights lists the lit units with their reasons; 红灯 and /lights yellow pick a colour", async () => {
    const app = await apps.remindedMonday();
    await app.click(PEOPLE.hrContact, await app.cardId(PEOPLE.hrContact, "第53项"), "difficulty");
    await app.say(PEOPLE.hrContact, "社保经办窗口人手不足");
    await app.say(PEOPLE.admin1, "/lights");
    const all = (await app.lastText(PEOPLE.admin1)).split("\n");
    expect(all[0]).toBe("亮灯任务共881项（红灯880项、黄灯1项）：");
    expect(all[1]).toBe("第1项 兴隆庄街道：红：报送逾期19个工作日");
    expect(all.at(-1)).toMatch(/^（第1\/\d+页。发送“\/lights 2”查看下一页。）$/);

    await app.say(PEOPLE.admin1, "/lights yellow");
    expect(await app.lastText(PEOPLE.admin1)).toBe(
      `黄灯任务共1项：\n第53项 ${HR}：黄：反映困难：社保经办窗口人手不足`,
    );
    await app.say(PEOPLE.admin1, "红灯 2");
    const red = (await app.lastText(PEOPLE.admin1)).split("\n");
    expect(red[0]).toBe("红灯任务共880项：");
    expect(red.at(-1)).toMatch(/^（第2\/\d+页。发送“\/lights red 3”查看下一页。）$/);
    expect(red.slice(1, -1).every((line) => /^第\d+项 \S+：红：报送逾期\d+个工作日$/.test(line))).toBe(true);
    await app.say(PEOPLE.admin1, "/lights blue");
    expect(await app.lastText(PEOPLE.admin1)).toBe(
      "“blue”不是灯色。请写 red（红灯）或 yellow（黄灯），不写则列出全部。\n用法：/lights [red|yellow] [页码]\n例如：/lights red",
    );
  });

  it("/stats gives the on-time rate and this cycle's reports, by chapter", async () => {
    const app = await apps.remindedMonday();
    await app.say(PEOPLE.hrContact, "52 城镇新增就业4200人");
    await app.say(PEOPLE.admin1, "统计");
    expect(await app.lastText(PEOPLE.admin1)).toBe(
      [
        "截至2021年3月22日的督办统计：",
        "按时报送率：0%（已到期应报1762次，按时报送0次）",
        "本期报送：已报1/应报881；已办结0个单位次",
        "分部分：",
        "· 二、抓好常态化疫情防控：按时率0%，本期已报0/98",
        "· 三、推动经济高质量发展：按时率0%，本期已报0/160",
        "· 四、建设生态宜居城市：按时率0%，本期已报0/88",
        "· 五、推进乡村全面振兴：按时率0%，本期已报0/80",
        "· 六、深化改革开放：按时率0%，本期已报0/72",
        "· 七、守住风险底线：按时率0%，本期已报0/128",
        "· 八、改善人民生活品质：按时率0%，本期已报1/91",
        "· 九、加强政府自身建设：按时率0%，本期已报0/164",
      ].join("\n"),
    );
    // March's report is on time on the 25th: the rate counts it once it is due.
    app.clock.set("2021-03-26T02:00:00Z");
    await app.say(PEOPLE.admin1, "/stats");
    expect((await app.lastText(PEOPLE.admin1)).split("\n")[1]).toBe(
      "按时报送率：0%（已到期应报2643次，按时报送1次）",
    );
  });

  it("/plan shows what the ladder sends next; today's messages already sent are counted apart", async () => {
    const app = await apps.start("2021-03-22T01:00:00Z");
    await app.say(PEOPLE.admin1, "/plan 2");
    const before = (await app.lastText(PEOPLE.admin1)).split("\n");
    expect(before.slice(0, 4)).toEqual([
      "接下来2个工作日待发提醒共66条：",
      "· 2021年3月22日（周一）：66条（首次提醒66）",
      "· 2021年3月23日（周二）：0条",
      "最近待发：",
    ]);
    expect(before.slice(4)).toHaveLength(5);
    for (const line of before.slice(4)) expect(line).toMatch(/^· 03-22 09:\d\d 第\d+项 \S+ 首次提醒 → \S+$/);
    await app.sweep(MONDAY_1200);
    await app.say(PEOPLE.admin1, "计划");
    expect(await app.lastText(PEOPLE.admin1)).toBe(
      [
        "接下来3个工作日待发提醒共0条：",
        "· 2021年3月22日（周一）：66条（首次提醒66），其中已发出66条",
        "· 2021年3月23日（周二）：0条",
        "· 2021年3月24日（周三）：0条",
      ].join("\n"),
    );
    await app.say(PEOPLE.admin1, "/plan 31");
    expect(await app.lastText(PEOPLE.admin1)).toBe(
      "“31”不是1至30个工作日。请写天数，如“5”或“5天”。\n用法：/plan [工作日天数，1–30]\n例如：/plan 5",
    );
  });

  it("/outbox counts by status and shows the latest messages not delivered, with why", async () => {
    const app = await apps.start("2021-03-22T01:00:00Z");
    app.app.services.local?.failFor(PEOPLE.hrContact, "permanent-error", { times: 2 });
    await app.sweep(MONDAY_1200);
    // As the command reads it: its own round of the dispatcher then sends what is due.
    const stats = await app.store.outbox.stats();
    await app.say(PEOPLE.admin1, "/outbox");
    const answer = (await app.lastText(PEOPLE.admin1)).split("\n");
    expect(stats.dead).toBe(2);
    // The two dead letters are told to the admins: those notices wait for their turn.
    expect(answer.slice(0, 6)).toEqual([
      "发送队列：",
      `· 待发送${stats.pending}条（最早3月22日 12:00），其中因非发送时段、发送限额等延后0条`,
      "· 发送中0条",
      "· 重试中0条",
      "· 未能送达2条",
      `· 已发送${stats.sent}条`,
    ]);
    expect(answer.slice(6)).toEqual([
      "最近未能送达的2条：",
      expect.stringMatching(new RegExp(`^· #\\d+ 徐勇（第52项 ${HR}）：scripted permanent-error$`)),
      expect.stringMatching(new RegExp(`^· #\\d+ 徐勇（第53项 ${HR}）：scripted permanent-error$`)),
    ]);
  });
});
