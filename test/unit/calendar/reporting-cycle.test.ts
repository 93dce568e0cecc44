import { readFileSync } from "node:fs";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_REPORTING_CYCLE,
  defaultReportingCycleSchema,
  reportingCycleSchema,
} from "../../../src/calendar/reporting-cycle.js";

function firstMessage(raw: unknown): string {
  const result = reportingCycleSchema.safeParse(raw);
  return result.success
    ? "(accepted)"
    : `${result.error.issues[0]?.path.join(".")}: ${result.error.issues[0]?.message}`;
}

describe("reportingCycleSchema", () => {
  it.each([
    { kind: "weekly", weekday: 1 },
    { kind: "weekly", weekday: 7 },
    { kind: "monthly", day: 1 },
    { kind: "monthly", day: 31 },
    { kind: "monthly", day: "last" },
    { kind: "quarterly", day: 25 },
    { kind: "quarterly", day: "last" },
    { kind: "once" },
  ])("accepts %j", (cycle) => {
    expect(reportingCycleSchema.parse(cycle)).toEqual(cycle);
  });

  it.each([
    [{ kind: "daily" }, "kind: kind must be weekly, monthly, quarterly or once"],
    [{ weekday: 5 }, "kind: kind must be weekly, monthly, quarterly or once"],
    [{ kind: "weekly", weekday: 0 }, "weekday: weekday must be 1 (Monday) to 7 (Sunday)"],
    [{ kind: "weekly", weekday: 8 }, "weekday: weekday must be 1 (Monday) to 7 (Sunday)"],
    [{ kind: "weekly", weekday: "Friday" }, "weekday: weekday must be 1 (Monday) to 7 (Sunday)"],
    [{ kind: "monthly", day: 0 }, 'day: day must be 1–31 or "last"'],
    [{ kind: "monthly", day: 32 }, 'day: day must be 1–31 or "last"'],
    [{ kind: "quarterly", day: 2.5 }, 'day: day must be 1–31 or "last"'],
    [{ kind: "monthly", day: "first" }, 'day: day must be 1–31 or "last"'],
    [{ kind: "monthly", day: 25, weekday: 1 }, ': Unrecognized key: "weekday"'],
  ])("refuses %j", (raw, expected) => {
    expect(firstMessage(raw)).toContain(expected);
  });

  it("defaults to monthly on the 25th when the config says nothing", () => {
    expect(DEFAULT_REPORTING_CYCLE).toEqual({ kind: "monthly", day: 25 });
    expect(defaultReportingCycleSchema.parse(undefined)).toEqual(DEFAULT_REPORTING_CYCLE);
    expect(defaultReportingCycleSchema.parse({ kind: "weekly", weekday: 5 })).toEqual({
      kind: "weekly",
      weekday: 5,
    });
  });

  it("reads the default cycle of the example config", () => {
    const example = load(readFileSync("config/calendar.example.yaml", "utf8")) as {
      reporting: { defaultCycle: unknown };
    };
    expect(defaultReportingCycleSchema.parse(example.reporting.defaultCycle)).toEqual(
      DEFAULT_REPORTING_CYCLE,
    );
  });
});
