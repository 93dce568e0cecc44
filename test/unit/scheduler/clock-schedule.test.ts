import { describe, expect, it } from "vitest";
import { clockSchedule } from "../../../src/scheduler/clock-schedule.js";

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe("clockSchedule", () => {
  it("fires for every matching minute the injected clock crosses, with that minute", async () => {
    let now = Date.parse("2021-03-22T08:00:30+08:00");
    const fired: string[] = [];
    const schedule = clockSchedule({ now: () => new Date(now) }, { pollMs: 2 });
    const task = schedule(
      "7 8,10 * * *",
      async (at) => {
        fired.push(at?.toISOString() ?? "none");
      },
      { name: "t", timezone: "Asia/Shanghai", noOverlap: true },
    );
    await task.start();
    now = Date.parse("2021-03-22T11:00:00+08:00"); // a jump over 08:07 and 10:07
    await until(() => fired.length === 2);
    expect(fired).toEqual(["2021-03-22T00:07:00.000Z", "2021-03-22T02:07:00.000Z"]);
    await task.stop();
    now = Date.parse("2021-03-23T11:00:00+08:00");
    await new Promise((r) => setTimeout(r, 20));
    expect(fired).toHaveLength(2);
  });

  it("follows a clock set back to an earlier instant from there (the playground's seed)", async () => {
    let now = Date.parse("2026-12-01T15:00:00+08:00");
    const fired: string[] = [];
    const schedule = clockSchedule({ now: () => new Date(now) }, { pollMs: 2 });
    const task = schedule(
      "7 8 * * *",
      async (at) => {
        fired.push(at?.toISOString() ?? "none");
      },
      { name: "t", timezone: "Asia/Shanghai", noOverlap: true },
    );
    await task.start();
    now = Date.parse("2021-03-22T08:00:00+08:00");
    await new Promise((r) => setTimeout(r, 20));
    now = Date.parse("2021-03-22T08:10:00+08:00");
    await until(() => fired.length === 1);
    expect(fired).toEqual(["2021-03-22T00:07:00.000Z"]);
    await task.stop();
  });
});
