import { describe, expect, it } from "vitest";
import { listNominalDates } from "../../../src/calendar/list-nominal-dates.js";
import type { ReportingCycle } from "../../../src/calendar/reporting-cycle.js";

const list = (cycle: ReportingCycle, start: string, deadline: string) =>
  listNominalDates(cycle, start, deadline).map((d) => `${d.cycle} ${d.nominal}`);

describe("listNominalDates", () => {
  it.each([
    // Day 31 in short months, leap and common Februaries.
    [
      { kind: "monthly", day: 31 },
      "2024-01-15",
      "2024-04-30",
      ["2024-01 2024-01-31", "2024-02 2024-02-29", "2024-03 2024-03-31", "2024-04 2024-04-30"],
    ],
    [{ kind: "monthly", day: 29 }, "2023-01-31", "2023-03-31", ["2023-02 2023-02-28", "2023-03 2023-03-29"]],
    [{ kind: "monthly", day: "last" }, "2100-01-31", "2100-03-01", ["2100-02 2100-02-28"]],
    // Across a year boundary.
    [{ kind: "monthly", day: 10 }, "2021-11-10", "2022-01-10", ["2021-12 2021-12-10", "2022-01 2022-01-10"]],
    [
      { kind: "quarterly", day: 31 },
      "2021-01-01",
      "2021-12-31",
      ["2021-Q1 2021-03-31", "2021-Q2 2021-06-30", "2021-Q3 2021-09-30", "2021-Q4 2021-12-31"],
    ],
    [
      { kind: "quarterly", day: "last" },
      "2021-11-20",
      "2022-06-29",
      ["2021-Q4 2021-12-31", "2022-Q1 2022-03-31"],
    ],
    // Weekly keys are ISO weeks: Monday 30 December 2024 is in 2025-W01.
    [
      { kind: "weekly", weekday: 1 },
      "2024-12-24",
      "2025-01-06",
      ["2025-W01 2024-12-30", "2025-W02 2025-01-06"],
    ],
    [
      { kind: "weekly", weekday: 1 },
      "2021-03-22",
      "2021-04-05",
      ["2021-W13 2021-03-29", "2021-W14 2021-04-05"],
    ],
    [{ kind: "weekly", weekday: 7 }, "2021-02-07", "2021-02-14", ["2021-W06 2021-02-14"]],
    [{ kind: "once" }, "2021-01-21", "2021-06-30", ["once 2021-06-30"]],
  ] as [ReportingCycle, string, string, string[]][])(
    "%j from %s to %s",
    (cycle, start, deadline, expected) => {
      expect(list(cycle, start, deadline)).toEqual(expected);
    },
  );

  it.each([
    [{ kind: "monthly", day: 25 }, "2021-03-25", "2021-04-24"],
    [{ kind: "weekly", weekday: 3 }, "2021-03-24", "2021-03-30"],
    [{ kind: "once" }, "2021-06-30", "2021-06-30"],
    [{ kind: "once" }, "2021-07-01", "2021-06-30"],
  ] as [ReportingCycle, string, string][])(
    "%j from %s to %s: none (start is exclusive)",
    (cycle, start, deadline) => {
      expect(list(cycle, start, deadline)).toEqual([]);
    },
  );

  it("refuses a start or deadline that is not a date", () => {
    expect(() => listNominalDates({ kind: "once" }, "2021-01-21", "年底前")).toThrow(RangeError);
  });
});
