import { describe, expect, it } from "vitest";
import { HR, PEOPLE, useProgressApps } from "../helpers/progress-app.js";

/**
 * Replies as people type them (Chinese numerals, 第五十二项, 52号) through the real inbound path, and
 * the rule that a reply without a value never displaces the last good one.
 */
const { remindedMonday } = useProgressApps();
const VETERANS = "区退役军人事务局";
const ASK_52 =
  "第52项的回复中未识别到城镇新增就业、城镇登记失业率的数值，此前报送的数值保持不变。请写明指标名称、数字和单位后重新回复，如“52 城镇新增就业3600人”；本期暂无新数值的，请回复“52 正常推进”，或点击卡片上的“正常推进”“有困难”。本条未记录。";

describe("progress replies in Chinese numerals, and replies without values", () => {
  it("records 第五十二项 新增就业四千二百人 as 4200 against 6000, then asks back on 52 正在推进 and keeps 4200", async () => {
    const app = await remindedMonday();
    await app.say(PEOPLE.hrContact, "第五十二项 新增就业四千二百人");
    expect(await app.store.progress.latest(52, HR)).toMatchObject({
      version: 1,
      values: [{ indicator: 0, value: 4200, unit: "人" }],
      note: "新增就业四千二百人",
    });
    expect(await app.lastText(PEOPLE.hrContact)).toContain("· 城镇新增就业：4200人（目标6000人，完成70%）");

    await app.say(PEOPLE.hrContact, "52 正在推进");
    expect(await app.lastText(PEOPLE.hrContact)).toBe(ASK_52);
    expect(await app.store.progress.history(52, HR)).toHaveLength(1);
    const { view } = await app.view(52, HR);
    expect(view.latest?.version).toBe(1);
    expect(view.actuals.get(0)).toMatchObject({ value: 4200, unit: "人" });
    const audit = (await app.store.audit.query({ taskNo: 52, unit: HR })).map((e) => e.action);
    expect(audit.filter((a) => a.startsWith("progress."))).toEqual(["progress.recorded"]);
  });

  it("takes a typed 52 正常推进 as the card's button: on track, the last actual kept", async () => {
    const app = await remindedMonday();
    await app.say(PEOPLE.hrContact, "52 新增就业四千二百人");
    await app.say(PEOPLE.hrContact, "52 正常推进。");
    expect(await app.store.progress.latest(52, HR)).toMatchObject({
      version: 2,
      status: "on-track",
      values: [],
    });
    expect(await app.lastText(PEOPLE.hrContact)).toContain("· 状态：正常推进");
    const { view } = await app.view(52, HR);
    expect(view.actuals.get(0)).toMatchObject({ value: 4200, unit: "人" });
  });

  it("reads 52号 and mixed numbers, and keeps one indicator's actual when a reply gives only the other", async () => {
    const app = await remindedMonday();
    await app.say(PEOPLE.hrContact, "52号 新增就业1.2万人");
    expect((await app.store.progress.latest(52, HR))?.values).toEqual([
      { indicator: 0, value: 1.2, unit: "万人" },
    ]);
    await app.say(PEOPLE.hrContact, "（52）城镇登记失业率百分之二点九");
    expect((await app.store.progress.latest(52, HR))?.values).toEqual([
      { indicator: 1, value: 2.9, unit: "%" },
    ]);
    const { view } = await app.view(52, HR);
    expect([...view.actuals.values()].map((a) => [a.indicator, a.value, a.unit])).toEqual([
      [0, 1.2, "万人"],
      [1, 2.9, "%"],
    ]);
  });

  it("files 四千二百人已就业 without a task number under the only waiting task, not as task 4200", async () => {
    const app = await remindedMonday();
    await app.say(PEOPLE.hrContact, "53 社保扩面稳步推进"); // a text-only task: recorded as text
    expect(await app.store.progress.latest(53, HR)).toMatchObject({ values: [], note: "社保扩面稳步推进" });
    await app.say(PEOPLE.hrContact, "四千二百人已就业");
    expect(await app.store.progress.latest(52, HR)).toMatchObject({
      values: [{ indicator: 0, value: 4200, unit: "人" }],
    });
  });

  it("asks back on a 填写进展 answer without a value, keeps the prompt open, and takes the next one", async () => {
    const app = await remindedMonday();
    await app.click(PEOPLE.hrContact, await app.cardId(PEOPLE.hrContact, "第52项"), "report");
    await app.say(PEOPLE.hrContact, "正在推进");
    expect(await app.lastText(PEOPLE.hrContact)).toBe(ASK_52);
    expect(await app.store.progress.history(52, HR)).toEqual([]);
    await app.say(PEOPLE.hrContact, "新增就业四千二百余人");
    expect(await app.store.progress.latest(52, HR)).toMatchObject({
      cycle: "2021-03",
      values: [{ indicator: 0, value: 4200, unit: "人" }],
    });
  });

  it("asks the host back on a reply without values, but records a co-unit's 协办 work in words", async () => {
    const app = await remindedMonday();
    await app.say(PEOPLE.hrContact, "52 开展专场招聘会3场");
    expect(await app.lastText(PEOPLE.hrContact)).toBe(ASK_52);
    await app.say(PEOPLE.veteransContact, "52 本月组织退役军人专场招聘会2场");
    expect(await app.store.progress.latest(52, VETERANS)).toMatchObject({
      values: [],
      note: "本月组织退役军人专场招聘会2场",
    });
    expect(await app.store.progress.history(52, HR)).toEqual([]);
  });
});
