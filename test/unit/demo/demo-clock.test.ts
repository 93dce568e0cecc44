import { describe, expect, it } from "vitest";
import { createDemoClock } from "../../../src/demo/demo-clock.js";

describe("createDemoClock", () => {
  it("starts at the chosen instant and runs `speed` times faster than the wall clock", () => {
    let wall = 1_000_000;
    const clock = createDemoClock({
      start: new Date("2021-03-22T00:20:00Z"),
      speed: 120,
      wall: () => wall,
    });
    expect(clock.now().toISOString()).toBe("2021-03-22T00:20:00.000Z");
    wall += 30_000; // half a minute of real time is an hour of demo time
    expect(clock.now().toISOString()).toBe("2021-03-22T01:20:00.000Z");
  });

  it("jumps forward and never back", () => {
    let wall = 0;
    const clock = createDemoClock({ start: new Date("2021-03-22T10:00:00Z"), speed: 1, wall: () => wall });
    clock.skipTo(new Date("2021-03-23T00:00:00Z"));
    expect(clock.now().toISOString()).toBe("2021-03-23T00:00:00.000Z");
    clock.skipTo(new Date("2021-03-22T12:00:00Z"));
    expect(clock.now().toISOString()).toBe("2021-03-23T00:00:00.000Z");
    wall += 1_000;
    expect(clock.now().toISOString()).toBe("2021-03-23T00:00:01.000Z");
  });

  it("changes speed from the current instant, pauses at 0 and refuses a speed below 0", () => {
    let wall = 0;
    const clock = createDemoClock({ start: new Date("2021-03-22T10:00:00Z"), speed: 60, wall: () => wall });
    wall += 60_000; // an hour at 60×
    clock.setSpeed(0);
    expect(clock.speed).toBe(0);
    wall += 3_600_000;
    expect(clock.now().toISOString()).toBe("2021-03-22T11:00:00.000Z");
    clock.setSpeed(3600);
    wall += 1_000; // an hour at 3600×
    expect(clock.now().toISOString()).toBe("2021-03-22T12:00:00.000Z");
    expect(() => clock.setSpeed(-1)).toThrow(RangeError);
    expect(() => clock.setSpeed(Number.NaN)).toThrow(RangeError);
  });

  it("restarts at an earlier instant only when asked to", () => {
    let wall = 0;
    const clock = createDemoClock({ start: new Date("2026-12-01T07:00:00Z"), speed: 2, wall: () => wall });
    clock.restartAt(new Date("2021-03-22T00:20:00Z"));
    expect(clock.now().toISOString()).toBe("2021-03-22T00:20:00.000Z");
    wall += 1_000;
    expect(clock.now().toISOString()).toBe("2021-03-22T00:20:02.000Z");
  });
});
