import { describe, expect, it } from "vitest";
import { planRemindersFor } from "../../../src/reminders/plan-reminders.js";
import { buildWorld } from "../../helpers/reminder-world.js";

const brief = (list: ReturnType<typeof planRemindersFor>) =>
  list.map((m) => `${m.step} ${m.unit} → ${m.recipient.name} (${m.cycle}, due ${m.due})`).sort();

describe("planRemindersFor: the ladder on the 2021 calendar", () => {
  it("sends the first card three working days before the due date, to the host's contacts", () => {
    const { world } = buildWorld();
    // March 2021: due Thursday the 25th; T-3 is Monday the 22nd.
    expect(brief(planRemindersFor(world, "2021-03-22"))).toEqual([
      "first 区财政局 → 联络员甲 (2021-03, due 2021-03-25)",
    ]);
  });

  it("asks co-units for their input five working days before", () => {
    const { world } = buildWorld();
    expect(brief(planRemindersFor(world, "2021-03-18"))).toEqual([
      "co-request 大安镇 → 联络员乙 (2021-03, due 2021-03-25)",
      "co-request 酒仙桥街道 → 联络员丙 (2021-03, due 2021-03-25)",
    ]);
  });

  it("runs due day, overdue (contacts and head) and escalation (leaders and the office)", () => {
    const { world } = buildWorld();
    expect(brief(planRemindersFor(world, "2021-03-25"))).toEqual([
      "due 区财政局 → 联络员甲 (2021-03, due 2021-03-25)",
    ]);
    expect(brief(planRemindersFor(world, "2021-03-26"))).toEqual([
      "overdue 区财政局 → 局长甲 (2021-03, due 2021-03-25)",
      "overdue 区财政局 → 联络员甲 (2021-03, due 2021-03-25)",
    ]);
    expect(brief(planRemindersFor(world, "2021-03-30"))).toEqual([
      "escalation 区财政局 → 张三 (2021-03, due 2021-03-25)",
      "escalation 区财政局 → 督办员 (2021-03, due 2021-03-25)",
    ]);
  });

  it("moves a due date that falls in the 清明 holiday (3–5 April 2021) to the previous working day", () => {
    const { world } = buildWorld("1、加强监管（牵头领导：张三。承办单位：区财政局）", {
      kind: "monthly",
      day: 5,
    });
    // 5 April is 清明; due moves to Friday 2 April, so T-3 is Tuesday 30 March.
    expect(brief(planRemindersFor(world, "2021-03-30"))).toContain(
      "first 区财政局 → 联络员甲 (2021-04, due 2021-04-02)",
    );
    for (const holiday of ["2021-04-03", "2021-04-04", "2021-04-05"]) {
      expect(planRemindersFor(world, holiday)).toEqual([]);
    }
    expect(brief(planRemindersFor(world, "2021-04-06"))).toEqual([
      "overdue 区财政局 → 局长甲 (2021-04, due 2021-04-02)",
      "overdue 区财政局 → 联络员甲 (2021-04, due 2021-04-02)",
    ]);
  });

  it("counts the make-up working Sunday of 7 February 2021 as a working day", () => {
    const { world } = buildWorld("1、加强监管（牵头领导：张三。承办单位：区财政局）", {
      kind: "monthly",
      day: 10,
    });
    // Due Wednesday 10 Feb; three working days back: 9, 8, then Sunday the 7th (调休上班).
    expect(brief(planRemindersFor(world, "2021-02-07"))).toEqual([
      "first 区财政局 → 联络员甲 (2021-02, due 2021-02-10)",
    ]);
    expect(planRemindersFor(world, "2021-02-06")).toEqual([]);
  });

  it("stops the ladder for a unit the moment it reports, and for a closed unit", () => {
    const { world, state } = buildWorld();
    state.reported.add("1/区财政局/2021-03");
    expect(planRemindersFor(world, "2021-03-25")).toEqual([]);
    expect(planRemindersFor(world, "2021-03-26")).toEqual([]);
    // 25 April 2021 was itself a make-up working Sunday (劳动节调休), so April's report is due that day.
    expect(brief(planRemindersFor(world, "2021-04-21"))).toEqual([
      "first 区财政局 → 联络员甲 (2021-04, due 2021-04-25)",
    ]);
    state.closed.add("1/区财政局");
    expect(planRemindersFor(world, "2021-04-21")).toEqual([]);
  });

  it("follows an extended deadline", () => {
    const { world, state } = buildWorld(
      "1、加强监管（牵头领导：张三。承办单位：区财政局。完成时限：3月31日前）",
    );
    expect(planRemindersFor(world, "2021-04-21")).toEqual([]);
    state.deadlines.set("1/区财政局", "2021-05-31");
    expect(brief(planRemindersFor(world, "2021-04-21"))).toEqual([
      "first 区财政局 → 联络员甲 (2021-04, due 2021-04-25)",
    ]);
  });

  it("sends an away contact's reminders to the substitute", () => {
    const { world, state } = buildWorld();
    state.away.set("wecom:c1", { until: "2021-03-23", substitute: "wecom:h1" });
    const [message] = planRemindersFor(world, "2021-03-22");
    expect(message?.recipient.name).toBe("局长甲");
    expect(message?.onBehalfOf?.name).toBe("联络员甲");
    expect(planRemindersFor(world, "2021-03-25")[0]?.recipient.name).toBe("联络员甲");
  });

  it("defers a snoozed person's next step by one working day without moving the due date", () => {
    const { world, state } = buildWorld();
    state.snoozed.set("wecom:c1", "2021-03-25T00:30:00.000Z"); // 08:30 on Thursday the 25th
    const [message] = planRemindersFor(world, "2021-03-22");
    expect(message?.at.startsWith("2021-03-25T")).toBe(true);
    expect(message?.due).toBe("2021-03-25");
    expect(message?.idempotencyKey).toBe("1/区财政局/2021-03/first/wecom:c1");
  });
});

describe("planRemindersFor: sending hours", () => {
  it("sends only on working days, inside 08:30–18:00, spread and away from :00 and :30", () => {
    const { world } = buildWorld("1、加强监管（牵头领导：张三。承办单位：区财政局，各镇街）", {
      kind: "weekly",
      weekday: 5,
    });
    const times = new Set<string>();
    for (let day = new Date("2021-01-25T00:00:00Z"); day < new Date("2021-12-31T00:00:00Z"); ) {
      const date = day.toISOString().slice(0, 10);
      for (const m of planRemindersFor(world, date)) {
        expect(world.calendar.isWorkingDay(m.at.slice(0, 10))).toBe(true);
        const hhmm = m.at.slice(11, 16);
        expect(hhmm >= "08:30" && hhmm < "18:00", m.at).toBe(true);
        const minute = Number(m.at.slice(14, 16));
        expect(minute % 30 > 2 && minute % 30 < 28, m.at).toBe(true);
        expect(m.at.endsWith("+08:00")).toBe(true);
        times.add(m.at.slice(11, 16));
      }
      day = new Date(day.getTime() + 86_400_000);
    }
    expect(times.size).toBeGreaterThan(20);
  });

  it("gives the same message the same time on every run", () => {
    const { world } = buildWorld();
    expect(planRemindersFor(world, "2021-03-26")).toEqual(planRemindersFor(world, "2021-03-26"));
  });
});

describe("planRemindersFor: digests", () => {
  it("sends leaders, the office and heads one notice a day listing every late unit", () => {
    const { world } = buildWorld("1、做好防汛（牵头领导：张三。承办单位：各镇街）");
    const escalations = planRemindersFor(world, "2021-03-30").filter((m) => m.step === "escalation");
    expect(escalations.map((m) => m.recipient.name).sort()).toEqual(["张三", "督办员"]);
    expect(escalations[0]?.items?.map((i) => i.unit)).toEqual(["大安镇", "酒仙桥街道"]);
    expect(escalations[0]?.idempotencyKey).toMatch(/^escalation\/2021-03-30\/wecom:/);
  });
});
