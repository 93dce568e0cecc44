import { describe, expect, it } from "vitest";
import {
  createPlatformState,
  PLATFORM_SIGN_IN_MS,
  readPlatformState,
} from "../../../../src/web/auth/platform-sign-in-state.js";
import { createWebKeys } from "../../../../src/web/auth/web-keys.js";

const NOW = new Date("2021-03-22T01:00:00Z");
const later = (ms: number) => new Date(NOW.getTime() + ms);

describe("the state of a platform's sign-in", () => {
  const keys = createWebKeys("a-test-secret-of-at-least-32-characters!");

  it("is letters and digits, at most 128 (WeCom's limit), and reads back its nonce for 10 minutes", () => {
    const { state, nonce } = createPlatformState(keys, NOW);
    expect(state).toMatch(/^[A-Za-z0-9]{1,128}$/);
    expect(state.startsWith(nonce)).toBe(true);
    expect(readPlatformState(keys, state, later(PLATFORM_SIGN_IN_MS - 1))).toEqual({
      ok: true,
      nonce,
      expiresAt: NOW.getTime() + PLATFORM_SIGN_IN_MS,
    });
    expect(readPlatformState(keys, state, later(PLATFORM_SIGN_IN_MS))).toEqual({
      ok: false,
      problem: "expired",
    });
    // From further ahead than one validity: not one this service made at that time.
    expect(readPlatformState(keys, state, later(-1))).toEqual({ ok: false, problem: "expired" });
    expect(createPlatformState(keys, NOW).nonce).not.toBe(nonce);
  });

  it("refuses a state changed anywhere, signed by another key, or not a state at all", () => {
    const { state } = createPlatformState(keys, NOW);
    for (const at of [0, 40, state.length - 1]) {
      const flipped = `${state.slice(0, at)}${state[at] === "0" ? "1" : "0"}${state.slice(at + 1)}`;
      expect(readPlatformState(keys, flipped, NOW), `changed at ${at}`).toEqual({
        ok: false,
        problem: "invalid",
      });
    }
    const other = createWebKeys("another-secret-of-at-least-32-characters");
    expect(readPlatformState(other, state, NOW)).toEqual({ ok: false, problem: "invalid" });
    for (const junk of ["", "STATE", `${state}0`, state.slice(1)])
      expect(readPlatformState(keys, junk, NOW)).toEqual({ ok: false, problem: "invalid" });
  });
});
