import { describe, expect, it } from "vitest";
import { planRemindersFor } from "../../../src/reminders/plan-reminders.js";
import { renderReminder } from "../../../src/reminders/render-reminder.js";
import { buildWorld } from "../../helpers/reminder-world.js";

const line = "1、统筹抓好群体就业，年内城镇新增就业6000人。（牵头领导：张三。承办单位：区财政局，各镇街）";

function render(date: string, acknowledged = false) {
  const { world } = buildWorld(line);
  return planRemindersFor(world, date).map((r) => ({
    to: r.recipient.name,
    message: renderReminder(r, {
      tasks: world.tasks,
      calendar: world.calendar,
      people: world.people,
      hostUnitsOf: () => ["区财政局"],
      coInputDue: world.settings.ladder.coInputDue,
      acknowledged: () => acknowledged,
      limits: world.limits,
    }),
  }));
}

describe("renderReminder", () => {
  it("names the task, its short title, the due date with weekday, what is asked and how to answer", () => {
    const [first] = render("2021-03-22");
    expect(first?.message.kind).toBe("card");
    if (first?.message.kind !== "card") return;
    const { card } = first.message;
    expect(card.title).toBe("督办提醒｜第1项进展报送");
    expect(card.description).toBe(
      "统筹抓好群体就业。请于2021年3月25日（周四）前报送2021年3月进展。点击下方按钮，或直接回复“1 城镇新增就业3600人”。",
    );
    expect(card.fields).toContainEqual({ label: "报送截止", value: "2021年3月25日（周四）" });
    expect(card.fields).toContainEqual({ label: "目标", value: "年内城镇新增就业6000人" });
    expect(card.buttons.map((b) => b.text)).toEqual([
      "签收",
      "正常推进",
      "有困难",
      "申请办结",
      "申请延期",
      "填写进展",
    ]);
  });

  it("offers 明天再提醒 instead of 签收 once the unit has acknowledged", () => {
    const [first] = render("2021-03-22", true);
    if (first?.message.kind !== "card") throw new Error("expected a card");
    expect(first.message.card.buttons[0]?.text).toBe("明天再提醒");
    expect(first.message.card.buttons).toHaveLength(6);
  });

  it("asks each co-unit contact once a day, in one message listing every task, for input by T-2", () => {
    const co = render("2021-03-18");
    expect(co.map((m) => m.to).sort()).toEqual(["联络员丙", "联络员乙"]);
    expect(co[0]?.message).toEqual({
      kind: "text",
      text: expect.stringMatching(
        /为以下1项任务的协办单位，请于2021年3月23日（周二）前报送协办进展，汇总至主办单位：\n第1项 统筹抓好群体就业（主办：区财政局）\n请直接回复“序号 进展”，如“1 本期协办工作主要进展……”，每项一条。/,
      ),
    });
  });

  it("tells the head and the leaders in plain text how late the unit is", () => {
    const overdue = render("2021-03-26");
    const head = overdue.find((m) => m.to === "局长甲");
    expect(head?.message).toEqual({
      kind: "text",
      text: "【逾期提醒】区财政局以下事项进展已逾期，请督促尽快报送：\n第1项 统筹抓好群体就业：2021年3月进展应于2021年3月25日（周四）报送，已逾期1个工作日（联络员联络员甲）。",
    });
    const escalation = render("2021-03-30");
    expect(escalation.find((m) => m.to === "张三")?.message).toEqual({
      kind: "text",
      text: expect.stringContaining(
        "第1项 统筹抓好群体就业｜区财政局：2021年3月进展应于2021年3月25日（周四）报送，已逾期3个工作日（联络员联络员甲，负责人局长甲）",
      ),
    });
  });
});
