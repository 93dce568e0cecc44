import { describe, expect, it } from "vitest";
import { createChineseDaysCalendar } from "../../../src/calendar/chinese-days-calendar.js";
import { sendingHoursSchema } from "../../../src/config/reminder-settings.js";
import { createSendingWindow } from "../../../src/delivery/sending-window.js";
import { createDemoClock } from "../../../src/demo/demo-clock.js";
import { nextWakeUp, skipIdleTime } from "../../../src/demo/skip-idle.js";
import { silentLogger } from "../../../src/shared/logger.js";

const calendar = createChineseDaysCalendar();
const hours = sendingHoursSchema.parse({ start: "08:30", end: "18:00" });
const window = createSendingWindow({ hours, calendar, random: () => 0 });
const at = (local: string) => new Date(`${local}+08:00`);

describe("nextWakeUp", () => {
  it.each([
    ["a working evening wakes the next working morning", "2021-03-22T18:30:00", "2021-03-23T08:00:00"],
    ["Friday evening wakes on Monday", "2021-03-26T19:00:00", "2021-03-29T08:00:00"],
    ["清明 (3–5 April 2021) is jumped", "2021-04-02T18:05:00", "2021-04-06T08:00:00"],
    ["an early working morning wakes the same day", "2021-03-22T03:00:00", "2021-03-22T08:00:00"],
    ["a 调休 Saturday is a working day", "2021-02-19T20:00:00", "2021-02-20T08:00:00"],
  ])("%s", (_, now, wake) => {
    expect(nextWakeUp(at(now), window)?.toISOString()).toBe(at(wake).toISOString());
  });

  it("does not skip within a working day's hours", () => {
    expect(nextWakeUp(at("2021-03-22T10:00:00"), window)).toBeUndefined();
    expect(nextWakeUp(at("2021-03-22T08:00:00"), window)).toBeUndefined();
  });
});

describe("skipIdleTime", () => {
  const clockAt = (local: string) => createDemoClock({ start: at(local), speed: 1, wall: () => 0 });

  it("jumps to the next working morning when nothing is due before it", async () => {
    const clock = clockAt("2021-03-26T19:00:00");
    const deps = { clock, window, nextDueAt: async () => undefined, logger: silentLogger };
    expect(await skipIdleTime(deps)).toEqual(at("2021-03-29T08:00:00"));
    expect(clock.now()).toEqual(at("2021-03-29T08:00:00"));
  });

  it("stops at a message due earlier, and not at all when one is due now", async () => {
    const clock = clockAt("2021-03-26T19:00:00");
    const due = at("2021-03-27T09:00:00").toISOString();
    await skipIdleTime({ clock, window, nextDueAt: async () => due, logger: silentLogger });
    expect(clock.now().toISOString()).toBe(due);
    expect(
      await skipIdleTime({ clock, window, nextDueAt: async () => due, logger: silentLogger }),
    ).toBeUndefined();
  });
});
