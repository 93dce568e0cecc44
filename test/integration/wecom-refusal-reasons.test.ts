import { afterEach, describe, expect, it } from "vitest";
import type { WecomRefusal } from "../../src/channels/wecom/wecom-route.js";
import { fixedClock } from "../../src/shared/clock.js";
import { OFFICIAL_KEYS, V1_RAW_QUERY } from "../fixtures/wecom/vectors.js";
import { startWecomApp, type WecomTestApp } from "../fixtures/wecom/wecom-app.js";
import { sealWecomCallback } from "../helpers/wecom-request.js";
import { readFixture } from "../unit/channels/wecom/wecom-test-kit.js";

const NOW = new Date("2026-01-01T00:00:05Z");
const NOW_S = String(NOW.getTime() / 1000);
const KEYS = { ...OFFICIAL_KEYS, replayWindowS: 300 };

let app: WecomTestApp | undefined;
afterEach(async () => {
  await app?.close();
});

// What the metrics count as duban_inbound_refusals_total{reason}: one word per refusal, from a fixed set.
describe("the WeCom route tells why it refused a callback", () => {
  it("names a forgery, a replay, a malformed or oversized body, and tells nothing for what it accepts", async () => {
    const reasons: WecomRefusal[] = [];
    app = await startWecomApp({
      config: KEYS,
      clock: fixedClock(NOW),
      maxBodyBytes: 4096,
      onRefused: (reason) => reasons.push(reason),
    });
    const post = (search: string, body: string) =>
      fetch(`${app?.base}/wecom/callback?${search}`, { method: "POST", body });
    const sealed = (timestamp: string) =>
      sealWecomCallback(readFixture("text-message.xml"), KEYS, { timestamp });

    const fresh = sealed(NOW_S);
    expect((await post(fresh.search, fresh.body)).status).toBe(200);
    expect(reasons).toEqual([]);

    expect(
      (await fetch(`${app.base}/wecom/callback?${V1_RAW_QUERY.replace("5c45ff", "5c45fe")}`)).status,
    ).toBe(401);
    const stale = sealed(String(Number(NOW_S) - 301));
    expect((await post(stale.search, stale.body)).status).toBe(401);
    expect((await post(fresh.search, "<xml><Encrypt>")).status).toBe(400);
    const padded = fresh.body.replace("</xml>", `<Pad>${"x".repeat(5000)}</Pad></xml>`);
    expect((await post(fresh.search, padded)).status).toBe(400);
    expect(reasons).toEqual(["unauthorised", "replay", "malformed", "too-large"]);
  });
});
