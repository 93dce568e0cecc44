import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_REMINDER_SETTINGS } from "../../../src/config/reminder-settings.js";
import { createSendingWindow } from "../../../src/delivery/sending-window.js";
import { inBusinessTz } from "../../../src/shared/clock.js";
import { calendar2021 } from "../../fixtures/delivery/delivery-world.js";

function windowWith(random: () => number) {
  return createSendingWindow({ hours: DEFAULT_REMINDER_SETTINGS.hours, calendar: calendar2021(), random });
}
const shanghai = (local: string) => new Date(`${local}+08:00`);

describe("createSendingWindow", () => {
  it("is open 08:30–18:00 on working days only", () => {
    const window = windowWith(() => 0.5);
    expect(window.isOpen(shanghai("2021-04-02T08:29:59"))).toBe(false);
    expect(window.isOpen(shanghai("2021-04-02T08:30:00"))).toBe(true);
    expect(window.isOpen(shanghai("2021-04-02T17:59:59"))).toBe(true);
    expect(window.isOpen(shanghai("2021-04-02T18:00:00"))).toBe(false);
    // 清明 (3–5 April 2021), and the make-up working Sunday of 7 February 2021.
    expect(window.isOpen(shanghai("2021-04-05T10:10:00"))).toBe(false);
    expect(window.isOpen(shanghai("2021-02-07T10:10:00"))).toBe(true);
  });

  it("is open exactly when the Asia/Shanghai wall clock says so, at any instant of 2021", () => {
    const calendar = calendar2021();
    const window = windowWith(() => 0.5);
    const instants = fc.integer({ min: Date.UTC(2020, 11, 31, 16), max: Date.UTC(2021, 11, 31, 15, 59) });
    fc.assert(
      fc.property(instants, (ms) => {
        const local = inBusinessTz(new Date(ms));
        const minute = local.hour() * 60 + local.minute();
        const open =
          minute >= 8 * 60 + 30 && minute < 18 * 60 && calendar.isWorkingDay(local.format("YYYY-MM-DD"));
        expect(window.isOpen(new Date(ms))).toBe(open);
      }),
      { numRuns: 2_000 },
    );
  });

  it("moves Friday 2 April 2021 20:00 past 清明 to Tuesday 6 April, spread after 08:30 and clear of the marks", () => {
    for (const r of [0, 0.25, 0.5, 0.999]) {
      const placed = windowWith(() => r)
        .place(shanghai("2021-04-02T20:00:00"))
        .getTime();
      expect(placed).toBeGreaterThanOrEqual(shanghai("2021-04-06T08:33:00").getTime());
      expect(placed).toBeLessThan(shanghai("2021-04-06T08:48:00").getTime());
    }
  });

  it("moves an early-morning time of a working day to that day's opening", () => {
    const placed = windowWith(() => 0).place(shanghai("2021-04-06T06:00:00"));
    expect(placed).toEqual(shanghai("2021-04-06T08:33:00"));
  });

  it("keeps an open time clear of :00 and :30 by two minutes", () => {
    const window = windowWith(() => 0.5);
    expect(window.place(shanghai("2021-04-06T10:10:00"))).toEqual(shanghai("2021-04-06T10:10:00"));
    expect(window.place(shanghai("2021-04-06T10:27:59"))).toEqual(shanghai("2021-04-06T10:27:59"));
    for (const local of ["10:28:00", "10:30:00", "10:32:59"])
      expect(window.place(shanghai(`2021-04-06T${local}`))).toEqual(shanghai("2021-04-06T10:34:00"));
    expect(window.place(shanghai("2021-04-06T10:58:30"))).toEqual(shanghai("2021-04-06T11:04:00"));
  });

  it("sends a time that the marks push past the end of the day to the next morning", () => {
    const placed = windowWith(() => 0).place(shanghai("2021-04-06T17:59:00"));
    expect(placed).toEqual(shanghai("2021-04-07T08:33:00"));
  });
});
