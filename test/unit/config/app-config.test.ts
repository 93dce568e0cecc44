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

describe("DUBAN_WEB_SECRET", () => {
  it("is optional, and taken as given when 32 characters or more", () => {
    expect(loadConfig({}).DUBAN_WEB_SECRET).toBeUndefined();
    const secret = "x".repeat(32);
    expect(loadConfig({ DUBAN_WEB_SECRET: secret }).DUBAN_WEB_SECRET).toBe(secret);
  });

  it("refuses a shorter one, naming the variable and the fix, never the value", () => {
    const attempt = () => loadConfig({ DUBAN_WEB_SECRET: "short-secret-value" });
    expect(attempt).toThrow(/DUBAN_WEB_SECRET: DUBAN_WEB_SECRET is too short .*openssl rand -base64 48/);
    expect(attempt).not.toThrow(/short-secret-value/);
  });
});

describe("PUBLIC_BASE_URL", () => {
  it("is kept without its trailing slash, and refused when it is no URL", () => {
    expect(loadConfig({ PUBLIC_BASE_URL: "https://duban.example.gov.cn/" }).PUBLIC_BASE_URL).toBe(
      "https://duban.example.gov.cn",
    );
    expect(() => loadConfig({ PUBLIC_BASE_URL: "duban.example" })).toThrow(
      /PUBLIC_BASE_URL: .*Fix: write it as https:/,
    );
  });
});
