import { describe, expect, it } from "vitest";
import { csrfTokenFor, csrfTokenMatches, isCrossSite } from "../../../../src/web/auth/csrf-token.js";
import { createWebKeys } from "../../../../src/web/auth/web-keys.js";

describe("CSRF tokens", () => {
  const keys = createWebKeys("another-test-secret-of-32-characters-or-more");

  it("match their own session only, and only under the same secret", () => {
    const token = csrfTokenFor(keys, "session-a-0123456789");
    expect(csrfTokenMatches(keys, "session-a-0123456789", token)).toBe(true);
    expect(csrfTokenMatches(keys, "session-b-0123456789", token)).toBe(false);
    expect(csrfTokenMatches(keys, "session-a-0123456789", "")).toBe(false);
    expect(csrfTokenMatches(keys, "session-a-0123456789", `${token}x`)).toBe(false);
    const other = createWebKeys("another-test-secret-of-32-characters-or-mor_");
    expect(csrfTokenMatches(other, "session-a-0123456789", token)).toBe(false);
  });

  it("is no session signature: the session key signs something else", () => {
    expect(csrfTokenFor(keys, "s")).not.toBe(keys.sign("session", "s"));
  });
});

describe("cross-site requests", () => {
  const own = "https://duban.example.gov.cn";
  it("are those whose Origin is another, or whose Sec-Fetch-Site is not same-origin", () => {
    expect(isCrossSite({ origin: own, secFetchSite: "same-origin" }, own)).toBe(false);
    expect(isCrossSite({ secFetchSite: "none" }, own)).toBe(false);
    expect(isCrossSite({}, own)).toBe(false);
    expect(isCrossSite({ origin: "https://evil.example" }, own)).toBe(true);
    // An opaque origin (Chromium's forms under Referrer-Policy: no-referrer) decides nothing: the
    // token does; Sec-Fetch-Site, where sent, is the browser's own word.
    expect(isCrossSite({ origin: "null" }, own)).toBe(false);
    expect(isCrossSite({ origin: "null", secFetchSite: "same-origin" }, own)).toBe(false);
    expect(isCrossSite({ origin: "null", secFetchSite: "cross-site" }, own)).toBe(true);
    expect(isCrossSite({ origin: "http://duban.example.gov.cn" }, own)).toBe(true);
    expect(isCrossSite({ secFetchSite: "cross-site" }, own)).toBe(true);
    expect(isCrossSite({ secFetchSite: "same-site" }, own)).toBe(true);
  });
});
