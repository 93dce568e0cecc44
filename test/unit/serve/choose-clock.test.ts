import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/load-config.js";
import { chooseDemoClock } from "../../../src/serve/choose-clock.js";
import { ConfigError } from "../../../src/shared/errors.js";

describe("chooseDemoClock", () => {
  it("is the real time when no DUBAN_CLOCK variable is set", () => {
    expect(chooseDemoClock(loadConfig({}), ["local"])).toBeUndefined();
  });

  it("starts at DUBAN_CLOCK and runs DUBAN_CLOCK_SPEED times faster", () => {
    let wall = 0;
    const config = loadConfig({ DUBAN_CLOCK: "2021-03-22T08:20+08:00", DUBAN_CLOCK_SPEED: "60" });
    const clock = chooseDemoClock(config, ["local"], () => wall);
    wall = 60_000;
    expect(clock?.now().toISOString()).toBe("2021-03-22T01:20:00.000Z");
  });

  it("refuses a demo clock beside a real platform, saying what to unset", () => {
    const config = loadConfig({ DUBAN_CLOCK: "2021-03-22T08:20+08:00" });
    expect(() => chooseDemoClock(config, ["wecom"])).toThrow(ConfigError);
    expect(() => chooseDemoClock(config, ["wecom"])).toThrow(/local channel only.*WECOM_\*/s);
  });

  it("names the variable and the fix for an unreadable value", () => {
    expect(() => loadConfig({ DUBAN_CLOCK: "next monday" })).toThrow(/DUBAN_CLOCK.*2021-03-22T08:20\+08:00/s);
    expect(() => loadConfig({ DUBAN_CLOCK_SPEED: "-3" })).toThrow(/DUBAN_CLOCK_SPEED/);
    expect(() => loadConfig({ DUBAN_CLOCK_SKIP_IDLE: "maybe" })).toThrow(/DUBAN_CLOCK_SKIP_IDLE.*1/s);
  });
});
