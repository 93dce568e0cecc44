import { describe, expect, it } from "vitest";
import { createChineseDaysCalendar } from "../../../src/calendar/chinese-days-calendar.js";
import { dueDates } from "../../../src/calendar/due-dates.js";
import type { ReportingCycle } from "../../../src/calendar/reporting-cycle.js";

// Every expected day was checked against the State Council's 2021 arrangement (国办发明电〔2020〕27号).
const calendar = createChineseDaysCalendar();
const due = (cycle: ReportingCycle, start: string, deadline: string) =>
  dueDates({ cycle, start, deadline, calendar }).map((d) => `${d.cycle} ${d.nominal}→${d.due}`);

describe("dueDates", () => {
  it("monthly on the 25th over the seed's year (issued 2021-01-21, deadline 2021-12-31)", () => {
    expect(due({ kind: "monthly", day: 25 }, "2021-01-21", "2021-12-31")).toEqual([
      "2021-01 2021-01-25→2021-01-25",
      "2021-02 2021-02-25→2021-02-25",
      "2021-03 2021-03-25→2021-03-25",
      "2021-04 2021-04-25→2021-04-25", // a Sunday, but a make-up working day for 劳动节
      "2021-05 2021-05-25→2021-05-25",
      "2021-06 2021-06-25→2021-06-25",
      "2021-07 2021-07-25→2021-07-23", // Sunday → Friday
      "2021-08 2021-08-25→2021-08-25",
      "2021-09 2021-09-25→2021-09-24", // Saturday → Friday (the make-up Sunday is the 26th, after it)
      "2021-10 2021-10-25→2021-10-25",
      "2021-11 2021-11-25→2021-11-25",
      "2021-12 2021-12-25→2021-12-24", // Saturday → Friday
    ]);
  });

  it.each([
    // 清明, 3–5 April: Monday the 5th moves to Friday the 2nd.
    [
      { kind: "weekly", weekday: 1 },
      "2021-03-28",
      "2021-04-13",
      ["2021-W13 2021-03-29→2021-03-29", "2021-W14 2021-04-05→2021-04-02", "2021-W15 2021-04-12→2021-04-12"],
    ],
    // Spring Festival, 11–17 February; Sunday the 7th is a make-up working day.
    [
      { kind: "weekly", weekday: 7 },
      "2021-02-01",
      "2021-02-21",
      ["2021-W05 2021-02-07→2021-02-07", "2021-W06 2021-02-14→2021-02-10", "2021-W07 2021-02-21→2021-02-20"],
    ],
    // National Day, 1–7 October; Sunday 26 September and Saturday 9 October are working days.
    [
      { kind: "weekly", weekday: 4 },
      "2021-09-27",
      "2021-10-15",
      ["2021-W39 2021-09-30→2021-09-30", "2021-W40 2021-10-07→2021-09-30", "2021-W41 2021-10-14→2021-10-14"],
    ],
    [
      { kind: "weekly", weekday: 6 },
      "2021-09-27",
      "2021-10-10",
      ["2021-W39 2021-10-02→2021-09-30", "2021-W40 2021-10-09→2021-10-09"],
    ],
    // 元旦 across the year boundary.
    [
      { kind: "weekly", weekday: 5 },
      "2020-12-28",
      "2021-01-10",
      ["2020-W53 2021-01-01→2020-12-31", "2021-W01 2021-01-08→2021-01-08"],
    ],
    [
      { kind: "monthly", day: "last" },
      "2021-01-21",
      "2021-03-31",
      ["2021-01 2021-01-31→2021-01-29", "2021-02 2021-02-28→2021-02-26", "2021-03 2021-03-31→2021-03-31"],
    ],
    [
      { kind: "quarterly", day: 25 },
      "2021-01-21",
      "2021-12-31",
      [
        "2021-Q1 2021-03-25→2021-03-25",
        "2021-Q2 2021-06-25→2021-06-25",
        "2021-Q3 2021-09-25→2021-09-24",
        "2021-Q4 2021-12-25→2021-12-24",
      ],
    ],
    [
      { kind: "quarterly", day: "last" },
      "2021-01-21",
      "2021-09-30",
      ["2021-Q1 2021-03-31→2021-03-31", "2021-Q2 2021-06-30→2021-06-30", "2021-Q3 2021-09-30→2021-09-30"],
    ],
    [{ kind: "once" }, "2021-01-21", "2021-12-31", ["once 2021-12-31→2021-12-31"]],
    [{ kind: "once" }, "2021-01-21", "2021-10-03", ["once 2021-10-03→2021-09-30"]],
    [{ kind: "once" }, "2021-01-21", "2021-06-30", ["once 2021-06-30→2021-06-30"]],
  ] as [ReportingCycle, string, string, string[]][])(
    "%j from %s to %s",
    (cycle, start, deadline, expected) => {
      expect(due(cycle, start, deadline)).toEqual(expected);
    },
  );

  it("leaves out a periodic cycle whose due day would move back onto or before the start", () => {
    // Start Saturday 3 April: Monday the 5th (清明) would move to Friday the 2nd, before the task began.
    expect(due({ kind: "weekly", weekday: 1 }, "2021-04-03", "2021-04-13")).toEqual([
      "2021-W15 2021-04-12→2021-04-12",
    ]);
    expect(due({ kind: "weekly", weekday: 1 }, "2021-04-02", "2021-04-13")).toEqual([
      "2021-W15 2021-04-12→2021-04-12",
    ]);
  });

  it("keeps a once report even when every day until the deadline is a day off", () => {
    expect(due({ kind: "once" }, "2021-10-01", "2021-10-05")).toEqual(["once 2021-10-05→2021-09-30"]);
  });

  it("moves due days with the config's overrides", () => {
    const local = createChineseDaysCalendar({
      overrides: { closedDays: [{ date: "2021-06-25" }], extraWorkingDays: [{ date: "2021-07-25" }] },
    });
    const result = dueDates({
      cycle: { kind: "monthly", day: 25 },
      start: "2021-06-01",
      deadline: "2021-07-31",
      calendar: local,
    });
    expect(result.map((d) => d.due)).toEqual(["2021-06-24", "2021-07-25"]);
  });
});
