import { describe, expect, it } from "vitest";
import { playgroundRuns } from "../../../src/playground/playground-runs.js";
import { ConfigError } from "../../../src/shared/errors.js";

describe("playgroundRuns", () => {
  it("is on with the local channel unless turned off, and off with a platform", () => {
    expect(playgroundRuns({}, false)).toBe(true);
    expect(playgroundRuns({ DUBAN_PLAYGROUND: true }, false)).toBe(true);
    expect(playgroundRuns({ DUBAN_PLAYGROUND: false }, false)).toBe(false);
    expect(playgroundRuns({}, true)).toBe(false);
    expect(playgroundRuns({ DUBAN_PLAYGROUND: false }, true)).toBe(false);
  });

  it("refuses to start when asked for with a platform configured, naming the variables and the fix", () => {
    expect(() => playgroundRuns({ DUBAN_PLAYGROUND: true }, true)).toThrow(ConfigError);
    expect(() => playgroundRuns({ DUBAN_PLAYGROUND: true }, true)).toThrow(/DUBAN_PLAYGROUND=1.*Fix: unset/);
  });
});
