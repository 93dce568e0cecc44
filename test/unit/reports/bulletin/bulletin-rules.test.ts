import { describe, expect, it } from "vitest";
import { createChineseDaysCalendar } from "../../../../src/calendar/chinese-days-calendar.js";
import type { UnitStanding } from "../../../../src/commands/office-overview.js";
import type { LightColor } from "../../../../src/lights/light.js";
import type { Task } from "../../../../src/registry/registry.js";
import { periodDue } from "../../../../src/reports/bulletin/bulletin-job.js";
import {
  judgedOn,
  parsePeriod,
  periodOf,
  previousPeriod,
} from "../../../../src/reports/bulletin/bulletin-period.js";
import { classifyTask, classifyTasks } from "../../../../src/reports/bulletin/classify-tasks.js";
import { percentages } from "../../../../src/reports/bulletin/largest-remainder.js";
import { overdueItems } from "../../../../src/reports/bulletin/overdue-items.js";
import { type PaceGap, paceGap } from "../../../../src/reports/bulletin/pace-gap.js";
import { rankOnTime, rankPace } from "../../../../src/reports/bulletin/rank-units.js";
import { onTimeStreaks, turnedGreen } from "../../../../src/reports/bulletin/unit-streaks.js";
import type { WorkflowState } from "../../../../src/unit-view/workflow-state.js";

const calendar = createChineseDaysCalendar();

function task(no: number, fields: Partial<Task> = {}): Task {
  return {
    no,
    section: "三、推动经济高质量发展",
    text: `任务${no}`,
    leaders: [],
    hostUnits: [],
    coUnits: [],
    unitGroups: [],
    indicators: [],
    deadline: "2021-12-31",
    line: no,
    ...fields,
  };
}

/** A standing with only what the bulletin reads; the rest of a unit view is not looked at. */
function standing(
  t: Task,
  unit: string,
  fields: {
    role?: "host" | "co";
    color?: LightColor;
    state?: WorkflowState;
    pastDeadlineDays?: number;
    pastDues?: UnitStanding["pastDues"];
    lateReport?: UnitStanding["lateReport"];
    actuals?: [number, number, string][];
    percent?: number;
  } = {},
): UnitStanding {
  const state = fields.state ?? "in-progress";
  return {
    task: t,
    unit,
    role: fields.role ?? "host",
    view: {
      task: t,
      unit,
      state,
      deadline: t.deadline,
      actuals: new Map(
        (fields.actuals ?? []).map(([index, value, u]) => [
          index,
          { indicator: index, value, unit: u, cycle: "2021-03", reportedAt: "2021-03-24T02:00:00Z" },
        ]),
      ),
      ...(fields.percent !== undefined ? { percent: fields.percent } : {}),
    },
    light: { color: fields.color ?? "green", reasons: [], text: "" },
    settled: state === "completed" || state === "completion-requested",
    muted: false,
    pastDeadlineDays: fields.pastDeadlineDays ?? 0,
    pastDues: fields.pastDues ?? [],
    ...(fields.lateReport ? { lateReport: fields.lateReport } : {}),
  } as unknown as UnitStanding;
}

const jobs = task(52, {
  indicators: [{ text: "城镇新增就业6000人", value: 6000, unit: "人", bound: "min" }],
});

describe("bulletin periods", () => {
  it("reads a quarter, a month and a year, and refuses anything else", () => {
    expect(parsePeriod("2021-Q1")).toMatchObject({
      kind: "quarter",
      key: "2021-Q1",
      start: "2021-01-01",
      end: "2021-03-31",
    });
    expect(parsePeriod("2021-q4")).toMatchObject({ key: "2021-Q4", start: "2021-10-01", end: "2021-12-31" });
    expect(parsePeriod("2021-02")).toMatchObject({ kind: "month", start: "2021-02-01", end: "2021-02-28" });
    expect(parsePeriod("2024-02")?.end).toBe("2024-02-29");
    expect(parsePeriod("2021")).toMatchObject({ kind: "year", start: "2021-01-01", end: "2021-12-31" });
    for (const bad of ["2021-Q5", "2021-13", "2021-3", "21-Q1", "2021Q1", "", "Q1"])
      expect(parsePeriod(bad), bad).toBeUndefined();
  });

  it("steps back one period across a year, and finds the period of a day", () => {
    const key = (text: string) =>
      previousPeriod(parsePeriod(text) ?? parsePeriod("2000") ?? expect.fail()).key;
    expect([key("2021-Q1"), key("2021-Q3"), key("2021-01"), key("2021-07"), key("2021")]).toEqual([
      "2020-Q4",
      "2021-Q2",
      "2020-12",
      "2021-06",
      "2020",
    ]);
    expect(periodOf("quarter", "2021-05-06").key).toBe("2021-Q2");
    expect(periodOf("month", "2021-05-06").key).toBe("2021-05");
  });

  it("is judged on its last day, or on today while it runs, and not before it begins", () => {
    const q1 = parsePeriod("2021-Q1") ?? expect.fail();
    expect(judgedOn(q1, "2021-04-06")).toBe("2021-03-31");
    expect(judgedOn(q1, "2021-03-31")).toBe("2021-03-31");
    expect(judgedOn(q1, "2021-02-10")).toBe("2021-02-10");
    expect(judgedOn(q1, "2020-12-31")).toBeUndefined();
  });

  it("sends the summary on the first working days after a quarter, not on other days", () => {
    // 1 April 2021 is a Thursday; 3–5 April is 清明.
    expect(periodDue("2021-04-01", "quarterly", calendar)?.key).toBe("2021-Q1");
    expect(periodDue("2021-04-02", "quarterly", calendar)?.key).toBe("2021-Q1");
    expect(periodDue("2021-04-03", "quarterly", calendar)).toBeUndefined();
    expect(periodDue("2021-04-06", "quarterly", calendar)?.key).toBe("2021-Q1");
    expect(periodDue("2021-04-07", "quarterly", calendar)).toBeUndefined();
    expect(periodDue("2021-03-31", "quarterly", calendar)).toBeUndefined();
    expect(periodDue("2021-05-06", "quarterly", calendar)).toBeUndefined();
    // 1–5 May 2021 is 劳动节: May's first working day is Thursday 6 May.
    expect(periodDue("2021-05-06", "monthly", calendar)?.key).toBe("2021-04");
    expect(periodDue("2021-05-01", "monthly", calendar)).toBeUndefined();
  });
});

describe("percentages", () => {
  it("add up to 100 by the largest remainders", () => {
    // A county's real counts: 欠进度17项 超进度10项 已完成24项 达进度162项.
    const real = percentages([24, 10, 162, 17, 0]);
    expect(real).toEqual([11, 5, 76, 8, 0]);
    expect(percentages([1, 1, 1])).toEqual([34, 33, 33]);
    expect(percentages([2, 1, 1, 1, 1, 1])).toEqual([29, 15, 14, 14, 14, 14]);
    expect(percentages([0, 0, 0])).toEqual([0, 0, 0]);
    expect(percentages([0, 66, 0])).toEqual([0, 100, 0]);
    for (const counts of [
      [7, 7, 7],
      [1, 2, 3, 4, 5],
      [13, 0, 29, 1, 1],
    ])
      expect(percentages(counts).reduce((a, b) => a + b, 0)).toBe(100);
  });
});

describe("task classes", () => {
  const gapOf = (points: number) => () => ({ share: 0, pace: 0, points }) satisfies PaceGap;

  it("puts each task in one class, in the documented order", () => {
    const t = task(1);
    const context = { aheadPoints: 5, gap: gapOf(10) };
    expect(classifyTask([standing(t, "甲", { state: "completed" })], context)).toBe("completed");
    // A co-unit late does not undo a finished task.
    expect(
      classifyTask(
        [standing(t, "甲", { state: "completed" }), standing(t, "乙", { role: "co", color: "red" })],
        context,
      ),
    ).toBe("completed");
    // One host finished, the other past its deadline: 逾期.
    expect(
      classifyTask(
        [standing(t, "甲", { state: "completed" }), standing(t, "乙", { color: "red", pastDeadlineDays: 3 })],
        context,
      ),
    ).toBe("overdue");
    expect(classifyTask([standing(t, "甲", { color: "yellow" })], context)).toBe("behind");
    expect(classifyTask([standing(t, "甲"), standing(t, "乙", { role: "co", color: "red" })], context)).toBe(
      "behind",
    );
    expect(classifyTask([standing(t, "甲")], context)).toBe("ahead");
    expect(classifyTask([standing(t, "甲")], { aheadPoints: 5, gap: gapOf(4.9) })).toBe("onPace");
    // No number reported: green, but nothing shows it ahead.
    expect(classifyTask([standing(t, "甲")], { aheadPoints: 5, gap: () => undefined })).toBe("onPace");
    // A task whose only units are co-units is never 已完成 nor 超进度.
    expect(classifyTask([standing(t, "乙", { role: "co" })], context)).toBe("onPace");
  });

  it("reads 超进度 from the shares the light compares with 序时进度", () => {
    // 31 March 2021: 序时进度 of a year-end task is 24%, 60 of the year's 250 working days.
    const context = { date: "2021-03-31", year: 2021, calendar };
    const gap = paceGap(standing(jobs, "区人社局", { actuals: [[0, 4200, "人"]] }), context);
    expect(gap?.share).toBe(70);
    expect(gap?.pace).toBeCloseTo(24, 9);
    // 万人 are converted; the least advanced measure counts (percent complete 20%).
    expect(
      paceGap(standing(jobs, "区人社局", { actuals: [[0, 0.42, "万人"]], percent: 20 }), context)?.share,
    ).toBe(20);
    expect(
      paceGap(standing(jobs, "区人社局", { role: "co", actuals: [[0, 4200, "人"]] }), context),
    ).toBeUndefined();
    expect(paceGap(standing(jobs, "区人社局"), context)).toBeUndefined();
    // Finished counts as at least 100%.
    expect(
      paceGap(standing(jobs, "区人社局", { state: "completed", actuals: [[0, 5000, "人"]] }), context)?.share,
    ).toBe(100);

    const standings = [
      standing(jobs, "区人社局", { actuals: [[0, 4200, "人"]] }),
      standing(task(2), "区财政局"),
      standing(task(3), "区财政局", { state: "completed" }),
    ];
    const classes = classifyTasks(standings, { aheadPoints: 5, gap: (s) => paceGap(s, context) });
    expect(classes.map((c) => [c.task.no, c.taskClass])).toEqual([
      [52, "ahead"],
      [2, "onPace"],
      [3, "completed"],
    ]);
  });
});

describe("unit rankings", () => {
  const due = (d: string, onTime: boolean) => ({ cycle: d.slice(0, 7), due: d, onTime });

  it("ranks by the on-time share of the period's reports, ties by more reports then name", () => {
    const standings = [
      standing(task(1), "乙", {
        pastDues: [due("2021-01-25", false), due("2021-02-25", true), due("2021-03-25", true)],
      }),
      standing(task(1), "甲", { pastDues: [due("2021-02-25", true), due("2021-03-25", true)] }),
      standing(task(2), "丙", { pastDues: [due("2020-12-25", false), due("2021-03-25", true)] }),
      standing(task(2), "丁", { pastDues: [due("2021-03-25", false)] }),
      standing(task(3), "戊"),
    ];
    const { ranked, none } = rankOnTime(standings, "2021-02-01");
    // 乙's January report falls before the period; 丙's December one too.
    expect(ranked.map((r) => [r.unit, r.due, r.onTime])).toEqual([
      ["乙", 2, 2],
      ["甲", 2, 2],
      ["丙", 1, 1],
      ["丁", 1, 0],
    ]);
    expect(none).toEqual(["戊"]);
  });

  it("ranks by the mean gap to 序时进度 over numeric host parts", () => {
    const gaps = new Map<string, number>([
      ["甲1", 10],
      ["甲2", -4],
      ["乙1", 3],
      ["丙1", 3],
      ["丙2", 3],
    ]);
    const standings = [
      standing(task(1), "甲"),
      standing(task(2), "甲"),
      standing(task(1), "乙"),
      standing(task(1), "丙"),
      standing(task(2), "丙"),
      standing(task(3), "丁"),
    ];
    const { ranked, none } = rankPace(standings, (s) => {
      const points = gaps.get(`${s.unit}${s.task.no}`);
      return points === undefined ? undefined : { share: 30 + points, pace: 30, points };
    });
    expect(ranked.map((r) => [r.unit, r.parts, r.points, r.share])).toEqual([
      ["丙", 2, 3, 33],
      ["甲", 2, 3, 33],
      ["乙", 1, 3, 33],
    ]);
    expect(none).toEqual(["丁"]);
  });
});

describe("streaks, 后进转先进 and the overdue list", () => {
  const due = (d: string, onTime: boolean) => ({ cycle: d.slice(0, 7), due: d, onTime });

  it("counts the on-time cycles back from the latest, a cycle being one due date across tasks", () => {
    const standings = [
      standing(task(1), "甲", {
        pastDues: [due("2021-01-25", true), due("2021-02-25", true), due("2021-03-25", true)],
      }),
      standing(task(2), "甲", { pastDues: [due("2021-02-25", true), due("2021-03-25", true)] }),
      standing(task(1), "乙", {
        pastDues: [due("2021-01-25", true), due("2021-02-25", true), due("2021-03-25", true)],
      }),
      // 乙 missed February on another task: only one cycle in a row.
      standing(task(2), "乙", { pastDues: [due("2021-02-25", false), due("2021-03-25", true)] }),
      standing(task(1), "丙", {
        pastDues: [due("2021-01-25", false), due("2021-02-25", true), due("2021-03-25", true)],
      }),
    ];
    expect(onTimeStreaks(standings, 3)).toEqual([{ unit: "甲", cycles: 3 }]);
    expect(onTimeStreaks(standings, 2)).toEqual([
      { unit: "甲", cycles: 3 },
      { unit: "丙", cycles: 2 },
    ]);
  });

  it("names the units red or late before and all green now", () => {
    const late = { cycle: "2020-12", due: "2020-12-25", days: 2 };
    const previous = [
      standing(task(1), "甲", { color: "red" }),
      standing(task(1), "乙", { color: "yellow", lateReport: late }),
      standing(task(1), "丙", { color: "red" }),
      standing(task(1), "丁", { color: "yellow" }),
    ];
    const current = [
      standing(task(1), "甲"),
      standing(task(2), "甲"),
      standing(task(1), "乙"),
      standing(task(1), "丙"),
      standing(task(2), "丙", { color: "yellow" }),
      standing(task(1), "丁"),
    ];
    expect(turnedGreen(previous, current)).toEqual(["乙", "甲"]);
  });

  it("lists late reports and passed deadlines, the longest late first", () => {
    const t6 = task(6, { deadline: "2021-03-15" });
    const items = overdueItems([
      standing(task(2), "甲", { lateReport: { cycle: "2021-03", due: "2021-03-25", days: 4 } }),
      standing(t6, "乙", {
        pastDeadlineDays: 12,
        lateReport: { cycle: "2021-03", due: "2021-03-25", days: 4 },
      }),
      standing(task(1), "丙", { lateReport: { cycle: "2021-03", due: "2021-03-25", days: 4 } }),
      standing(task(3), "丁"),
    ]);
    expect(items.map((i) => [i.kind, i.task.no, i.unit, i.days])).toEqual([
      ["deadline", 6, "乙", 12],
      ["report", 1, "丙", 4],
      ["report", 2, "甲", 4],
      ["report", 6, "乙", 4],
    ]);
  });
});
