import { describe, expect, it } from "vitest";
import {
  createSignInToken,
  readSignInToken,
  SIGN_IN_LINK_MS,
  signInClaimKey,
} from "../../../../src/web/auth/sign-in-token.js";
import { createWebKeys } from "../../../../src/web/auth/web-keys.js";

const SECRET = "a-test-secret-of-at-least-32-characters!";
const NOW = new Date("2021-03-22T01:00:00Z");
const later = (ms: number) => new Date(NOW.getTime() + ms);

describe("sign-in tokens", () => {
  const keys = createWebKeys(SECRET);

  it("reads back the person, an expiry 10 minutes on and a nonce of its own", () => {
    const token = createSignInToken(keys, "wecom:demo.leader01", NOW);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const read = readSignInToken(keys, token, later(SIGN_IN_LINK_MS - 1));
    expect(read).toMatchObject({
      ok: true,
      claim: { personId: "wecom:demo.leader01", expiresAt: NOW.getTime() + 10 * 60_000 },
    });
    const other = readSignInToken(keys, createSignInToken(keys, "wecom:demo.leader01", NOW), NOW);
    if (!read.ok || !other.ok) throw new Error("unread");
    expect(signInClaimKey(read.claim)).toMatch(/^web-login:[A-Za-z0-9_-]{24}$/);
    expect(other.claim.nonce).not.toBe(read.claim.nonce);
  });

  it("refuses it once 10 minutes have passed", () => {
    const token = createSignInToken(keys, "p", NOW);
    expect(readSignInToken(keys, token, later(SIGN_IN_LINK_MS))).toEqual({ ok: false, problem: "expired" });
  });

  it("refuses a token from the future (a clock set back, or one it did not make)", () => {
    const token = createSignInToken(keys, "p", later(SIGN_IN_LINK_MS));
    expect(readSignInToken(keys, token, NOW)).toEqual({ ok: false, problem: "expired" });
  });

  it("refuses a tampered payload, a tampered signature and another secret's token", () => {
    const token = createSignInToken(keys, "wecom:demo.u06.contact", NOW);
    const [body = "", signature = ""] = token.split(".");
    const payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...payload, personId: "wecom:demo.admin1" })).toString(
      "base64url",
    );
    const invalid = { ok: false, problem: "invalid" };
    expect(readSignInToken(keys, `${forged}.${signature}`, NOW)).toEqual(invalid);
    const flipped = signature.slice(0, -1) + (signature.endsWith("A") ? "B" : "A");
    expect(readSignInToken(keys, `${body}.${flipped}`, NOW)).toEqual(invalid);
    expect(readSignInToken(keys, body, NOW)).toEqual(invalid);
    expect(readSignInToken(keys, "", NOW)).toEqual(invalid);
    expect(readSignInToken(createWebKeys(`${SECRET}x`), token, NOW)).toEqual(invalid);
    // Without DUBAN_WEB_SECRET each process has its own key.
    expect(readSignInToken(createWebKeys(undefined), token, NOW)).toEqual(invalid);
  });

  it("is no session cookie: a value signed for one purpose fails for another", () => {
    const signed = keys.sign("session", "x");
    expect(keys.verify("session", "x", signed)).toBe(true);
    expect(keys.verify("sign-in-link", "x", signed)).toBe(false);
    expect(keys.verify("csrf", "x", signed)).toBe(false);
  });
});
