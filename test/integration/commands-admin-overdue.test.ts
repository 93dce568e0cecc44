import { describe, expect, it } from "vitest";
import { HR, PEOPLE, useProgressApps } from "../helpers/progress-app.js";

/**
 * Issue 13: /overdue through the real inbound path on the local channel, on Monday 22 March 2021
 * (the seed: nobody has reported, so February's reports are late everywhere: 17 working days for a
 * host unit, due the 25th; 19 for a co-unit, whose input was due two working days before).
 */
const apps = useProgressApps();
const bytes = (text: string) => new TextEncoder().encode(text).length;

describe("/overdue", () => {
  it("lists every late unit by task, hosts first, in pages that fit one message", async () => {
    const app = await apps.remindedMonday();
    await app.say(PEOPLE.admin1, "/overdue");
    const first = await app.lastText(PEOPLE.admin1);
    const lines = first.split("\n");
    expect(lines[0]).toBe("逾期共881个单位次，涉及66项任务：");
    expect(lines[1]).toMatch(/^第1项 坚持“外防输入、内防反弹”/);
    expect(lines.at(-1)).toBe("（第1/36页。发送“/overdue 2”查看下一页。）");
    expect(bytes(first)).toBeLessThanOrEqual(app.app.services.limits.textBytes);
    await app.say(PEOPLE.admin1, "查逾期 2");
    expect((await app.lastText(PEOPLE.admin1)).split("\n").at(-1)).toBe(
      "（第2/36页。发送“/overdue 3”查看下一页。）",
    );
  });

  it("narrows to a unit (by alias), and a report takes the task off its list", async () => {
    const app = await apps.remindedMonday();
    await app.say(PEOPLE.hrContact, "52 城镇新增就业4200人");
    await app.say(PEOPLE.admin1, "逾期 人社局");
    expect(await app.lastText(PEOPLE.admin1)).toBe(
      [
        `${HR}：逾期共11个单位次，涉及11项任务：`,
        "· 第2项 健全突发公共卫生事件监测预警、预防控制、医疗救…：报送逾期19个工作日（2021年2月进展）",
        "· 第3项 巩固国家卫生城市创建成果：报送逾期19个工作日（2021年2月进展）",
        "· 第8项 发布企业技术需求榜：报送逾期19个工作日（2021年2月进展）",
        "· 第12项 全力以赴争资金、争项目、争政策：报送逾期19个工作日（2021年2月进展）",
        "· 第38项 抓好县域金融创新、全域土地综合整治等改革试点的…：报送逾期19个工作日（2021年2月进展）",
        "· 第53项 深化社会保险制度改革：报送逾期17个工作日（2021年2月进展）",
        "· 第57项 加大幼师招聘力度：报送逾期19个工作日（2021年2月进展）",
        "· 第62项 严格执行“三重一大”事项决策程序：报送逾期19个工作日（2021年2月进展）",
        "· 第63项 自觉接受人大法律监督、政协民主监督和社会舆论监督：报送逾期19个工作日（2021年2月进展）",
        "· 第64项 推进政务公开标准化、规范化、常态化：报送逾期19个工作日（2021年2月进展）",
        "· 第65项 加强预算绩效管理：报送逾期19个工作日（2021年2月进展）",
      ].join("\n"),
    );
    expect((await app.store.audit.query({})).filter((e) => e.action === "command.ran").at(-1)).toMatchObject({
      actor: PEOPLE.admin1,
      unit: HR,
      details: { command: "overdue", result: "answered", units: 11, tasks: 11 },
    });
  });

  it("narrows to a chapter (its numeral or title) or a lead leader", async () => {
    const app = await apps.remindedMonday();
    await app.say(PEOPLE.admin1, "/overdue 八");
    const chapter = (await app.lastText(PEOPLE.admin1)).split("\n");
    expect(chapter.slice(0, 3)).toEqual([
      "八、改善人民生活品质：逾期共91个单位次，涉及9项任务：",
      "第52项 统筹抓好高校毕业生、退役军人、农民工、失业人员…",
      `· ${HR}：报送逾期17个工作日（2021年2月进展）`,
    ]);
    await app.say(PEOPLE.admin1, "/overdue 改善人民生活");
    expect((await app.lastText(PEOPLE.admin1)).split("\n")[0]).toBe(
      "八、改善人民生活品质：逾期共91个单位次，涉及9项任务：",
    );
    await app.say(PEOPLE.admin1, "/overdue 屈耀武 2");
    const leader = (await app.lastText(PEOPLE.admin1)).split("\n");
    expect(leader[0]).toBe("牵头领导屈耀武：逾期共438个单位次，涉及28项任务：");
    expect(leader.at(-1)).toBe("（第2/19页。发送“/overdue 屈耀武 3”查看下一页。）");
  });

  it("counts the deadline passed without completion, and says what a filter it cannot read may be", async () => {
    // Tuesday 4 January 2022: the year's deadline (31 December) is one working day past (元旦 1–3 January).
    const app = await apps.start("2022-01-04T02:00:00Z");
    await app.say(PEOPLE.admin1, "/overdue 人社局");
    const lines = (await app.lastText(PEOPLE.admin1)).split("\n");
    expect(lines[0]).toBe(`${HR}：逾期共12个单位次，涉及12项任务：`);
    expect(lines).toContain(
      "· 第53项 深化社会保险制度改革：报送逾期6个工作日（2021年12月进展）；超过完成时限1个工作日未办结",
    );
    await app.say(PEOPLE.admin1, "/overdue 街道");
    expect(await app.lastText(PEOPLE.admin1)).toBe(
      [
        "“街道”可对应多个单位：酒仙桥街道、兴隆庄街道、鼓楼街道、龙桥街道。请写单位全称或简称，如“酒仙桥街道”。" +
          "也可写部分名称（如“抓好常态化疫情防控”或“第二部分”）或牵头领导姓名。",
        "用法：/overdue [单位|部分|牵头领导] [页码]",
        "例如：/overdue 人社局",
      ].join("\n"),
    );
  });

  it("is refused to a contact, naming who may run it", async () => {
    const app = await apps.remindedMonday();
    await app.say(PEOPLE.hrContact, "/overdue");
    expect(await app.lastText(PEOPLE.hrContact)).toBe("您好，该命令仅限督考办管理员使用。");
  });
});
