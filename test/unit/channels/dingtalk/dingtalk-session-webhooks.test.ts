import { describe, expect, it } from "vitest";
import { createSessionWebhooks } from "../../../../src/channels/dingtalk/dingtalk-session-webhooks.js";
import { virtualTime } from "./dingtalk-send-kit.js";

const url = (session: string) => `https://oapi.dingtalk.com/robot/sendBySession?session=${session}`;

describe("createSessionWebhooks", () => {
  it("gives a person's 1:1 webhook while it is valid for more than the margin", () => {
    const time = virtualTime();
    const now = time.now().getTime();
    const webhooks = createSessionWebhooks({ clock: time, marginMs: 60_000 });
    webhooks.remember("u1", { url: url("a"), expiresAtMs: now + 5_400_000, conversationType: "1" });
    expect(webhooks.valid("u1", now)?.url).toBe(url("a"));
    expect(webhooks.valid("u1", now + 5_340_000 - 1)?.url).toBe(url("a"));
    expect(webhooks.valid("u1", now + 5_340_000)).toBeUndefined();
    expect(webhooks.valid("u2", now)).toBeUndefined();
  });

  it("keeps the latest webhook of a person, and drops an expired one when asked for it", () => {
    const time = virtualTime();
    const now = time.now().getTime();
    const webhooks = createSessionWebhooks({ clock: time });
    webhooks.remember("u1", { url: url("old"), expiresAtMs: now + 1_000_000, conversationType: "1" });
    webhooks.remember("u1", { url: url("new"), expiresAtMs: now + 2_000_000, conversationType: "1" });
    expect(webhooks.valid("u1", now)?.url).toBe(url("new"));
    expect(webhooks.valid("u1", now + 2_000_000)).toBeUndefined();
    expect(webhooks.size).toBe(0);
  });

  it("ignores group webhooks and URLs that are not http(s)", () => {
    const time = virtualTime();
    const now = time.now().getTime();
    const webhooks = createSessionWebhooks({ clock: time });
    webhooks.remember("u1", { url: url("group"), expiresAtMs: now + 5_400_000, conversationType: "2" });
    webhooks.remember("u2", {
      url: "file:///etc/passwd",
      expiresAtMs: now + 5_400_000,
      conversationType: "1",
    });
    webhooks.remember("u3", { url: "not a url", expiresAtMs: now + 5_400_000, conversationType: "1" });
    expect(webhooks.size).toBe(0);
  });

  it("stays within its size: expired entries go first, then those heard from longest ago", () => {
    const time = virtualTime();
    const now = time.now().getTime();
    const webhooks = createSessionWebhooks({ clock: time, maxEntries: 3 });
    webhooks.remember("expired", { url: url("x"), expiresAtMs: now + 1000, conversationType: "1" });
    webhooks.remember("a", { url: url("a"), expiresAtMs: now + 5_400_000, conversationType: "1" });
    webhooks.remember("b", { url: url("b"), expiresAtMs: now + 5_400_000, conversationType: "1" });
    time.advance(2000);
    webhooks.remember("c", { url: url("c"), expiresAtMs: now + 5_400_000, conversationType: "1" });
    expect(webhooks.size).toBe(3);
    expect(webhooks.valid("a", time.now().getTime())).toBeDefined();
    // "a" was asked for, not heard from again: it is still the oldest heard from.
    webhooks.remember("b", { url: url("b2"), expiresAtMs: now + 5_400_000, conversationType: "1" });
    webhooks.remember("d", { url: url("d"), expiresAtMs: now + 5_400_000, conversationType: "1" });
    expect(webhooks.size).toBe(3);
    expect(webhooks.valid("a", time.now().getTime())).toBeUndefined();
    for (const id of ["b", "c", "d"]) expect(webhooks.valid(id, time.now().getTime())).toBeDefined();
  });

  it("forgets a failed webhook only if it is still the person's", () => {
    const time = virtualTime();
    const now = time.now().getTime();
    const webhooks = createSessionWebhooks({ clock: time });
    webhooks.remember("u1", { url: url("new"), expiresAtMs: now + 5_400_000, conversationType: "1" });
    webhooks.forget("u1", url("old"));
    expect(webhooks.valid("u1", now)?.url).toBe(url("new"));
    webhooks.forget("u1", url("new"));
    expect(webhooks.valid("u1", now)).toBeUndefined();
  });
});
