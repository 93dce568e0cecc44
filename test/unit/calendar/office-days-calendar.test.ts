import { describe, expect, it } from "vitest";
import { createChineseDaysCalendar } from "../../../src/calendar/chinese-days-calendar.js";
import {
  createOfficeDaysCalendar,
  type OfficeDay,
  withOfficeDays,
} from "../../../src/calendar/office-days-calendar.js";

/** A calendar over office days a test changes, with its own monotonic clock, counting its builds. */
function world(initial: OfficeDay[] = []) {
  let days = initial;
  let now = 0;
  let builds = 0;
  let failing = false;
  const errors: unknown[] = [];
  const calendar = createOfficeDaysCalendar({
    build: (office) => {
      builds++;
      return createChineseDaysCalendar({
        overrides: withOfficeDays({ closedDays: [], extraWorkingDays: [] }, office),
      });
    },
    load: async () => {
      if (failing) throw new Error("store down");
      return days;
    },
    maxAgeMs: 60_000,
    monotonicMs: () => now,
    onError: (error) => errors.push(error),
  });
  return {
    calendar,
    set: (next: OfficeDay[]) => {
      days = next;
    },
    advance: (ms: number) => {
      now += ms;
    },
    fail: (on: boolean) => {
      failing = on;
    },
    builds: () => builds,
    errors,
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("the office's calendar days", () => {
  it("count once read: a closed Wednesday and an open Saturday, with their notes", async () => {
    const w = world([
      { date: "2021-04-07", working: false, note: "区运动会" },
      { date: "2021-04-10", working: true },
    ]);
    await w.calendar.refresh();
    expect(w.calendar.dayInfo("2021-04-07")).toEqual({
      date: "2021-04-07",
      working: false,
      kind: "override-closed",
      name: "区运动会",
    });
    expect(w.calendar.isWorkingDay("2021-04-10")).toBe(true);
    expect(w.calendar.nextWorkingDay("2021-04-06")).toBe("2021-04-08");
  });

  it("follow a change made elsewhere once the days read are older than maxAgeMs, rebuilding only on a change", async () => {
    const w = world();
    await w.calendar.refresh();
    expect(w.builds()).toBe(1);
    w.set([{ date: "2021-04-07", working: false }]);
    w.advance(30_000);
    expect(w.calendar.isWorkingDay("2021-04-07")).toBe(true);
    await settle();
    expect(w.calendar.isWorkingDay("2021-04-07")).toBe(true);
    w.advance(31_000);
    // This call starts the read and answers with what it has; the next one counts the change.
    expect(w.calendar.isWorkingDay("2021-04-07")).toBe(true);
    await settle();
    expect(w.calendar.isWorkingDay("2021-04-07")).toBe(false);
    expect(w.builds()).toBe(2);
    await w.calendar.refresh();
    expect(w.builds()).toBe(2);
  });

  it("keep the days last read when a read fails, and say so", async () => {
    const w = world([{ date: "2021-04-07", working: false }]);
    await w.calendar.refresh();
    w.fail(true);
    w.advance(61_000);
    w.calendar.isWorkingDay("2021-04-07");
    await settle();
    expect(w.errors).toHaveLength(1);
    expect(w.calendar.isWorkingDay("2021-04-07")).toBe(false);
  });

  it("replace what the config says of the same day", () => {
    expect(
      withOfficeDays(
        { closedDays: [{ date: "2021-04-07" }], extraWorkingDays: [{ date: "2021-04-10", note: "补班" }] },
        [{ date: "2021-04-07", working: true, note: "恢复上班" }],
      ),
    ).toEqual({
      closedDays: [],
      extraWorkingDays: [
        { date: "2021-04-10", note: "补班" },
        { date: "2021-04-07", note: "恢复上班" },
      ],
    });
  });
});
