import { getSignature } from "@wecom/crypto";
import { describe, expect, it } from "vitest";
import { computeSignature, verifySignature } from "../../../../src/channels/wecom/wecom-signature.js";
import { DECRYPTABLE, V4A, V4A_TAMPERED_SIGNATURE } from "../../../fixtures/wecom/vectors.js";
import { expectWecomError } from "./wecom-test-kit.js";

const partsOf = (v: (typeof DECRYPTABLE)[number]) => ({
  token: v.keys.token,
  timestamp: v.timestamp,
  nonce: v.nonce,
  encrypt: v.encrypt,
});

describe("computeSignature", () => {
  it.each(DECRYPTABLE.map((v) => [v.name, v] as const))("reproduces the %s signature", (_, v) => {
    expect(computeSignature(partsOf(v))).toBe(v.signature);
  });

  it("agrees with @wecom/crypto's getSignature", () => {
    const parts = { token: "t0k", timestamp: "1700000000", nonce: "n", encrypt: "abc+/=" };
    expect(computeSignature(parts)).toBe(getSignature("t0k", "1700000000", "n", "abc+/="));
  });

  it("sorts the four parts, so their roles do not matter", () => {
    const a = computeSignature({ token: "b", timestamp: "d", nonce: "a", encrypt: "c" });
    expect(a).toBe(computeSignature({ token: "a", timestamp: "b", nonce: "c", encrypt: "d" }));
  });
});

describe("verifySignature", () => {
  it.each(DECRYPTABLE.map((v) => [v.name, v] as const))("accepts the %s signature", (_, v) => {
    expect(() => verifySignature(v.signature, partsOf(v))).not.toThrow();
  });

  it("rejects V4-A with a tampered signature with -40001", () => {
    expectWecomError(() => verifySignature(V4A_TAMPERED_SIGNATURE, partsOf(V4A)), -40001, V4A.keys);
  });

  it.each([
    ["empty", ""],
    ["one character short", V4A.signature.slice(0, -1)],
    ["one character long", `${V4A.signature}0`],
    ["upper-case hex", V4A.signature.toUpperCase()],
    ["multi-byte characters of the same string length", "é".repeat(40)],
  ])("rejects a signature that is %s", (_, signature) => {
    expectWecomError(() => verifySignature(signature, partsOf(V4A)), -40001, V4A.keys);
  });

  it.each([
    ["token", { token: `${V4A.keys.token}x` }],
    ["timestamp", { timestamp: "1583940691" }],
    ["nonce", { nonce: "VHh7ymSeb0jc4lSc" }],
    ["encrypt", { encrypt: V4A.encrypt.replace("6K", "6L") }],
  ])("rejects when the %s differs", (_, change) => {
    expectWecomError(() => verifySignature(V4A.signature, { ...partsOf(V4A), ...change }), -40001, V4A.keys);
  });
});
