import nock from "nock";
import { describe, expect, it } from "vitest";
import { createMemoryTokenCache } from "../../../../src/channels/access-token-cache.js";
import type { SharedCounters } from "../../../../src/channels/channel-plugin.js";
import { createDingtalkApi } from "../../../../src/channels/dingtalk/dingtalk-api.js";
import type { DingtalkCall } from "../../../../src/channels/dingtalk/dingtalk-contracts.js";
import { createDingtalkQuota, monthOf } from "../../../../src/channels/dingtalk/dingtalk-quota.js";
import {
  APP,
  fakeCounters,
  OPENAPI,
  recordingFetch,
  recordingLogger,
  replyToken,
  virtualTime,
} from "./dingtalk-send-kit.js";

// 2026-03-11 12:00 in Shanghai: 10.5 of March's 31 days have gone.
const MID_MARCH = "2026-03-11T04:00:00Z";
// April begins in Shanghai at 2026-03-31T16:00Z.
const APRIL_SHANGHAI = Date.parse("2026-03-31T16:00:00Z");
const KEY = `dingtalk:quota:${APP.clientId}:2026-03`;

function setup(monthlyQuota: number, iso = MID_MARCH, counters?: SharedCounters) {
  const time = virtualTime(iso);
  const shared = counters ?? fakeCounters(time);
  const notices: Array<{ key: string; text: string }> = [];
  const { logger, lines } = recordingLogger();
  const quota = createDingtalkQuota({
    clientId: APP.clientId,
    monthlyQuota,
    counters: shared,
    clock: time,
    logger,
    notifyAdmins: (notice) => notices.push(notice),
  });
  return { time, quota, notices, lines, counters: shared };
}

async function takeTimes(quota: ReturnType<typeof createDingtalkQuota>, n: number) {
  const answers = [];
  for (let i = 0; i < n; i++) answers.push(await quota.take());
  return answers;
}

describe("monthOf", () => {
  it("follows the calendar month in Asia/Shanghai, whatever the host's zone", () => {
    expect(monthOf(new Date("2026-03-31T15:59:59.999Z")).label).toBe("2026-03");
    expect(monthOf(new Date("2026-03-31T16:00:00Z"))).toEqual({
      label: "2026-04",
      startMs: APRIL_SHANGHAI,
      nextMs: Date.parse("2026-04-30T16:00:00Z"),
    });
    expect(monthOf(new Date("2026-12-31T16:30:00Z")).label).toBe("2027-01");
  });
});

describe("createDingtalkQuota", () => {
  it("counts each metered call in the shared counters, per organisation and month, kept a week past the month", async () => {
    const time = virtualTime(MID_MARCH);
    const expiries: Date[] = [];
    const inner = fakeCounters(time);
    const counters: SharedCounters = {
      add: (key, by, expiresAt) => {
        expiries.push(expiresAt);
        return inner.add(key, by, expiresAt);
      },
      read: inner.read,
    };
    const { quota } = setup(100, MID_MARCH, counters);
    await takeTimes(quota, 3);
    expect(inner.totals.get(KEY)).toBe(3);
    expect(expiries[0]?.toISOString()).toBe(new Date(APRIL_SHANGHAI + 7 * 86_400_000).toISOString());
  });

  it("tells the admins once at 80%, with the projection to the month's end", async () => {
    const { quota, notices } = setup(100);
    const answers = await takeTimes(quota, 90);
    expect(answers.every((a) => a === undefined)).toBe(true);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.key).toBe(`dingtalk-quota-80/${APP.clientId}/2026-03`);
    // 80 calls in 10.5 of 31 days: about 236 by the month's end.
    expect(notices[0]?.text).toContain("按当前速度，本月预计调用约 236 次，额度 100 次");
    expect(notices[0]?.text).toContain("DINGTALK_MONTHLY_QUOTA");
  });

  it("projects within the quota without the advice to raise it", async () => {
    // 80 of 100 on the 30th: 80 / (29.5 / 31) ≈ 84.
    const { quota, notices } = setup(100, "2026-03-30T04:00:00Z");
    await takeTimes(quota, 80);
    expect(notices[0]?.text).toContain("本月预计调用约 84 次，额度 100 次");
    expect(notices[0]?.text).not.toContain("预计月底前用完");
  });

  it("once spent, answers quota-spent until the first instant of the next month in Shanghai, telling the admins once", async () => {
    const { time, quota, notices, counters } = setup(10, "2026-03-31T15:00:00Z");
    const allowed = await takeTimes(quota, 10);
    expect(allowed.every((a) => a === undefined)).toBe(true);
    const refused = await takeTimes(quota, 3);
    for (const failure of refused)
      expect(failure).toMatchObject({
        kind: "quota-spent",
        retryAfterMs: APRIL_SHANGHAI - time.now().getTime(),
      });
    expect(refused[0]?.message).toContain("2026年4月1日");
    expect(quota.spent()).toMatchObject({ kind: "quota-spent" });
    const spentNotices = notices.filter((n) => n.key.startsWith("dingtalk-quota-spent/"));
    expect(spentNotices).toEqual([
      { key: `dingtalk-quota-spent/${APP.clientId}/2026-03`, text: expect.stringContaining("额度 10 次") },
    ]);
    // The refused calls were not counted: the count stays at what was made.
    await expect(counters.read(KEY, time.now())).resolves.toBe(10);
    time.advance(APRIL_SHANGHAI - 1 - time.now().getTime());
    expect(await quota.take()).toMatchObject({ kind: "quota-spent", retryAfterMs: 1 });
    time.advance(1);
    expect(quota.spent()).toBeUndefined();
    expect(await quota.take()).toBeUndefined();
  });

  it("stops when another instance spent the last call, and resumes at a raised quota after a restart", async () => {
    const first = setup(5);
    await takeTimes(first.quota, 5);
    const other = setup(5, MID_MARCH, first.counters);
    expect(await other.quota.take()).toMatchObject({ kind: "quota-spent" });
    const restarted = setup(8, MID_MARCH, first.counters);
    expect(await restarted.quota.take()).toBeUndefined();
  });

  it("counts in this process, with one warning, when the store's counters are not wired", async () => {
    const time = virtualTime(MID_MARCH);
    const { logger, lines } = recordingLogger();
    const quota = createDingtalkQuota({
      clientId: APP.clientId,
      monthlyQuota: 2,
      clock: time,
      logger,
      notifyAdmins: () => {},
    });
    expect(await quota.take()).toBeUndefined();
    expect(await quota.take()).toBeUndefined();
    expect(await quota.take()).toMatchObject({ kind: "quota-spent" });
    expect(lines.filter((l) => l.includes("counted per process"))).toHaveLength(1);
  });
});

describe("the quota in the OpenAPI client", () => {
  const metered: DingtalkCall = {
    method: "POST",
    path: "/v1.0/robot/oToMessages/batchSend",
    body: {},
    metered: true,
  };
  const unmetered: DingtalkCall = { ...metered, path: "/v1.0/robot/oToMessages/readStatus", metered: false };

  // One token store for the instances, as Redis is in production.
  const tokenCache = createMemoryTokenCache(virtualTime(MID_MARCH));

  function client(time: ReturnType<typeof virtualTime>, counters: SharedCounters, notices: unknown[]) {
    const recorder = recordingFetch(time);
    const api = createDingtalkApi({
      tokenCache,
      config: { ...APP, monthlyQuota: 1000 },
      clock: time,
      sleep: time.sleep,
      counters,
      notifyAdmins: (n) => notices.push(n),
      fetch: recorder.fetch,
    });
    return { api, sent: recorder.sent };
  }

  it("counts metered calls only", async () => {
    const time = virtualTime(MID_MARCH);
    const counters = fakeCounters(time);
    const scope = replyToken(nock(OPENAPI), "tok-0001");
    scope.post(metered.path).reply(200, {});
    scope.post(unmetered.path).reply(200, {});
    const { api } = client(time, counters, []);
    await time.run(api.call(metered));
    await time.run(api.call(unmetered));
    expect(counters.totals.get(KEY)).toBe(1);
  });

  it("stops every instance when DingTalk answers 90020, holding messages until the month turns", async () => {
    const time = virtualTime(MID_MARCH);
    const counters = fakeCounters(time);
    const notices: Array<{ key: string; text: string }> = [];
    const scope = replyToken(nock(OPENAPI), "tok-0001");
    scope.post(metered.path).reply(200, {
      errcode: 90020,
      errmsg: "您的企业本月api调用量已超过限制，调用量:10001次，额度:10000次",
    });
    const one = client(time, counters, notices);
    const answer = await time.run(one.api.call(metered));
    expect(answer).toMatchObject({
      ok: false,
      failure: { kind: "quota-spent", retryAfterMs: APRIL_SHANGHAI - time.now().getTime() },
    });
    expect(notices).toEqual([
      { key: `dingtalk-quota-spent/${APP.clientId}/2026-03`, text: expect.stringContaining("钉钉答复") },
    ]);
    // This instance makes no further metered call, and neither does another one on the same store.
    const two = client(time, counters, []);
    await expect(time.run(one.api.call(metered))).resolves.toMatchObject({
      ok: false,
      failure: { kind: "quota-spent" },
    });
    await expect(time.run(two.api.call(metered))).resolves.toMatchObject({
      ok: false,
      failure: { kind: "quota-spent" },
    });
    expect(one.sent.filter((s) => s.path === metered.path)).toHaveLength(1);
    expect(two.sent).toHaveLength(0);
    // Unmetered calls still go.
    scope.post(unmetered.path).reply(200, { ok: 1 });
    await expect(time.run(one.api.call(unmetered))).resolves.toMatchObject({ ok: true });
  });
});
