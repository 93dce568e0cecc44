import { describe, expect, it } from "vitest";
import { createChineseDaysCalendar } from "../../../src/calendar/chinese-days-calendar.js";
import { dueDates } from "../../../src/calendar/due-dates.js";
import type { ReportingCycle } from "../../../src/calendar/reporting-cycle.js";
import { chooseCycle, cycleWindows } from "../../../src/progress/choose-cycle.js";

// On the State Council's 2021 arrangement: 春节 11–17 February (make-up days Sunday 7 and Saturday
// 20 February), 清明 3–5 April, 劳动节 1–5 May (make-up days Sunday 25 April and Saturday 8 May).
const calendar = createChineseDaysCalendar();
const schedule = (cycle: ReportingCycle, firstOffset = -3, start = "2021-01-21", deadline = "2021-12-31") => {
  const dues = dueDates({ cycle, start, deadline, calendar });
  const windows = cycleWindows(dues, calendar, firstOffset);
  return { windows, cycleOn: (date: string) => chooseCycle({ date, windows, dues }) };
};

describe("cycleWindows", () => {
  it("opens each window on the day of the cycle's first reminder, T−3 working days", () => {
    const { windows } = schedule({ kind: "monthly", day: 25 });
    expect(windows.slice(1, 5)).toEqual([
      { cycle: "2021-02", opens: "2021-02-22" },
      { cycle: "2021-03", opens: "2021-03-22" },
      // Due Sunday 25 April, a make-up working day: T−3 is Wednesday the 21st.
      { cycle: "2021-04", opens: "2021-04-21" },
      // Due Tuesday 25 May: T−3 is Thursday the 20th.
      { cycle: "2021-05", opens: "2021-05-20" },
    ]);
  });

  it("counts a 调休 make-up Saturday and skips a holiday", () => {
    // Due Tuesday 23 February: Monday 22nd, Saturday 20th (make-up), Friday 19th.
    expect(schedule({ kind: "monthly", day: 23 }).windows[1]).toEqual({
      cycle: "2021-02",
      opens: "2021-02-19",
    });
    // Due Thursday 8 April: 7th, 6th, then over 清明 (3–5 April) to Friday 2 April.
    expect(schedule({ kind: "monthly", day: 8 }).windows[2]).toEqual({
      cycle: "2021-04",
      opens: "2021-04-02",
    });
  });
});

describe("chooseCycle", () => {
  const monthly25 = schedule({ kind: "monthly", day: 25 });
  it.each([
    ["the day March's window opens (T−3)", "2021-03-22", "2021-03"],
    ["on March's due date", "2021-03-25", "2021-03"],
    ["late, on 03-30: still March's, so April's reminders go out", "2021-03-30", "2021-03"],
    ["the day before April's first reminder", "2021-04-20", "2021-03"],
    ["the day April's window opens", "2021-04-21", "2021-04"],
    ["on a holiday inside April's window (劳动节)", "2021-05-03", "2021-04"],
    ["after the last cycle: the last cycle", "2022-01-10", "2021-12"],
  ])("%s", (_, date, cycle) => {
    expect(monthly25.cycleOn(date)).toBe(cycle);
  });

  it("moves with the calendar: a 调休 Saturday opens February's window a day earlier", () => {
    const monthly23 = schedule({ kind: "monthly", day: 23 });
    expect(monthly23.cycleOn("2021-02-18")).toBe("2021-01");
    expect(monthly23.cycleOn("2021-02-19")).toBe("2021-02");
    const monthly8 = schedule({ kind: "monthly", day: 8 }, -3, "2021-03-01");
    expect(monthly8.cycleOn("2021-04-01")).toBe("2021-03");
    expect(monthly8.cycleOn("2021-04-02")).toBe("2021-04");
  });

  it("files a report before the first window under the period before, which satisfies no cycle", () => {
    const monthly = schedule({ kind: "monthly", day: 25 }, -3, "2021-03-01");
    expect(monthly.cycleOn("2021-03-05")).toBe("2021-02");
    expect(monthly.cycleOn("2021-03-05") < "2021-03").toBe(true);
    expect(schedule({ kind: "quarterly", day: 25 }, -3, "2021-01-21").cycleOn("2021-02-01")).toBe("2020-Q4");
    expect(schedule({ kind: "weekly", weekday: 5 }, -3, "2021-03-01").cycleOn("2021-03-01")).toBe("2021-W08");
    const once = schedule({ kind: "once" });
    expect(once.cycleOn("2021-06-01")).toBe("interim");
    expect("interim" < "once").toBe(true);
    expect(once.cycleOn("2021-12-28")).toBe("once");
  });

  it("uses a co-unit's own first reminder (T−5) to open its windows", () => {
    const co = schedule({ kind: "monthly", day: 25 }, -5);
    expect(co.windows[2]).toEqual({ cycle: "2021-03", opens: "2021-03-18" });
    expect(co.cycleOn("2021-03-18")).toBe("2021-03");
    expect(co.cycleOn("2021-03-17")).toBe("2021-02");
  });

  it("falls back to once when the task asks for nothing", () => {
    expect(chooseCycle({ date: "2021-03-22", windows: [], dues: [] })).toBe("once");
  });
});
