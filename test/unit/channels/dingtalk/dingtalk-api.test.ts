import nock from "nock";
import { describe, expect, it } from "vitest";
import { createDingtalkApi } from "../../../../src/channels/dingtalk/dingtalk-api.js";
import type { DingtalkCall } from "../../../../src/channels/dingtalk/dingtalk-contracts.js";
import {
  APP,
  maxInAnySecond,
  OPENAPI,
  recordingFetch,
  recordingLogger,
  replyToken,
  virtualTime,
} from "./dingtalk-send-kit.js";

const TOKEN = "dingaccesstoken0001";
const ROBOT = "/v1.0/robot/oToMessages/batchSend";
const CARD = "/v1.0/card/instances";
const send: DingtalkCall = { method: "POST", path: ROBOT, body: { userIds: ["u1"] }, metered: false };

function setup(options: { qpsLimit?: number; timeoutMs?: number } = {}) {
  const time = virtualTime();
  const scope = replyToken(nock(OPENAPI), TOKEN);
  const { logger, lines } = recordingLogger();
  const recorder = recordingFetch(time);
  const api = createDingtalkApi({
    config: { ...APP, qpsLimit: options.qpsLimit ?? APP.qpsLimit },
    clock: time,
    sleep: time.sleep,
    random: () => 0.5,
    logger,
    fetch: recorder.fetch,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  const calls = () => recorder.sent.filter((s) => s.path !== "/v1.0/oauth2/accessToken");
  return { time, scope, api, lines, calls };
}

describe("createDingtalkApi: what an answer means", () => {
  const cases: Array<{
    name: string;
    path?: string;
    reply: (scope: nock.Interceptor) => nock.Scope;
    failure: Record<string, unknown>;
    says?: string;
  }> = [
    {
      name: "403 QpsLimitForApi → rate-limited, retry in 1–2 s",
      reply: (i) => i.reply(403, { code: "Forbidden.AccessDenied.QpsLimitForApi", message: "qps" }),
      failure: { kind: "rate-limited", code: "Forbidden.AccessDenied.QpsLimitForApi", retryAfterMs: 1500 },
    },
    {
      name: "90020 → quota-spent",
      reply: (i) =>
        i.reply(200, {
          errcode: 90020,
          errmsg: "您的企业本月api调用量已超过限制，调用量:10001次，额度:10000次",
        }),
      failure: { kind: "quota-spent", code: "90020" },
    },
    {
      name: "403 ApiCountLimitForOrg → quota-spent",
      reply: (i) =>
        i.reply(403, {
          code: "Forbidden.AccessDenied.ApiCountLimitForOrg",
          message: "本月api调用量已超过限制",
        }),
      failure: { kind: "quota-spent", code: "Forbidden.AccessDenied.ApiCountLimitForOrg" },
    },
    {
      name: "403 AccessTokenPermissionDenied → permission, naming the scope DingTalk names",
      reply: (i) =>
        i.reply(403, {
          code: "Forbidden.AccessDenied.AccessTokenPermissionDenied",
          message: "没有调用该接口的权限",
          accessdenieddetail: { requiredScopes: ["qyapi_robot_sendmsg"] },
        }),
      failure: {
        kind: "permission",
        code: "Forbidden.AccessDenied.AccessTokenPermissionDenied",
        httpStatus: 403,
      },
      says: "qyapi_robot_sendmsg",
    },
    {
      name: "a card call refused without a named scope → the card write permission",
      path: CARD,
      reply: (i) =>
        i.reply(403, { code: "Forbidden.AccessDenied.AccessTokenPermissionDenied", message: "无权限" }),
      failure: { kind: "permission" },
      says: "Card.Instance.Write",
    },
    {
      name: "403 IpNotInWhiteList → permission",
      reply: (i) => i.reply(403, { code: "Forbidden.AccessDenied.IpNotInWhiteList", message: "ip" }),
      failure: { kind: "permission", code: "Forbidden.AccessDenied.IpNotInWhiteList" },
      says: "白名单",
    },
    {
      name: "400 invalidParameter.* → bad-request, with DingTalk's words",
      reply: (i) => i.reply(400, { code: "invalidParameter.userIds.overMax", message: "userIds超过上限" }),
      failure: { kind: "bad-request", code: "invalidParameter.userIds.overMax" },
      says: "userIds超过上限",
    },
    {
      name: "400 param.* → bad-request",
      path: CARD,
      reply: (i) => i.reply(400, { code: "param.contentUnsafe", message: "内容不安全" }),
      failure: { kind: "bad-request", code: "param.contentUnsafe" },
    },
    {
      name: "an HTML page → ip-banned for five minutes",
      reply: (i) => i.reply(403, "<html><body>访问受限</body></html>", { "content-type": "text/html" }),
      failure: { kind: "ip-banned", retryAfterMs: 300_000 },
    },
    {
      name: "a 200 HTML page → ip-banned too",
      reply: (i) => i.reply(200, "<!doctype html><title>busy</title>"),
      failure: { kind: "ip-banned" },
    },
    {
      name: "503 (even as HTML) → transient",
      reply: (i) => i.reply(503, "<html>Service Unavailable</html>"),
      failure: { kind: "transient", httpStatus: 503 },
    },
    {
      name: "connection refused → transient",
      reply: (i) => i.replyWithError({ code: "ECONNREFUSED" }),
      failure: { kind: "transient" },
      says: "ECONNREFUSED",
    },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const { time, scope, api, lines } = setup();
      c.reply(scope.post(c.path ?? ROBOT));
      const answer = await time.run(api.call({ ...send, path: c.path ?? ROBOT }));
      expect(answer).toMatchObject({ ok: false, failure: c.failure });
      if (c.says) expect(answer.ok ? "" : answer.failure.message).toContain(c.says);
      expect(JSON.stringify(answer) + lines.join("\n")).not.toContain(TOKEN);
      expect(scope.isDone()).toBe(true);
    });
  }

  it("a call that takes too long → transient (TimeoutError)", async () => {
    const { time, scope, api } = setup({ timeoutMs: 50 });
    scope.post(ROBOT).delay(500).reply(200, {});
    const answer = await time.run(api.call(send));
    expect(answer).toMatchObject({ ok: false, failure: { kind: "transient" } });
    expect(answer.ok ? "" : answer.failure.message).toMatch(/Timeout|Abort/);
  });

  it("reads a 200 with JSON as success, and the old API's errcode 0 too", async () => {
    const { time, scope, api } = setup();
    scope.post(ROBOT).reply(200, { processQueryKey: "pqk-1" });
    scope.post(ROBOT).reply(200, { errcode: 0, errmsg: "ok" });
    await expect(time.run(api.call(send))).resolves.toEqual({ ok: true, body: { processQueryKey: "pqk-1" } });
    await expect(time.run(api.call(send))).resolves.toMatchObject({ ok: true });
  });
});

describe("createDingtalkApi: holding calls back", () => {
  it("after a non-JSON answer sends nothing for five minutes, then resumes", async () => {
    const { time, scope, api, calls } = setup();
    scope.post(ROBOT).reply(403, "<html>banned</html>");
    await time.run(api.call(send));
    time.advance(299_000);
    const during = await time.run(api.call(send));
    expect(during).toMatchObject({ ok: false, failure: { kind: "ip-banned", retryAfterMs: 1000 } });
    expect(api.blocked()).toMatchObject({ kind: "ip-banned" });
    expect(calls()).toHaveLength(1);
    time.advance(1000);
    scope.post(ROBOT).reply(200, { processQueryKey: "after" });
    await expect(time.run(api.call(send))).resolves.toMatchObject({ ok: true });
    expect(api.blocked()).toBeUndefined();
    expect(calls()).toHaveLength(2);
  });

  it("after QpsLimitForApi holds every other call of the app for the back-off", async () => {
    const { time, scope, api, calls } = setup();
    scope.post(ROBOT).reply(403, { code: "Forbidden.AccessDenied.QpsLimitForApi" });
    scope.post(ROBOT).times(2).reply(200, {});
    const refused = await time.run(api.call(send));
    expect(refused).toMatchObject({ ok: false, failure: { kind: "rate-limited", retryAfterMs: 1500 } });
    const refusedAt = calls()[0]?.atMs ?? 0;
    await time.run(Promise.all([api.call(send), api.call(send)]));
    const after = calls().slice(1);
    expect(after).toHaveLength(2);
    for (const c of after) expect(c.atMs - refusedAt).toBeGreaterThanOrEqual(1500);
  });

  it("paces calls at 75% of the edition's QPS: no second sees more than 15 of 20", async () => {
    const { time, scope, api, calls } = setup({ qpsLimit: 20 });
    scope.post(ROBOT).times(60).reply(200, {});
    const answers = await time.run(Promise.all(Array.from({ length: 60 }, () => api.call(send))));
    expect(answers.every((a) => a.ok)).toBe(true);
    const at = calls().map((c) => c.atMs);
    expect(at).toHaveLength(60);
    expect(maxInAnySecond(at)).toBeLessThanOrEqual(15);
    // …and no slower than that: 60 calls take four seconds, not more.
    expect((at.at(-1) ?? 0) - (at[0] ?? 0)).toBeLessThan(4000);
  });

  it("paces at 45 a second on a 60 QPS edition", async () => {
    const { time, scope, api, calls } = setup({ qpsLimit: 60 });
    scope.post(ROBOT).times(90).reply(200, {});
    await time.run(Promise.all(Array.from({ length: 90 }, () => api.call(send))));
    expect(maxInAnySecond(calls().map((c) => c.atMs))).toBeLessThanOrEqual(45);
  });
});
