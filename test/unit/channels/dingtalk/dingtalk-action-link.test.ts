import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  type ActionLinkClaims,
  actionLinkKey,
  cardNonce,
  signActionLink,
  verifyActionLink,
} from "../../../../src/channels/dingtalk/dingtalk-action-link.js";
import { SECRET } from "./dingtalk-cards-kit.js";

const NOW = Date.parse("2026-03-02T01:00:00.000Z");
const key = actionLinkKey(SECRET);
const claims: ActionLinkClaims = {
  cardId: "duban-0123456789abcdef0123456789abcdef01234567",
  actionKey: "ack",
  choice: "签收",
  userId: "manager4220",
  expiresAtMs: NOW + 7 * 24 * 3600_000,
  nonce: cardNonce(key, { idempotencyKey: "rem:52:u1", cardId: "c1", userId: "manager4220" }),
};

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("DingTalk action links", () => {
  it("round-trips the claims of a link it signed", () => {
    const token = signActionLink(claims, key);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyActionLink(token, key, NOW)).toEqual({ ok: true, claims });
  });

  it("refuses a token whose payload or signature was changed", () => {
    const token = signActionLink(claims, key);
    const [payload = "", signature = ""] = token.split(".");
    const flipped = `${signature.slice(0, -2)}${signature.at(-2) === "A" ? "B" : "A"}${signature.at(-1)}`;
    expect(verifyActionLink(`${payload}.${flipped}`, key, NOW)).toEqual({ ok: false, reason: "forged" });
    const decoded = JSON.parse(Buffer.from(payload, "base64url").toString());
    const choice = b64({ ...decoded, a: "complete" });
    expect(verifyActionLink(`${choice}.${signature}`, key, NOW)).toEqual({ ok: false, reason: "forged" });
    for (const bad of [
      "",
      ".",
      payload,
      `${payload}.`,
      `${token}.x`,
      `${payload}.${signature}=`,
      "x".repeat(2000),
    ])
      expect(verifyActionLink(bad, key, NOW)).toEqual({ ok: false, reason: "forged" });
  });

  it("does not let one person's link be turned into another's", () => {
    const [payload = "", signature = ""] = signActionLink(claims, key).split(".");
    const decoded = JSON.parse(Buffer.from(payload, "base64url").toString());
    const other = b64({ ...decoded, u: "0156_li" });
    expect(verifyActionLink(`${other}.${signature}`, key, NOW)).toEqual({ ok: false, reason: "forged" });
  });

  it("is signed with a key derived from the secret, never with the secret itself", () => {
    expect(key.equals(Buffer.from(SECRET))).toBe(false);
    const [payload = ""] = signActionLink(claims, key).split(".");
    // Someone who knew (or guessed) the construction but signed with the raw secret gets nowhere.
    for (const macKey of [SECRET, Buffer.from(SECRET)]) {
      const mac = createHmac("sha256", macKey).update(`dingtalk-act.${payload}`).digest("base64url");
      expect(verifyActionLink(`${payload}.${mac}`, key, NOW)).toEqual({ ok: false, reason: "forged" });
    }
    // Another app's secret makes another key.
    expect(verifyActionLink(signActionLink(claims, key), actionLinkKey(`${SECRET}x`), NOW).ok).toBe(false);
  });

  it("expires: genuine but past its time, its claims still readable for the page", () => {
    const token = signActionLink(claims, key);
    expect(verifyActionLink(token, key, claims.expiresAtMs).ok).toBe(true);
    expect(verifyActionLink(token, key, claims.expiresAtMs + 1)).toEqual({
      ok: false,
      reason: "expired",
      claims,
    });
  });

  it("refuses a signed payload of the wrong shape as foreign", () => {
    const payload = b64({ v: 2, c: "c", a: "ack", t: "", u: "u", e: 1, n: "n".repeat(16) });
    const mac = createHmac("sha256", key).update(`dingtalk-act.${payload}`).digest("base64url");
    expect(verifyActionLink(`${payload}.${mac}`, key, NOW)).toEqual({ ok: false, reason: "forged" });
  });

  it("gives each person's card its own nonce, the same again for the same send", () => {
    const one = { idempotencyKey: "k", cardId: "c1", userId: "u1" };
    expect(cardNonce(key, one)).toBe(cardNonce(key, { ...one }));
    expect(cardNonce(key, one)).not.toBe(cardNonce(key, { ...one, userId: "u2" }));
    expect(cardNonce(key, one)).not.toBe(cardNonce(key, { ...one, idempotencyKey: "k2" }));
    expect(cardNonce(key, one)).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });
});
