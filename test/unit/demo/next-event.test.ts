import { describe, expect, it } from "vitest";
import { createChineseDaysCalendar } from "../../../src/calendar/chinese-days-calendar.js";
import { sendingHoursSchema } from "../../../src/config/reminder-settings.js";
import { createSendingWindow } from "../../../src/delivery/sending-window.js";
import { nextEventAt, nextJobRun } from "../../../src/demo/next-event.js";

const calendar = createChineseDaysCalendar();
const hours = sendingHoursSchema.parse({ start: "08:30", end: "18:00" });
const window = createSendingWindow({ hours, calendar, random: () => 0 });
const at = (local: string) => new Date(`${local}+08:00`);
const jobs = [{ cron: "7 8,10,12,14,16 * * *" }, { cron: "10 9 * * *" }, { cron: "40 3 * * *" }];
const next = (now: string, due?: string) =>
  nextEventAt({
    now: at(now),
    jobs,
    window,
    nextDueAt: async () => (due ? at(due).toISOString() : undefined),
  });

describe("nextEventAt (the playground's 下一事件)", () => {
  it("within a working day: the next job run, or a message due before it", async () => {
    expect((await next("2021-03-22T08:20:00"))?.toISOString()).toBe(at("2021-03-22T09:10:00").toISOString());
    expect((await next("2021-03-22T08:20:00", "2021-03-22T09:03:12"))?.toISOString()).toBe(
      at("2021-03-22T09:03:12").toISOString(),
    );
  });

  it("a message already due goes when the window opens, not before", async () => {
    expect((await next("2021-03-22T08:10:00", "2021-03-22T07:00:00"))?.toISOString()).toBe(
      at("2021-03-22T08:30:00").toISOString(),
    );
  });

  it("at night and over a weekend: the next working morning, passing the night's housekeeping", async () => {
    expect((await next("2021-03-22T18:30:00"))?.toISOString()).toBe(at("2021-03-23T08:00:00").toISOString());
    expect((await next("2021-03-26T19:00:00"))?.toISOString()).toBe(at("2021-03-29T08:00:00").toISOString());
  });

  it("finds a job's next run within a week, and nothing for no jobs", () => {
    expect(nextJobRun(at("2021-03-22T16:07:00"), jobs)?.toISOString()).toBe(
      at("2021-03-23T03:40:00").toISOString(),
    );
    expect(nextJobRun(at("2021-03-22T16:07:00"), [])).toBeUndefined();
  });
});
