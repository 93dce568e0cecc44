import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/load-config.js";

describe("DUBAN_METRICS", () => {
  it("serves GET /metrics on loopback unless told otherwise", () => {
    expect(loadConfig({}).DUBAN_METRICS).toBe("loopback");
    expect(loadConfig({ DUBAN_METRICS: "" }).DUBAN_METRICS).toBe("loopback");
    expect(loadConfig({ DUBAN_METRICS: "open" }).DUBAN_METRICS).toBe("open");
    expect(loadConfig({ DUBAN_METRICS: "off" }).DUBAN_METRICS).toBe("off");
  });

  it("refuses another value, naming the variable and the choices", () => {
    expect(() => loadConfig({ DUBAN_METRICS: "on" })).toThrow(
      /DUBAN_METRICS: not a choice for GET \/metrics .*Fix: use one of "off", "loopback", "open"/,
    );
  });
});
